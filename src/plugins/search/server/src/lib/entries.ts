/** Index entries from the published versions of documents (pure: no Strapi, no I/O). */
import { fold, joinNames } from './fold';

/** One published version as read from the database. */
export type Version = { documentId: string; locale?: string | null } & Record<string, unknown>;

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
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One entry per version; each carries the searched fields of all versions of its document, so
 * `Mailand` finds the English version of Milan.
 */
export function buildEntries(
  type: string,
  fields: readonly string[],
  slugField: string | null,
  versions: readonly Version[]
): Entry[] {
  const byDocument = new Map<string, Version[]>();
  for (const version of versions) {
    const group = byDocument.get(version.documentId);
    if (group) group.push(version);
    else byDocument.set(version.documentId, [version]);
  }
  const entries: Entry[] = [];
  for (const [documentId, group] of byDocument) {
    const names = joinNames(
      group.flatMap((version) => fields.map((field) => textOf(version[field])))
    );
    for (const version of group) {
      const name = textOf(version[fields[0]]);
      const slug = slugField ? version[slugField] : null;
      entries.push({
        type,
        documentId,
        locale: version.locale ?? null,
        name,
        slug: typeof slug === 'string' ? slug : null,
        sortName: fold(name),
        names,
      });
    }
  }
  return entries;
}
