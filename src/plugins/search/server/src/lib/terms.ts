/**
 * What each word of a query may match in the index: its folded forms (plain and German
 * transliteration), as a prefix when it is the last word (as-you-type), and indexed words a
 * few typos away. Pure: the vocabulary is given.
 */
import type { TypoCandidate, Vocabulary } from './typos';

export interface WordTerms {
  /** Folded forms of the word as typed, plain first (see foldForms). */
  forms: string[];
  /** True for the last word of the query: any indexed word starting with a form matches. */
  prefix: boolean;
  /** Indexed words within the allowed typos of a form, fewest typos first. */
  typos: TypoCandidate[];
}

/** Most typo candidates per query word (Meilisearch keeps a few per word, too). */
export const MAX_TYPO_CANDIDATES = 10;

/**
 * The terms of a query given by its words in both folds (`plainWords[i]` and `germanWords[i]`
 * are the same word of the query).
 */
export function queryTerms(
  plainWords: readonly string[],
  germanWords: readonly string[],
  vocabulary: Vocabulary | null
): WordTerms[] {
  return plainWords.map((plain, index) => {
    const german = germanWords[index] ?? plain;
    const forms = german === plain ? [plain] : [plain, german];
    const typos = new Map<string, number>();
    for (const form of forms) {
      for (const candidate of vocabulary?.candidates(form, MAX_TYPO_CANDIDATES) ?? []) {
        if (forms.includes(candidate.word)) continue;
        const known = typos.get(candidate.word);
        if (known === undefined || candidate.typos < known) {
          typos.set(candidate.word, candidate.typos);
        }
      }
    }
    return {
      forms,
      prefix: index === plainWords.length - 1,
      typos: [...typos]
        .map(([word, count]) => ({ word, typos: count }))
        .sort((a, b) => a.typos - b.typos || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
        .slice(0, MAX_TYPO_CANDIDATES),
    };
  });
}

/** Whether an indexed word satisfies a query word (with typos or not). */
export function wordMatches(terms: WordTerms, word: string, withTypos: boolean): boolean {
  if (terms.forms.includes(word)) return true;
  if (terms.prefix && terms.forms.some((form) => word.startsWith(form))) return true;
  return withTypos && terms.typos.some((candidate) => candidate.word === word);
}
