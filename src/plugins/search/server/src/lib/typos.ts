/**
 * Typo tolerance as Meilisearch does it by default: a query word of 5 or more letters may be one
 * edit away from an indexed word, one of 9 or more letters two edits; an edit is an insertion, a
 * deletion, a substitution or a transposition of two neighbouring letters (optimal string
 * alignment distance). Candidates come from the vocabulary of indexed words, grouped by length,
 * so a query word is compared only with words at most that many letters longer or shorter.
 */

/** Edits a query word of this many letters (code points) may be away from an indexed word. */
export function allowedTypos(word: string): number {
  const length = [...word].length;
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * Optimal string alignment distance between `a` and `b`, or `max + 1` as soon as it is known to
 * exceed `max` (only the diagonal band of width `max` is computed).
 */
export function typoDistance(a: readonly string[], b: readonly string[], max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  // Three rows of the dynamic programme: two back (transpositions), one back, current.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(over);
    current[0] = i;
    let rowMin = i;
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    for (let j = from; j <= to; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return over;
    twoBack = previous;
    previous = current;
  }
  return Math.min(previous[b.length], over);
}

/** An indexed word close to a query word. */
export interface TypoCandidate {
  word: string;
  typos: number;
}

/** The distinct words of the index, grouped by length for candidate generation. */
export class Vocabulary {
  private readonly byLength = new Map<number, string[][]>();

  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      if (word === '') continue;
      const letters = [...word];
      const group = this.byLength.get(letters.length);
      if (group) group.push(letters);
      else this.byLength.set(letters.length, [letters]);
    }
  }

  /**
   * Indexed words within {@link allowedTypos} of `word` (itself excluded), fewest typos first,
   * then alphabetically; at most `limit` of them, so a query stays bounded whatever it asks.
   */
  candidates(word: string, limit: number): TypoCandidate[] {
    const max = allowedTypos(word);
    if (max === 0) return [];
    const letters = [...word];
    const found: TypoCandidate[] = [];
    for (let length = letters.length - max; length <= letters.length + max; length += 1) {
      for (const other of this.byLength.get(length) ?? []) {
        const typos = typoDistance(letters, other, max);
        if (typos > 0 && typos <= max) found.push({ word: other.join(''), typos });
      }
    }
    found.sort((a, b) => a.typos - b.typos || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return found.slice(0, limit);
  }
}
