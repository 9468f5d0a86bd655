/**
 * Locale fallback, the pure part: how entries are marked, how populated relations are merged and
 * which fields and populates a fallback read selects.
 *
 * Semantics (README "Locale fallback"): a request for locale L with fallback F serves every
 * document published in L in its L version, and every document published in F but not in L in
 * its F version (marked `fallback: true`). With a chain F1, F2, … a document missing in L is
 * served in the first chain locale it is published in. Filters and sort apply to the version
 * served, so one database query pages, sorts and counts the union, and no document appears twice
 * (the query's condition: ../rest/served-versions.ts).
 */

/** A locale version as the document service returns it. */
export interface LocaleVersion {
  documentId: string;
  locale?: string | null;
  [field: string]: unknown;
}

export type Marked<T> = T & { fallback: boolean };

/** Document filters as the document service accepts them. */
export type Filters = Record<string, unknown>;

/**
 * Makes sure `fields` selects `locale`, so every entry says which version it is. Returns the
 * input untouched when it selects everything (undefined, empty or `*`).
 */
export function withLocaleField(fields: unknown): unknown {
  if (fields === undefined || fields === null || fields === '*') return fields;
  const list = Array.isArray(fields)
    ? fields.map(String)
    : String(fields)
        .split(',')
        .map((field) => field.trim());
  if (list.length === 0 || list.includes('*') || list.includes('locale')) return fields;
  return [...list, 'locale'];
}

/** Marks a version served for a request in `locale`: `fallback` is true for any other locale. */
export function markVersion<T extends LocaleVersion>(version: T, locale: string): Marked<T> {
  return { ...version, fallback: version.locale !== locale };
}

type RelationValue = LocaleVersion | LocaleVersion[] | null | undefined;

/** A populated relation (to-one, to-many, or nothing) as a list of versions. */
export const asVersionList = (value: unknown): LocaleVersion[] =>
  (Array.isArray(value) ? value : value ? [value] : []) as LocaleVersion[];
const asList = (value: RelationValue): LocaleVersion[] => asVersionList(value);

/**
 * Merges one populated relation of a document served under fallback. Each related document is
 * served in `locale` when it is published there, otherwise in its fallback version.
 *
 * @param served the relation as populated on the version served
 * @param ofFallbackVersion the same relation on the document's fallback version, when the
 *   document is served in `locale` (undefined otherwise). Related documents linked only there
 *   are added if they have no `locale` version: they were lost because their `locale` version is
 *   missing, not unlinked on purpose.
 * @param inLocale the `locale` versions of related documents, by documentId
 * @param earlierInChain for a chain of several fallback locales: of related documents without a
 *   `locale` version, the version in the first chain locale that has one, when that comes before
 *   the locale they are served in
 */
export function mergeRelation(
  served: RelationValue,
  ofFallbackVersion: RelationValue,
  inLocale: ReadonlyMap<string, LocaleVersion>,
  locale: string,
  earlierInChain: ReadonlyMap<string, LocaleVersion> = new Map()
): Marked<LocaleVersion> | Marked<LocaleVersion>[] | null {
  // A copy: the caller's array stays as it was served.
  const members = [...asList(served)];
  const seen = new Set(members.map((member) => member.documentId));
  for (const candidate of asList(ofFallbackVersion)) {
    if (!seen.has(candidate.documentId) && !inLocale.has(candidate.documentId)) {
      members.push(candidate);
      seen.add(candidate.documentId);
    }
  }
  const resolved = members.map((member) =>
    markVersion(
      member.locale === locale
        ? member
        : (inLocale.get(member.documentId) ?? earlierInChain.get(member.documentId) ?? member),
      locale
    )
  );
  const toMany = Array.isArray(served) || (served == null && Array.isArray(ofFallbackVersion));
  return toMany ? resolved : (resolved[0] ?? null);
}

/**
 * The relations a `populate` parameter asks for, with their nested populate options. Accepts the
 * shapes Strapi accepts: `'*'`, `'a,b'`, `['a', 'b.c']`, `{ a: true, b: { fields, populate } }`.
 *
 * @param relationNames the relation attributes that take part in fallback
 */
export function populatedRelations(
  populate: unknown,
  relationNames: readonly string[]
): Map<string, Record<string, unknown>> {
  const wanted = new Map<string, Record<string, unknown>>();
  const add = (name: string, options: Record<string, unknown>) => {
    if (relationNames.includes(name)) wanted.set(name, options);
  };
  const fromPath = (path: string) => {
    const [head, ...rest] = path.split('.');
    if (head === '*') relationNames.forEach((name) => add(name, {}));
    else add(head, rest.length > 0 ? { populate: rest.join('.') } : {});
  };

  if (typeof populate === 'string') populate.split(',').forEach((path) => fromPath(path.trim()));
  else if (Array.isArray(populate)) populate.forEach((path) => fromPath(String(path)));
  else if (populate && typeof populate === 'object') {
    for (const [name, options] of Object.entries(populate)) {
      if (options === false || options === 'false') continue;
      add(name, options && typeof options === 'object' ? { ...options } : {});
    }
  }
  return wanted;
}

/**
 * The relations of a content type that take part in fallback, by name, with their target type.
 */
export type FallbackRelationsOf = (uid: string) => ReadonlyMap<string, string>;

/**
 * Makes the populate options of fallback relations select `locale` when they select fields, at
 * every depth, so related entries say which version they are too. Components and relations to
 * types without locales are left alone: they have no `locale` to select.
 *
 * @param uid the content type the populate applies to
 * @param relationsOf the fallback relations of a content type
 */
export function withLocaleInPopulate(
  populate: unknown,
  uid: string,
  relationsOf: FallbackRelationsOf
): unknown {
  if (!populate || typeof populate !== 'object' || Array.isArray(populate)) return populate;
  const relations = relationsOf(uid);
  return Object.fromEntries(
    Object.entries(populate).map(([name, options]) => {
      const target = relations.get(name);
      if (!target || !options || typeof options !== 'object') return [name, options];
      const nested = { ...(options as Record<string, unknown>) };
      if ('fields' in nested) nested.fields = withLocaleField(nested.fields);
      if ('populate' in nested) {
        nested.populate = withLocaleInPopulate(nested.populate, target, relationsOf);
      }
      return [name, nested];
    })
  );
}
