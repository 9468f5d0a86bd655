/**
 * Cache tags: what a cached response read, and what a write changes. The same short strings are
 * kept in the in-memory store, sent to CDNs (`Surrogate-Key`, `Cache-Tag`), published on the bus
 * and purged. A write evicts an entry when they share a tag.
 *
 * | Tag         | On an entry that …                                        | Purged by …                          |
 * | ----------- | --------------------------------------------------------- | ------------------------------------ |
 * | `all`       | every cacheable response                                   | a write whose effect is not known    |
 * | `a:<uid>`   | read type `<uid>` in any way                               | a write that bypassed the Documents  |
 * | `t:<uid>@L` | read a list, count or query of `<uid>` in locale `L`       | any write of `<uid>` in `L`          |
 * | `t:<uid>`   | read `<uid>` in no particular locale (relations, raw SQL)  | any write of `<uid>`                 |
 * | `d:<id>@L`  | read document `<id>` in locale `L`                         | a write of `<id>` in `L`             |
 * | `d:<id>`    | read document `<id>` of a type without locales             | any write of `<id>`                  |
 * | `any`       | read a table the plugin cannot attribute to a type         | every write                          |
 * | `tok`       | (token entries only, never sent to a CDN)                  | any change to API tokens             |
 */

export const ALL = 'all';
export const ANY = 'any';
export const TOKENS = 'tok';

export const typeTag = (uid: string): string => `a:${uid}`;
export const queryTag = (uid: string, locale?: string): string =>
  locale ? `t:${uid}@${locale}` : `t:${uid}`;
export const documentTag = (documentId: string, locale?: string): string =>
  locale ? `d:${documentId}@${locale}` : `d:${documentId}`;

/** What one write changed, as far as the cache is concerned. */
export interface Write {
  uid: string;
  /** The written document, when the action names one. */
  documentId?: string;
  /**
   * The locales whose content changed: one for a write of localized fields in one locale, every
   * locale of the app when non-localized fields were synced to all of them, `[]` for a type
   * without locales.
   */
  locales: readonly string[];
}

/**
 * The tags a write purges: the readers of the document and the lists and queries of its type in
 * the changed locales, plus whatever read the type without a known locale (relations populated
 * from another type, raw SQL) and entries of unknown dependency (`any`). Without a document id
 * (bulk writes) every entry that read the type goes.
 */
export function writeTags(write: Write): string[] {
  const tags = new Set<string>([ANY, queryTag(write.uid)]);
  if (write.documentId === undefined) tags.add(typeTag(write.uid));
  else tags.add(documentTag(write.documentId));
  for (const locale of write.locales) {
    tags.add(queryTag(write.uid, locale));
    if (write.documentId !== undefined) tags.add(documentTag(write.documentId, locale));
  }
  return [...tags];
}

/** Attribute definitions as found in a Strapi schema, reduced to what the cache looks at. */
export interface AttributeSchema {
  type?: string;
  target?: string;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

/** A content type's schema, reduced to what the cache looks at. */
export interface TypeSchema {
  localized: boolean;
  attributes: Record<string, AttributeSchema>;
}

/**
 * True when a write with these data keys changes every locale of a localized type: Strapi's i18n
 * copies attributes marked `localized: false` to all locale versions of the document.
 */
export function touchesAllLocales(schema: TypeSchema, dataKeys: Iterable<string>): boolean {
  if (!schema.localized) return false;
  for (const key of dataKeys) {
    if (schema.attributes[key]?.pluginOptions?.i18n?.localized === false) return true;
  }
  return false;
}

/**
 * Names of relation attributes (of any schema) that point at `uid`, plus `localizations`: a read
 * of `uid` that populates or filters on one of them reads other documents of `uid`, possibly in
 * other locales.
 */
export function selfReachingNames(
  uid: string,
  schemas: Iterable<Record<string, AttributeSchema>>
): Set<string> {
  const names = new Set<string>(['localizations']);
  for (const attributes of schemas) {
    for (const [name, attribute] of Object.entries(attributes)) {
      if (attribute.type === 'relation' && attribute.target === uid) names.add(name);
    }
  }
  return names;
}

/**
 * True when the `populate` or `filters` of a read may reach other documents of its own type:
 * `*` anywhere, or one of `names` as an attribute name. Conservative: a name used for another
 * attribute also counts.
 */
export function mayReadOwnType(params: unknown, names: ReadonlySet<string>): boolean {
  if (params === undefined || params === null) return false;
  const text = typeof params === 'string' ? params : JSON.stringify(params);
  if (text.includes('*')) return true;
  for (const word of text.split(/[^A-Za-z0-9_$-]+/)) if (names.has(word)) return true;
  return false;
}

const NAME = '[`"]?(\\w+)[`"]?';
const PLACEHOLDER = '(?:\\?|\\$\\d+)';
/**
 * `select t0.id from <table> as t0 where (t0.id in (…))`: which of some row ids still exist.
 * Strapi's populate runs it on the parents' own table before it reads their relations (the
 * relation columns are in link tables). Its answer depends on nothing but the existence of rows
 * whose ids an earlier, tracked read of the same response returned; a deleted row is a write of
 * its document, which that read's tags already cover.
 */
const ID_EXISTENCE = new RegExp(
  `^select ${NAME}\\.[\`"]?id[\`"]? from (?:[\`"]?\\w+[\`"]?\\.)?${NAME} as [\`"]?\\1[\`"]? ` +
    `where \\([\`"]?\\1[\`"]?\\.[\`"]?id[\`"]? in \\(${PLACEHOLDER}(?:, ${PLACEHOLDER})*\\)\\)$`,
  'i'
);

/** True when a statement only asks which of some row ids exist (see {@link ID_EXISTENCE}). */
export function readsOnlyRowExistence(sql: string): boolean {
  return ID_EXISTENCE.test(sql.trim());
}

/** Table names a SQL statement reads (`from` and `join` clauses, any quoting, with or without schema). */
export function tablesOf(sql: string): string[] {
  const tables: string[] = [];
  // An optional schema (`"public"."cities"` on PostgreSQL), then the table.
  const pattern =
    /\b(?:from|join)\s+(?:[`"[]?[A-Za-z0-9_]+[`"\]]?\.)?[`"[]?([A-Za-z0-9_]+)[`"\]]?/gi;
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) tables.push(match[1]);
  return tables;
}

/**
 * The header value of a set of tags for a CDN (`Surrogate-Key`, `Cache-Tag`): space separated,
 * without `tok` (token entries never reach a CDN).
 */
export function tagHeader(tags: Iterable<string>): string {
  return [...tags].filter((tag) => tag !== TOKENS).join(' ');
}
