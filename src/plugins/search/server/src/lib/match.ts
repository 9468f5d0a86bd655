/**
 * How a hit matched, as the ranking counts it, and which of its names matched: the name to show
 * in "did you mean Heidelberg?" or "Kraków (Cracow)". Pure.
 */
import type { Labels } from './entries';
import { foldForms, words } from './fold';
import { wordMatches, type WordTerms } from './terms';

/** The ranks, best first (the SQL `rank` is the index in this list). */
export const MATCH_KINDS = ['exact', 'alternative', 'prefix', 'word', 'typo'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export function matchKindOf(rank: number): MatchKind {
  return MATCH_KINDS[rank] ?? 'typo';
}

function satisfies(
  kind: MatchKind,
  name: string,
  queryForms: readonly string[],
  terms: readonly WordTerms[]
): boolean {
  const forms = foldForms(name);
  switch (kind) {
    case 'exact':
    case 'alternative':
      return forms.some((form) => queryForms.includes(form));
    case 'prefix':
      return forms.some((form) => queryForms.some((query) => form.startsWith(query)));
    default: {
      const nameWords = forms.flatMap(words);
      return terms.every((term) =>
        nameWords.some((word) => wordMatches(term, word, kind === 'typo'))
      );
    }
  }
}

/**
 * The name of a hit that matched the query as `kind` says: its own name when that one did, else
 * a name of another locale, else an alternative name (alternative names first for the
 * `alternative` rank). When the words matched across several names, the hit's own name.
 */
export function matchedName(
  kind: MatchKind,
  ownName: string,
  labels: Labels,
  queryForms: readonly string[],
  terms: readonly WordTerms[]
): string {
  const others = labels.names.filter((name) => name !== ownName);
  const order =
    kind === 'alternative'
      ? [...labels.alternatives, ownName, ...others]
      : [ownName, ...others, ...labels.alternatives];
  return (
    order.find((name) => satisfies(kind, name, queryForms, terms)) ??
    order.find((name) => satisfies('typo', name, queryForms, terms)) ??
    ownName
  );
}
