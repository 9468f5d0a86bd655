/**
 * A document's translatable text as units (one per text field, one per block of a blocks field),
 * the digest of a source version, and the data written back from translated units.
 */
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import type { FieldSpec } from './fields';
import {
  alignCodes,
  blocksToSegments,
  normalizeBlocks,
  segmentsToBlocks,
  type BlockNode,
  type Content,
} from './inline';

export type Entry = Record<string, unknown>;

/** One translatable piece of a document. `group` is set for the blocks of a blocks field. */
export interface DocumentUnit {
  path: string;
  group?: string;
  content: Content;
}

interface TextValue {
  path: string;
  kind: 'text' | 'blocks';
  value: unknown;
}

function asEntries(value: unknown): Entry[] {
  if (Array.isArray(value))
    return value.filter((item): item is Entry => typeof item === 'object' && item !== null);
  return typeof value === 'object' && value !== null ? [value as Entry] : [];
}

/** Every translatable value of an entry with its path (`name`, `links.0.label`, `description`). */
export function extractTexts(
  fields: readonly FieldSpec[],
  entry: Entry | null | undefined,
  prefix = ''
): TextValue[] {
  const values: TextValue[] = [];
  for (const field of fields) {
    const path = `${prefix}${field.name}`;
    const value = entry?.[field.name];
    if (field.kind === 'component') {
      const items = asEntries(value);
      if (field.repeatable)
        items.forEach((item, index) =>
          values.push(...extractTexts(field.fields, item, `${path}.${index}.`))
        );
      else if (items[0]) values.push(...extractTexts(field.fields, items[0], `${path}.`));
    } else {
      values.push({ path, kind: field.kind, value: value ?? null });
    }
  }
  return values;
}

/**
 * JSON with object keys sorted, so equal values always serialise alike (undefined properties are
 * left out, as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  return stableStringify(value ?? null);
}

/**
 * SHA-256 over the translatable fields of a source version in canonical form (paths sorted, blocks
 * normalised). Equal source text gives an equal digest whatever the key order or storage.
 */
export function sourceDigest(
  fields: readonly FieldSpec[],
  entry: Entry | null | undefined
): string {
  const canonical = extractTexts(fields, entry)
    .map(({ path, kind, value }) => [
      path,
      kind === 'blocks' && Array.isArray(value) ? normalizeBlocks(value as BlockNode[]) : value,
    ])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
}

/** The units of a document version; empty values give no unit. */
export function documentUnits(
  fields: readonly FieldSpec[],
  entry: Entry | null | undefined
): DocumentUnit[] {
  const units: DocumentUnit[] = [];
  for (const { path, kind, value } of extractTexts(fields, entry)) {
    if (kind === 'blocks') {
      if (!Array.isArray(value)) continue;
      for (const segment of blocksToSegments(value as BlockNode[])) {
        units.push({ path: `${path}.${segment.path}`, group: path, content: segment.content });
      }
    } else if (typeof value === 'string' && value !== '') {
      units.push({ path, content: [value] });
    }
  }
  return units;
}

/** Same-shaped blocks: the same segment paths, so target block N translates source block N. */
export function sameBlockShape(source: unknown, target: unknown): boolean {
  if (!Array.isArray(source) || !Array.isArray(target)) return false;
  const a = blocksToSegments(source as BlockNode[]).map((s) => s.path);
  const b = blocksToSegments(target as BlockNode[]).map((s) => s.path);
  return a.length === b.length && a.every((path, i) => path === b[i]);
}

/**
 * The target's current translation of each source unit, where one can be matched: text fields
 * by path, blocks only when the target has the source's block structure.
 */
export function currentTargets(
  fields: readonly FieldSpec[],
  source: Entry,
  target: Entry | null
): Map<string, Content> {
  const result = new Map<string, Content>();
  if (!target) return result;
  const sourceValues = new Map(extractTexts(fields, source).map((v) => [v.path, v]));
  const targetValues = new Map(extractTexts(fields, target).map((v) => [v.path, v]));
  const sourceUnits = new Map(documentUnits(fields, source).map((u) => [u.path, u]));
  for (const unit of documentUnits(fields, target)) {
    const sourceUnit = sourceUnits.get(unit.path);
    if (!sourceUnit) continue;
    if (
      unit.group &&
      !sameBlockShape(sourceValues.get(unit.group)?.value, targetValues.get(unit.group)?.value)
    )
      continue;
    // The target's codes get the source's ids; a target whose formatting differs is left out.
    const aligned = alignCodes(unit.content, sourceUnit.content);
    if (aligned) result.set(unit.path, aligned);
  }
  return result;
}

export interface TranslatedData {
  /** Data for the document service: only translatable fields (and whole components). */
  data: Entry;
  /** Fields left out because not all of their units were translated. */
  incomplete: string[];
}

/**
 * Builds the update for a target version from translated units: text fields take the translation,
 * blocks take the source's structure with translated blocks, components keep the target's
 * (or, for a new version, the source's) other attributes. Nothing else is copied.
 */
export function translatedData(
  fields: readonly FieldSpec[],
  source: Entry,
  target: Entry | null,
  translated: ReadonlyMap<string, Content>,
  toString: (content: Content) => string
): TranslatedData {
  const incomplete: string[] = [];
  const build = (
    specs: readonly FieldSpec[],
    src: Entry,
    tgt: Entry | null,
    prefix: string
  ): { data: Entry; complete: boolean; touched: boolean } => {
    const data: Entry = {};
    let complete = true;
    let touched = false;
    for (const field of specs) {
      const path = `${prefix}${field.name}`;
      const value = src[field.name];
      if (field.kind === 'text') {
        const content = translated.get(path);
        if (content) {
          data[field.name] = toString(content);
          touched = true;
        } else if (typeof value === 'string' && value !== '') complete = false;
      } else if (field.kind === 'blocks') {
        if (!Array.isArray(value)) continue;
        const segments = blocksToSegments(value as BlockNode[]);
        const map = new Map<string, Content>();
        for (const segment of segments) {
          const content = translated.get(`${path}.${segment.path}`);
          if (content) map.set(segment.path, content);
        }
        if (map.size === 0) {
          if (segments.length > 0) complete = false;
          continue;
        }
        if (map.size < segments.length) {
          incomplete.push(path);
          complete = false;
          continue;
        }
        data[field.name] = segmentsToBlocks(value as BlockNode[], map);
        touched = true;
      } else if (field.kind === 'component') {
        const srcItems = asEntries(value);
        const tgtItems = asEntries(tgt?.[field.name]);
        const sameShape = tgtItems.length === srcItems.length;
        const items: Entry[] = [];
        let itemsComplete = true;
        let itemsTouched = false;
        srcItems.forEach((item, index) => {
          const base = sameShape ? tgtItems[index] : item;
          const itemPrefix = field.repeatable ? `${path}.${index}.` : `${path}.`;
          const built = build(field.fields, item, sameShape ? tgtItems[index] : null, itemPrefix);
          if (!built.complete) itemsComplete = false;
          if (built.touched) itemsTouched = true;
          const copy: Entry = { ...base, ...built.data };
          delete copy.id;
          delete copy.__component;
          items.push(copy);
        });
        if (!itemsTouched) {
          if (srcItems.length > 0) complete = false;
          continue;
        }
        if (!itemsComplete) {
          incomplete.push(path);
          complete = false;
          continue;
        }
        data[field.name] = field.repeatable ? items : (items[0] ?? null);
        touched = true;
      }
    }
    return { data, complete, touched };
  };
  return { data: build(fields, source, target, '').data, incomplete };
}
