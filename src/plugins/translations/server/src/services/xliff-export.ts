/** Exports translation units of the chosen types and states as an XLIFF document. */
import type { Core } from '@strapi/strapi';
import { stateOf, type TranslationState } from '../lib/status';
import { unitId } from '../lib/unit-id';
import { currentTargets, documentUnits, sourceDigest } from '../lib/units';
import {
  buildXliff,
  type FileInput,
  type GroupInput,
  type UnitInput,
  type XliffVersion,
} from '../lib/xliff';
import { getService } from '../utils';
import { labelOf } from './content';

export interface ExportOptions {
  sourceLocale?: string;
  targetLocale: string;
  only?: TranslationState[];
  types?: string[];
  format?: XliffVersion;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  xml: string;
  documents: number;
  units: number;
}

const xliffExport = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Builds the XLIFF file: one unit per text field, one group of units per blocks field. */
  async export(options: ExportOptions): Promise<ExportResult> {
    const content = getService(strapi, 'content');
    const status = getService(strapi, 'status');
    const { source, targets } = await status.resolveLocales(options.sourceLocale, [
      options.targetLocale,
    ]);
    const target = targets[0];
    const types = status.resolveTypes(options.types);
    const files: FileInput[] = [];
    let documents = 0;
    let unitCount = 0;
    let done = 0;
    for (const type of types) {
      const sources = await content.draftVersions(type, source);
      const targetVersions = new Map(
        (await content.draftVersions(type, target)).map((entry) => [
          String(entry.documentId),
          entry,
        ])
      );
      const recorded = await content.recordedDigests(type.uid, source);
      const items: FileInput['items'] = [];
      const sorted = [...sources].sort((a, b) => labelOf(type, a).localeCompare(labelOf(type, b)));
      for (const sourceEntry of sorted) {
        done += 1;
        const documentId = String(sourceEntry.documentId);
        const targetEntry = targetVersions.get(documentId) ?? null;
        const state = stateOf(
          sourceDigest(type.fields, sourceEntry),
          targetEntry !== null,
          recorded.get(`${documentId}|${target}`)
        );
        if (options.only && options.only.length > 0 && !options.only.includes(state)) continue;
        const label = labelOf(type, sourceEntry);
        const existing = currentTargets(type.fields, sourceEntry, targetEntry);
        const groups = new Map<string, GroupInput>();
        const units = documentUnits(type.fields, sourceEntry);
        if (units.length === 0) continue;
        documents += 1;
        for (const unit of units) {
          unitCount += 1;
          const notes = [
            `type: ${type.displayName} (${type.uid})`,
            `field: ${unit.group ? `${unit.group}, block ${unit.path.slice(unit.group.length + 1)}` : unit.path}`,
            `document: ${label}`,
            `state: ${state}`,
          ];
          const input: UnitInput = {
            id: unitId(type.uid, documentId, unit.path),
            source: unit.content,
            notes,
          };
          const current = existing.get(unit.path);
          if (current) input.target = current;
          if (unit.group) {
            const groupId = unitId(type.uid, documentId, unit.group);
            let group = groups.get(groupId);
            if (!group) {
              group = { id: groupId, units: [] };
              groups.set(groupId, group);
              items.push(group);
            }
            group.units.push(input);
          } else {
            items.push(input);
          }
        }
        options.onProgress?.(done, sources.length);
      }
      if (items.length > 0) files.push({ id: type.uid, items });
    }
    const xml = buildXliff({
      version: options.format ?? '2.0',
      sourceLanguage: source,
      targetLanguage: target,
      files,
    });
    return { xml, documents, units: unitCount };
  },
});

export type XliffExportService = ReturnType<typeof xliffExport>;
export default xliffExport;
