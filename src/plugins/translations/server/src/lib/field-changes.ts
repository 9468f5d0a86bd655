/**
 * Per unit of one document and target locale: is its translation up to date, outdated or missing,
 * and for an outdated one, how the source text changed since the translation was made (from the
 * source snapshot kept with the digest).
 */
import { plainText, type Content } from './inline';
import type { TranslationState } from './status';
import type { DocumentUnit } from './units';
import { wordDiff, type DiffPart } from '@creative-cities/word-diff';

/** `unknown`: the document is outdated or unknown, and no snapshot says which unit changed. */
export type FieldState = 'translated' | 'outdated' | 'missing' | 'unknown';

export interface FieldChange {
  /** Unit path: `name`, `links.0.label`, `description.2` (block 3 of `description`). */
  path: string;
  /** Top-level attribute the unit belongs to. */
  field: string;
  /** 1-based block number for a unit of a blocks field. */
  block: number | null;
  state: FieldState;
  /** True when the source no longer has this unit (it was in the snapshot). */
  removed: boolean;
  /** Source text before → now, for an outdated unit with a snapshot. */
  diff: DiffPart[] | null;
}

export interface ChangeInput {
  /** The document's translation state in the target locale. */
  documentState: TranslationState;
  /** Units of the current source version. */
  sourceUnits: readonly DocumentUnit[];
  /** Paths of the units the target version has. */
  targetPaths: ReadonlySet<string>;
  /** Source units as they were when the target was written, if kept. */
  snapshot: Readonly<Record<string, Content>> | null;
  /** Paths of blocks fields, so that a removed block is named by its number. */
  blockFields?: ReadonlySet<string>;
}

function describe(unit: { path: string; group?: string }): Pick<FieldChange, 'field' | 'block'> {
  const field = unit.path.split('.')[0];
  if (!unit.group) return { field, block: null };
  const rest = unit.path.slice(unit.group.length + 1);
  const index = Number(rest.split('.')[0]);
  return { field, block: Number.isInteger(index) ? index + 1 : null };
}

/** The state (and the source diff) of every unit, in source order, removed units last. */
export function fieldChanges(input: ChangeInput): FieldChange[] {
  const { documentState, sourceUnits, targetPaths, snapshot } = input;
  const changes: FieldChange[] = sourceUnits.map((unit) => {
    const base = { path: unit.path, ...describe(unit), removed: false, diff: null };
    if (!targetPaths.has(unit.path)) return { ...base, state: 'missing' };
    if (documentState === 'translated') return { ...base, state: 'translated' };
    if (!snapshot) return { ...base, state: 'unknown' };
    const before = snapshot[unit.path];
    const now = plainText(unit.content);
    if (before !== undefined && plainText(before) === now) return { ...base, state: 'translated' };
    return {
      ...base,
      state: 'outdated',
      diff: wordDiff(before === undefined ? '' : plainText(before), now),
    };
  });
  if (snapshot && documentState === 'outdated') {
    const current = new Set(sourceUnits.map((unit) => unit.path));
    const groups = new Set(input.blockFields ?? []);
    for (const unit of sourceUnits) if (unit.group) groups.add(unit.group);
    for (const [path, before] of Object.entries(snapshot)) {
      if (current.has(path)) continue;
      const group = [...groups].find((candidate) => path.startsWith(`${candidate}.`));
      changes.push({
        path,
        ...describe({ path, group }),
        state: 'outdated',
        removed: true,
        diff: wordDiff(plainText(before), ''),
      });
    }
  }
  return changes;
}
