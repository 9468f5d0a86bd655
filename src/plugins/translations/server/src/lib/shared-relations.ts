/**
 * Shared relations: a relation attribute declared `pluginOptions.translations.shared: true` is a
 * fact of the document, not a translation. Every locale version of the document links to the same
 * target document, each in its own locale (the `en` city to the `en` country). This module is the
 * pure part: which attributes are shared, whether write data names a change of one, and what to
 * relink so that the other locale versions agree with one locale.
 */

/** A relation attribute as found in a Strapi schema, reduced to what this module reads. */
export interface RelationAttributeSchema {
  type: string;
  relation?: string;
  target?: string;
  inversedBy?: string;
  mappedBy?: string;
  pluginOptions?: { translations?: { shared?: unknown }; i18n?: { localized?: boolean } };
}

export interface SchemaForSharing {
  uid: string;
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, RelationAttributeSchema>;
}

/** One shared relation: `uid.attribute` → `target`, with its inverse attribute on the target. */
export interface SharedRelation {
  uid: string;
  attribute: string;
  target: string;
  /** The attribute of the target that is the other side (`Country.cities`), if bidirectional. */
  inverse?: string;
}

const TO_MANY = new Set(['oneToMany', 'manyToMany']);

/** Whether the relation holds a list of targets (ordered) rather than at most one. */
export function isToMany(relation: string | undefined): boolean {
  return relation !== undefined && TO_MANY.has(relation);
}

/**
 * The shared relations declared in a set of schemas. Throws, naming the attribute, when the option
 * is set where it cannot work: not a relation, a polymorphic or unidirectional-inverse relation, a
 * type or a target that is not localized, or the inverse (`mappedBy`) side of a relation (declare it
 * on the owning side; the inverse side follows).
 */
export function sharedRelations(schemas: readonly SchemaForSharing[]): SharedRelation[] {
  const byUid = new Map(schemas.map((schema) => [schema.uid, schema]));
  const found: SharedRelation[] = [];
  for (const schema of schemas) {
    for (const [attribute, definition] of Object.entries(schema.attributes)) {
      const option = definition.pluginOptions?.translations?.shared;
      if (option === undefined || option === false) continue;
      const where = `${schema.uid}.${attribute}`;
      if (option !== true)
        throw new Error(`${where}: pluginOptions.translations.shared must be true or false`);
      if (definition.type !== 'relation' || !definition.target)
        throw new Error(`${where}: only a relation to one content type can be shared`);
      if (definition.mappedBy)
        throw new Error(
          `${where}: the inverse side (mappedBy) follows its owner; declare "shared" on ${definition.target}.${definition.mappedBy}`
        );
      if (schema.pluginOptions?.i18n?.localized !== true)
        throw new Error(
          `${where}: ${schema.uid} is not localized, its relations are shared anyway`
        );
      const target = byUid.get(definition.target);
      if (target?.pluginOptions?.i18n?.localized !== true)
        throw new Error(
          `${where}: the target ${definition.target} is not localized; such a link is the same in every locale already`
        );
      found.push({
        uid: schema.uid,
        attribute,
        target: definition.target,
        ...(definition.inversedBy ? { inverse: definition.inversedBy } : {}),
      });
    }
  }
  return found;
}

/** A document id named in relation data: `'abc'`, `{ documentId }`, or a row `{ id }`. */
export type RelationReference = { documentId: string } | { id: number };

function referenceOf(value: unknown): RelationReference | null {
  if (typeof value === 'string' && value !== '') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'object' && value !== null) {
    const { documentId, id } = value as { documentId?: unknown; id?: unknown };
    if (typeof documentId === 'string') return { documentId };
    if (typeof id === 'number') return { id };
    if (typeof id === 'string' && id !== '') return { documentId: id };
  }
  return null;
}

/**
 * The documents named in the relation data of a write (`'id'`, `{ documentId }`, lists,
 * `{ connect, disconnect, set }`), or `null` when the data changes nothing (absent, or the admin's
 * `{ connect: [], disconnect: [] }`). `null` data and `set: []` clear the relation: an empty list.
 */
export function referencesIn(value: unknown): RelationReference[] | null {
  if (value === undefined) return null;
  if (value === null) return [];
  const list = (entries: unknown): RelationReference[] =>
    (Array.isArray(entries) ? entries : [entries])
      .map(referenceOf)
      .filter((reference): reference is RelationReference => reference !== null);
  if (Array.isArray(value)) return list(value);
  if (typeof value === 'object') {
    const operations = value as { connect?: unknown; disconnect?: unknown; set?: unknown };
    if ('set' in operations) return list(operations.set ?? []);
    if ('connect' in operations || 'disconnect' in operations) {
      const named = [...list(operations.connect ?? []), ...list(operations.disconnect ?? [])];
      return named.length > 0 ? named : null;
    }
  }
  return list(value);
}

