/** Index entries from the published versions of documents (pure: no Strapi, no I/O). */
import { fold, joinNames } from './fold';

/** One published version as read from the database. */
export type Version = { documentId: string; locale?: string | null } & Record<string, unknown>;

/** What of a version the index keeps (the type's search config, resolved). */
export interface EntryFields {
  /** Searched text attributes; the first is the hit's name. */
  fields: readonly string[];
  slug: string | null;
  /** Text attribute holding other names of the document, one per line or comma-separated. */
  alternativeNames: string | null;
  /** To-one relation attributes counted as facets (read as `{ documentId }`). */
  facets: readonly string[];
}

/** The original spellings behind a hit, to tell which one matched (see match.ts). */
export interface Labels {
  /** The searched fields' values in every locale, in field order, each once. */
  names: string[];
  alternatives: string[];
}

/** One row of the index: a document in one locale, findable by its names in every locale. */
export interface Entry {
  type: string;
  documentId: string;
  locale: string | null;
  name: string;
  slug: string | null;
  /** Folded name of this locale version, to order hits alike on every database. */
  sortName: string;
  /** Folded names of all locale versions and fields (see joinNames). */
  names: string;
  /** Folded alternative names (see joinNames); empty without any. */
  altNames: string;
  /** JSON of {@link Labels}. */
  labels: string;
  /** JSON of facet name → documentId of the related document; null without facets. */
  facets: string | null;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The names in an alternative-names field: one per line, or separated by commas or semicolons. */
export function splitAlternativeNames(value: unknown): string[] {
  return textOf(value)
    .split(/[\n,;]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

const documentIdOf = (value: unknown): string | null => {
  const related = Array.isArray(value) ? value[0] : value;
  const id = (related as { documentId?: unknown } | null | undefined)?.documentId;
  return typeof id === 'string' ? id : null;
};

/**
 * One entry per version; each carries the searched fields and alternative names of all
 * versions of its document, so `Mailand` finds the English version of Milan. Versions in
 * `privateLocales` (locales not offered to the public yet) lend their names only to their own
 * entry: a search in a public locale must not match, nor show, text of a private one.
 */
export function buildEntries(
  type: string,
  config: EntryFields,
  versions: readonly Version[],
  privateLocales: ReadonlySet<string> = new Set()
): Entry[] {
  const byDocument = new Map<string, Version[]>();
  for (const version of versions) {
    const group = byDocument.get(version.documentId);
    if (group) group.push(version);
    else byDocument.set(version.documentId, [version]);
  }
  const namesOf = (sources: readonly Version[]) => {
    const originalNames = [
      ...new Set(
        config.fields.flatMap((field) => sources.map((version) => textOf(version[field])))
      ),
    ].filter((name) => fold(name) !== '');
    const alternatives = config.alternativeNames
      ? [
          ...new Set(
            sources.flatMap((version) =>
              splitAlternativeNames(version[config.alternativeNames as string])
            )
          ),
        ]
      : [];
    return {
      names: joinNames(originalNames),
      altNames: joinNames(alternatives),
      labels: JSON.stringify({ names: originalNames, alternatives } satisfies Labels),
    };
  };
  const isPrivate = (version: Version) =>
    typeof version.locale === 'string' && privateLocales.has(version.locale);
  const entries: Entry[] = [];
  for (const [documentId, group] of byDocument) {
    const publicVersions = group.filter((version) => !isPrivate(version));
    const shared = namesOf(publicVersions);
    for (const version of group) {
      const name = textOf(version[config.fields[0]]);
      const slug = config.slug ? version[config.slug] : null;
      const facets =
        config.facets.length === 0
          ? null
          : JSON.stringify(
              Object.fromEntries(
                config.facets.map((facet) => [facet, documentIdOf(version[facet])])
              )
            );
      entries.push({
        type,
        documentId,
        locale: version.locale ?? null,
        name,
        slug: typeof slug === 'string' ? slug : null,
        sortName: fold(name),
        ...(isPrivate(version) ? namesOf([...publicVersions, version]) : shared),
        facets,
      });
    }
  }
  return entries;
}
