/** Exports translation units of the chosen types and states as an XLIFF document. */
import type { Core } from '@strapi/strapi';
import type { PreviewUrl } from '../config';
import { editViewLabels, type FieldLabels } from '../internals';
import { fieldAt, type FieldSpec } from '../lib/fields';
import { stateOf, type TranslationState } from '../lib/status';
import { unitId } from '../lib/unit-id';
import { currentTargets, documentUnits, sourceDigest, type Entry } from '../lib/units';
import { plainText } from '../lib/inline';
import { termsIn } from '../lib/glossary-match';
import { glossaryNotes12, glossaryXml20 } from '../lib/glossary-xliff';
import {
  altTransXml12,
  changeTrackXml20,
  previousVersionXml12,
  matchesXml20,
  type Candidate,
  type FileInput,
  type GroupInput,
  type UnitInput,
  type XliffState,
  type XliffFrame,
  type XliffVersion,
  xliffPieces,
} from '../lib/xliff';
import { getService } from '../utils';
import { labelOf, type TypeInfo } from './content';

/** The XLIFF state of an existing target, from the document's translation state. */
const TARGET_STATE: Record<TranslationState, { state: XliffState; state12?: string }> = {
  translated: { state: 'translated' },
  outdated: { state: 'initial', state12: 'needs-review-translation' },
  unknown: { state: 'initial', state12: 'needs-review-translation' },
  missing: { state: 'initial' },
};

/**
 * The field's name for a translator: the edit-view label of each step with the path
 * (`Links › Label (links.0.label)`), the block number for a blocks field.
 */
export function fieldNote(
  fields: readonly FieldSpec[],
  uid: string,
  path: string,
  group: string | undefined,
  labels: (owner: string) => FieldLabels
): string {
  const found = fieldAt(fields, uid, group ?? path);
  const names = found
    ? found.steps.map((step) => labels(step.owner)[step.name] ?? step.name).join(' › ')
    : path;
  const block = group ? `, block ${path.slice(group.length + 1)}` : '';
  return `Field: ${names} (${group ?? path})${block}`;
}

/** Loads the edit-view labels of a type and its components once per export. */
async function loadLabels(
  strapi: Core.Strapi,
  types: readonly TypeInfo[]
): Promise<Map<string, FieldLabels>> {
  const owners = new Map<string, boolean>();
  const visit = (fields: readonly FieldSpec[]): void => {
    for (const field of fields)
      if (field.kind === 'component') {
        owners.set(field.component, true);
        visit(field.fields);
      }
  };
  for (const type of types) {
    owners.set(type.uid, false);
    visit(type.fields);
  }
  const labels = new Map<string, FieldLabels>();
  for (const [owner, isComponent] of owners)
    labels.set(owner, await editViewLabels(strapi, owner, isComponent));
  return labels;
}

async function previewOf(
  strapi: Core.Strapi,
  uid: string,
  entry: Entry,
  locale: string
): Promise<string | null> {
  const builder = strapi.plugin('translations').config('previewUrl') as PreviewUrl | undefined;
  if (!builder) return null;
  try {
    return (await builder(uid, entry, locale)) ?? null;
  } catch (error) {
    strapi.log.warn(
      `translations: previewUrl failed for ${uid} ${String(entry.documentId)}: ${String(error)}`
    );
    return null;
  }
}

export interface ExportOptions {
  sourceLocale?: string;
  targetLocale: string;
  only?: TranslationState[];
  types?: string[];
  format?: XliffVersion;
  onProgress?: (done: number, total: number) => void;
  /** Pre-fill and attach matches from the translation memory (default true). */
  memory?: boolean;
  /** Documents read at a time (default 200); the bytes do not depend on it. */
  batchSize?: number;
}

export interface ExportResult {
  xml: string;
  documents: number;
  units: number;
}

/** What a streamed export wrote (its bytes went to the `write` callback). */
export type ExportCounts = Omit<ExportResult, 'xml'>;

/**
 * Documents read and serialised at a time: an export holds one batch of documents (source and
 * target versions) in memory, not the whole content.
 */
const BATCH_SIZE = 200;