/** One locale version row (draft or published) of a document with its links of one relation. */
export interface VersionLinks {
  id: number;
  locale: string;
  published: boolean;
  /** The target document ids it links to, in order. */
  targets: string[];
}

/** A row of the target type: which document, locale and state it is. */
export interface TargetRow {
  id: number;
  documentId: string;
  locale: string;
  published: boolean;
}

/** What aligning a document's other locale versions with one locale takes. */
export interface AlignmentPlan {
  /** Locales in which a target document has no version: the write must be refused. */
  missing: Array<{ locale: string; documentId: string }>;
  /** Rows whose links are replaced, each with the target rows to link (in order). */
  relink: Array<{ rowId: number; targetRowIds: number[] }>;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** The links of a document's versions in `locale`, per state (draft, published). */
export function factsOf(
  versions: readonly VersionLinks[],
  locale: string
): { draft?: string[]; published?: string[] } {
  const facts: { draft?: string[]; published?: string[] } = {};
  for (const version of versions) {
    if (version.locale !== locale) continue;
    facts[version.published ? 'published' : 'draft'] = version.targets;
  }
  return facts;
}

/**
 * Which versions in other locales than `fromLocale` link to other documents than the version of
 * the same state (draft/published) in `fromLocale`, and what they must link to: the same target
 * documents in their own locale, draft to draft and published to published. A published version
 * links to a target's published version only, as Strapi's publish does (none when the target is not
 * published in that locale). A target without any version in a locale that needs it is `missing`.
 * `only` limits the versions considered to those locales (a new locale version).
 */
export function planAlignment(
  versions: readonly VersionLinks[],
  fromLocale: string,
  targets: readonly TargetRow[],
  only?: readonly string[]
): AlignmentPlan {
  const facts = factsOf(versions, fromLocale);
  const rowOf = new Map(
    targets.map((row) => [`${row.documentId}|${row.locale}|${row.published}`, row.id])
  );
  const hasVersion = new Set(targets.map((row) => `${row.documentId}|${row.locale}`));
  const plan: AlignmentPlan = { missing: [], relink: [] };
  const reported = new Set<string>();
  for (const version of versions) {
    if (version.locale === fromLocale) continue;
    if (only && !only.includes(version.locale)) continue;
    const fact = version.published ? facts.published : facts.draft;
    if (fact === undefined || sameList(fact, version.targets)) continue;
    const targetRowIds: number[] = [];
    for (const documentId of fact) {
      if (!hasVersion.has(`${documentId}|${version.locale}`)) {
        const key = `${documentId}|${version.locale}`;
        if (!reported.has(key)) plan.missing.push({ locale: version.locale, documentId });
        reported.add(key);
        continue;
      }
      const rowId = rowOf.get(`${documentId}|${version.locale}|${version.published}`);
      if (rowId !== undefined) targetRowIds.push(rowId);
    }
    plan.relink.push({ rowId: version.id, targetRowIds });
  }
  return plan;
}

/** One document whose shared relation differs between its locale versions. */
export interface FactDifference {
  documentId: string;
  attribute: string;
  /** Per locale, the target documents of its draft version (and of the published one if it differs). */
  locales: Record<string, { draft?: string[]; published?: string[] }>;
}

/**
 * The documents whose versions of the same state link to different target documents in different
 * locales (compared by target document id, so `en` → `en` country and `de` → `de` country agree).
 */
export function differences(
  attribute: string,
  versionsByDocument: ReadonlyMap<string, readonly VersionLinks[]>
): FactDifference[] {
  const found: FactDifference[] = [];
  for (const [documentId, versions] of versionsByDocument) {
    const seen = { draft: new Set<string>(), published: new Set<string>() };
    const locales: FactDifference['locales'] = {};
    for (const version of versions) {
      const state = version.published ? 'published' : 'draft';
      seen[state].add(version.targets.join(','));
      locales[version.locale] = { ...locales[version.locale], [state]: version.targets };
    }
    if (seen.draft.size > 1 || seen.published.size > 1)
      found.push({ documentId, attribute, locales });
  }
  return found.sort((a, b) => a.documentId.localeCompare(b.documentId));
}

/**
 * The order in which to write documents of these types so that the targets of shared relations
 * exist in a new locale before the documents that link to them (an import creating both).
 */
export function writeOrder(
  uids: readonly string[],
  relations: readonly SharedRelation[]
): string[] {
  const rank = (uid: string): number =>
    relations.some((relation) => relation.target === uid && uids.includes(relation.uid)) ? 0 : 1;
  return [...uids].sort((a, b) => rank(a) - rank(b));
}
