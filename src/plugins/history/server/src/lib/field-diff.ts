/**
 * Field-by-field comparison of a recorded version with the current draft, as the edit-view side
 * panel shows it: texts and blocks as a word diff, everything else as the two values.
 */
import stableStringify from 'fast-json-stable-stringify';
import { recordedAttributes, type ModelSchema, type Values } from './values';
import { wordDiff, type DiffPart } from '@creative-cities/word-diff';

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);

export interface FieldDiff {
  field: string;
  changed: boolean;
  /** Word diff from the current draft to the version (what Restore would do), texts only. */
  diff: DiffPart[] | null;
  /** The value in the current draft and in the version (shown when there is no word diff). */
  current: unknown;
  version: unknown;
}

interface BlockNode {
  type?: string;
  text?: string;
  children?: BlockNode[];
}

/** The text of a blocks value: one line per block, list items and quotes included. */
export function blocksText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  const inline = (node: BlockNode): string =>
    typeof node.text === 'string' ? node.text : (node.children ?? []).map(inline).join('');
  const lines = (node: BlockNode): string[] =>
    node.type === 'list'
      ? (node.children ?? []).flatMap(lines)
      : [(node.type === 'list-item' ? '• ' : '') + inline(node)];
  return (value as BlockNode[]).flatMap(lines).join('\n');
}

function asText(type: string, value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (type === 'blocks') return blocksText(value);
  if (TEXT_TYPES.has(type) && typeof value === 'string') return value;
  return null;
}

/** Every recorded field of the type, with whether it differs and, for texts, the word diff. */
export function compareVersion(schema: ModelSchema, version: Values, current: Values): FieldDiff[] {
  return recordedAttributes(schema).map(([field, attribute]) => {
    const before = current[field] ?? null;
    const after = version[field] ?? null;
    const changed = stableStringify(before) !== stableStringify(after);
    const textBefore = asText(attribute.type, before);
    const textAfter = asText(attribute.type, after);
    const diff =
      changed && textBefore !== null && textAfter !== null ? wordDiff(textBefore, textAfter) : null;
    return { field, changed, diff, current: before, version: after };
  });
}