const xliffExport = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Builds the XLIFF file in memory (the admin and HTTP paths): `stream` collected. */
  async export(options: ExportOptions): Promise<ExportResult> {
    const chunks: string[] = [];
    const counts = await this.stream(options, (chunk) => {
      chunks.push(chunk);
    });
    return { xml: chunks.join(''), ...counts };
  },

  /**
   * Writes the XLIFF file piece by piece to `write` as documents are read in batches: one unit
   * per text field, one group of units per blocks field. Nothing is written when no unit
   * matches (XLIFF requires at least one unit); the caller sees `units: 0`.
   */
  async stream(
    options: ExportOptions,
    write: (chunk: string) => void | Promise<void>
  ): Promise<ExportCounts> {
    const content = getService(strapi, 'content');
    const status = getService(strapi, 'status');
    const { source, targets } = await status.resolveLocales(options.sourceLocale, [
      options.targetLocale,
    ]);
    const target = targets[0];
    const types = status.resolveTypes(options.types);
    const labels = await loadLabels(strapi, types);
    const labelsOf = (owner: string): FieldLabels => labels.get(owner) ?? {};
    const version = options.format ?? '2.0';
    const memory =
      options.memory === false ? null : await getService(strapi, 'memory').index(source, target);
    const termBase = await getService(strapi, 'glossary').termBase();
    const frame: XliffFrame = { version, sourceLanguage: source, targetLanguage: target };
    let documents = 0;
    let unitCount = 0;
    let done = 0;
    let started = false;
    for (const type of types) {
      // Documents in label order, as they always were: only ids and labels of the whole type are
      // held; the documents themselves are read a batch at a time.
      const order = (
        (await strapi.db.query(type.uid).findMany({
          where: { locale: source, publishedAt: null },
          select: type.labelField ? ['documentId', type.labelField] : ['documentId'],
        })) as Entry[]
      ).sort((a, b) => labelOf(type, a).localeCompare(labelOf(type, b)));
      let fileOpen = false;
      const batchSize = options.batchSize ?? BATCH_SIZE;
      for (let at = 0; at < order.length; at += batchSize) {
        const ids = order.slice(at, at + batchSize).map((entry) => String(entry.documentId));
        const sourceVersions = new Map(
          (await content.draftVersions(type, source, ids)).map((entry) => [
            String(entry.documentId),
            entry,
          ])
        );
        const targetVersions = new Map(
          (await content.draftVersions(type, target, ids)).map((entry) => [
            String(entry.documentId),
            entry,
          ])
        );
        const recorded = await content.recordedDigests(type.uid, source, ids);
        const snapshots = await content.recordedSnapshots(type.uid, source, ids);
        for (const documentId of ids) {
          const sourceEntry = sourceVersions.get(documentId);
          done += 1;
          if (!sourceEntry) continue;
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
          const items: FileInput['items'] = [];
          documents += 1;
          const preview = await previewOf(strapi, type.uid, sourceEntry, source);
          for (const unit of units) {
            unitCount += 1;
            const field = fieldAt(type.fields, type.uid, unit.group ?? unit.path)?.field;
            const maxLength = unit.group ? undefined : field?.maxLength;
            const notes = [
              `Content type: ${type.displayName} (${type.uid})`,
              fieldNote(type.fields, type.uid, unit.path, unit.group, labelsOf),
              `Document: ${label} (${source})`,
              ...(preview ? [`Preview: ${preview}`] : []),
              ...(maxLength !== undefined ? [`Max. length: ${maxLength} characters`] : []),
              `Translation state: ${state}`,
            ];
            const id = unitId(type.uid, documentId, unit.path);
            const input: UnitInput = { id, name: id, source: unit.content, notes, maxLength };
            const current = existing.get(unit.path);
            if (current) {
              input.target = current;
              Object.assign(input, TARGET_STATE[state]);
            }
            // What changed in the source since the translation was made.
            const previous =
              state === 'outdated'
                ? snapshots.get(`${documentId}|${target}`)?.[unit.path]
                : undefined;
            if (previous && plainText(previous) !== plainText(unit.content)) {
              notes.push(`Source before the change: ${plainText(previous)}`);
              if (version === '2.0') input.extra20 = changeTrackXml20(plainText(previous));
              else input.extra12 = previousVersionXml12(previous, current);
            }
            if (memory && state !== 'translated') {
              const candidates: Candidate[] = [];
              const exact = memory.exact(unit.content);
              const hasCodes = unit.content.some((part) => typeof part !== 'string');
              if (exact && !current && (exact.targetContent || !hasCodes)) {
                // Pre-filled for the translator to confirm: never "translated" by itself.
                input.target = exact.targetContent ?? [exact.targetText];
                input.state = 'initial';
                input.state12 = 'needs-review-translation';
                input.stateQualifier12 = 'exact-match';
                notes.push(`Pre-filled from the translation memory (exact match, ${exact.origin})`);
              } else if (exact) {
                candidates.push({
                  quality: 100,
                  source: exact.sourceText,
                  target: exact.targetText,
                  origin: exact.origin,
                });
              }
              for (const match of memory.fuzzy(unit.content))
                candidates.push({
                  quality: match.quality,
                  source: match.sourceText,
                  target: match.targetText,
                  origin: match.origin,
                });
              if (candidates.length > 0) {
                if (version === '2.0') {
                  input.segmentId = 's1';
                  input.extra20 = `${input.extra20 ?? ''}${matchesXml20(candidates, 's1')}`;
                } else input.extra12 = `${input.extra12 ?? ''}${altTransXml12(candidates)}`;
              }
            }
            // The terms in the unit's source (not in the term base's own entries).
            const terms =
              termBase && type.uid !== termBase.uid
                ? termsIn(plainText(unit.content), termBase.concepts, source)
                : [];
            if (terms.length > 0) {
              if (version === '2.0')
                input.extra20 = `${input.extra20 ?? ''}${glossaryXml20(terms, source, target)}`;
              else
                input.extra12 = `${glossaryNotes12(terms, source, target)}${input.extra12 ?? ''}`;
            }
            if (unit.group) {
              const groupId = unitId(type.uid, documentId, unit.group);
              let group = groups.get(groupId);
              if (!group) {
                group = { id: groupId, name: groupId, units: [] };
                groups.set(groupId, group);
                items.push(group);
              }
              group.units.push(input);
            } else {
              items.push(input);
            }
          }
          if (!started) {
            started = true;
            await write(xliffPieces.head(frame));
          }
          if (!fileOpen) {
            fileOpen = true;
            await write(xliffPieces.fileStart(frame, type.uid));
          }
          await write(items.map((item) => xliffPieces.item(frame, item)).join(''));
          options.onProgress?.(done, order.length);
        }
      }
      if (fileOpen) await write(xliffPieces.fileEnd(frame));
    }
    if (started) await write(xliffPieces.tail());
    return { documents, units: unitCount };
  },
});

export type XliffExportService = ReturnType<typeof xliffExport>;
export default xliffExport;
