/**
 * Translation state of each document in a target locale, from the source digests, the target
 * versions that exist and the digests recorded when the targets were written.
 */
export type TranslationState = 'translated' | 'outdated' | 'unknown' | 'missing';

export const STATES: readonly TranslationState[] = ['translated', 'outdated', 'unknown', 'missing'];

export interface SourceDocument {
  documentId: string;
  label: string;
  digest: string;
}

export interface LocaleCounts {
  locale: string;
  total: number;
  translated: number;
  outdated: number;
  unknown: number;
  missing: number;
  /** Share of translated documents, 0–100 with one decimal; 100 when there is nothing to do. */
  percent: number;
}

/**
 * The state of one target version: missing without a version, unknown without a recorded digest,
 * outdated when the recorded digest is not the current source digest, else translated.
 */
export function stateOf(
  sourceDigest: string,
  targetExists: boolean,
  recordedDigest: string | undefined
): TranslationState {
  if (!targetExists) return 'missing';
  if (recordedDigest === undefined) return 'unknown';
  return recordedDigest === sourceDigest ? 'translated' : 'outdated';
}

/** Counts states into a summary for one type and locale. */
export function countStates(locale: string, states: readonly TranslationState[]): LocaleCounts {
  const counts: LocaleCounts = {
    locale,
    total: states.length,
    translated: 0,
    outdated: 0,
    unknown: 0,
    missing: 0,
    percent: 100,
  };
  for (const state of states) counts[state] += 1;
  counts.percent =
    counts.total === 0 ? 100 : Math.round((counts.translated / counts.total) * 1000) / 10;
  return counts;
}

/** Parses `missing,outdated` into states; throws on an unknown name. */
export function parseStates(list: string): TranslationState[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!STATES.includes(name as TranslationState)) {
      throw new Error(`unknown state "${name}" (use ${STATES.join(', ')})`);
    }
  }
  return names as TranslationState[];
}
