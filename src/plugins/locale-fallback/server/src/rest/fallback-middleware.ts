/**
 * Locale fallback as a document service middleware: a read (`findMany`, `count`, `findOne`,
 * `findFirst`) whose params carry `fallbackLocale` serves each document in `locale` when it has
 * a version there, else in `fallbackLocale`. `fallbackLocale` is one code or a chain (a list of
 * codes, in order: the locale's stored chain, set by ./strict-locales.ts and ../graphql): then
 * the first locale of the chain that has a version. REST and GraphQL both reach it: the REST query
 * param and the GraphQL argument travel with the params Strapi hands to the document service.
 * The pure rules live in ../lib/fallback.ts.
 */
import type { Core, Modules, UID } from '@strapi/strapi';
import {
  asVersionList,
  markVersion,
  mergeRelation,
  populatedRelations,
  withLocaleField,
  withLocaleInPopulate,
  type Filters,
  type LocaleVersion,
} from '../lib/fallback';
import { i18n } from '../internals';
import { localesService } from '../targets';
import { existingVersions, outsideServedVersions, readingServedVersions } from './served-versions';
import { fillEmptyFieldsAtEveryDepth } from './fill-empty-fields';
import { NO_FALLBACK } from '../lib/locale-params';

type Params = Record<string, unknown>;
type Middleware = Modules.Documents.Middleware.Middleware;

const READS = new Set(['findMany', 'count', 'findOne', 'findFirst']);

interface RelationAttribute {
  type: 'relation';
  target?: string;
}

const isLocalized = (strapi: Core.Strapi, uid: string): boolean =>
  i18n(strapi).isLocalizedContentType(strapi.contentType(uid as UID.ContentType));

const relationsByType = new WeakMap<Core.Strapi, Map<string, ReadonlyMap<string, string>>>();

/**
 * Localized relation attributes of a content type that take part in fallback, by name, with
 * their target. Schemas do not change while the app runs: worked out once per type.
 */
export function fallbackRelations(strapi: Core.Strapi, uid: string): ReadonlyMap<string, string> {
  let byType = relationsByType.get(strapi);
  if (!byType) {
    byType = new Map();
    relationsByType.set(strapi, byType);
  }
  const known = byType.get(uid);
  if (known) return known;
  const relations = new Map<string, string>();
  const { attributes } = strapi.contentType(uid as UID.ContentType);
  for (const [name, attribute] of Object.entries(attributes)) {
    const relation = attribute as unknown as RelationAttribute;
    // `localizations` lists the other versions on purpose (hreflang): never substituted.
    if (relation.type !== 'relation' || name === 'localizations' || !relation.target) continue;
    if (isLocalized(strapi, relation.target)) relations.set(name, relation.target);
  }
  byType.set(uid, relations);
  return relations;
}

const asVersions = asVersionList;

/**
 * The fallback locales a `fallbackLocale` param names, in order, without `locale` itself: one
 * code, a list, or a comma-separated list (the REST query's form of a stored chain).
 */
export function fallbackChainOf(value: unknown, locale: string): string[] {
  const codes = (Array.isArray(value) ? value : [value]).flatMap((code: unknown) =>
    typeof code === 'string' ? code.split(',').map((part) => part.trim()) : []
  );
  const chain = codes.filter(
    (code): code is string =>
      typeof code === 'string' && code !== '' && code !== NO_FALLBACK && code !== locale
  );
  return [...new Set(chain)];
}

/**
 * Of the related documents `current` (documentId → the locale each is served in now), the
 * version in the first locale of `order` (`[locale, ...chain]`) that comes before that locale and
 * has one, whatever the length of the chain: one raw query tells which documents have one and
 * where, one document service read (skipped when none has) reads those versions. The last locale
 * of the chain is never looked in (nothing comes after it); a document served in a locale
 * outside the chain is looked up in all the others.
 */
async function earlierVersions(
  strapi: Core.Strapi,
  target: string,
  current: ReadonlyMap<string, string>,
  params: Params,
  order: readonly string[]
): Promise<Map<string, LocaleVersion>> {
  const place = (code: string) => {
    const index = order.indexOf(code);
    return index < 0 ? order.length - 1 : index;
  };
  // Documents grouped by the locales to look in (all locales before the one they are served in).
  const byPlace = new Map<number, string[]>();
  for (const [documentId, served] of current) {
    const before = Math.max(place(served), 1);
    const group = byPlace.get(before);
    if (group) group.push(documentId);
    else byPlace.set(before, [documentId]);
  }
  const found = new Map<string, LocaleVersion>();
  if (byPlace.size === 0) return found;
  const lookups = [...byPlace].map(([before, documentIds]) => ({
    locales: order.slice(0, before),
    documentIds,
  }));
  // Which documents have such a version at all (one raw query, two columns); the versions are
  // then read through the document service for those only, usually none.
  const status = params.status === 'published' ? 'published' : 'draft';
  const first = new Map<string, string>();
  for (const version of await existingVersions(strapi, target, lookups, status)) {
    const known = first.get(version.documentId);
    if (known === undefined || place(version.locale) < place(known)) {
      first.set(version.documentId, version.locale);
    }
  }
  if (first.size === 0) return found;
  const locales = [...new Set(first.values())];
  const versions = await findVersions(
    strapi,
    target,
    [...first.keys()],
    { ...params, locale: locales.length === 1 ? locales[0] : locales },
    locales.length
  );
  for (const version of versions) {
    if (first.get(version.documentId) === version.locale) found.set(version.documentId, version);
  }
  return found;
}

/**
 * Reads the requested versions of `documentIds` in one query (`versionsPerDocument`: how many
 * versions of one document the params may select, the locales of a list).
 */
async function findVersions(
  strapi: Core.Strapi,
  uid: string,
  documentIds: string[],
  params: Params,
  versionsPerDocument = 1
): Promise<LocaleVersion[]> {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return [];
  const { filters, ...rest } = params;
  const byId: Filters = { documentId: { $in: unique } };
  const found = await strapi.documents(uid as UID.ContentType).findMany({
    ...rest,
    fields: withLocaleField(rest.fields),
    filters: filters ? { $and: [filters, byId] } : byId,
    pagination: undefined,
    start: undefined,
    limit: unique.length * versionsPerDocument,
  } as Params);
  return found as unknown as LocaleVersion[];
}

/**
 * Replaces the populated relations of served entries by their fallback-aware merge: each related
 * document in `locale` when it is published there, else in `fallbackLocale`, and so on down every
 * nested populate. A fixed number of queries per populated relation and depth, whatever the
 * number of entries.
 */
async function mergeRelations(
  strapi: Core.Strapi,
  uid: string,
  entries: LocaleVersion[],
  params: Params,
  locale: string,
  chain: readonly string[]
): Promise<LocaleVersion[]> {
  const [fallbackLocale] = chain;
  const relations = fallbackRelations(strapi, uid);
  const wanted = populatedRelations(params.populate, [...relations.keys()]);
  if (wanted.size === 0 || entries.length === 0) return entries;

  const status = params.status;
  // The fallback versions of documents served in `locale`, for relations lost in translation: a
  // to-many relation may have lost members, a to-one relation only when it is empty.
  const mayHaveLost = (entry: LocaleVersion) =>
    [...wanted.keys()].some((name) => Array.isArray(entry[name]) || entry[name] == null);
  const servedInLocale = entries
    .filter((entry) => entry.locale === locale && mayHaveLost(entry))
    .map((entry) => entry.documentId);
  const fallbackVersions = new Map(
    (
      await findVersions(strapi, uid, servedInLocale, {
        locale: fallbackLocale,
        status,
        fields: ['locale'],
        populate: Object.fromEntries(
          [...wanted].map(([name, options]) => [
            name,
            { ...options, fields: withLocaleField(options.fields) },
          ])
        ),
      })
    ).map((version) => [version.documentId, version])
  );

  const merged = entries.map((entry) => ({ ...entry }));
  for (const [name, options] of wanted) {
    const target = relations.get(name) as string;
    // The `locale` versions are needed of members served in another locale and of the members
    // of fallback versions; members served in `locale` stay as they are.
    const related = new Set<string>();
    for (const entry of merged) {
      asVersions(entry[name])
        .filter((version) => version.locale !== locale)
        .forEach((version) => related.add(version.documentId));
      asVersions(fallbackVersions.get(entry.documentId)?.[name]).forEach((version) =>
        related.add(version.documentId)
      );
    }
    // The populate's own filters already chose the members; here only their versions are read:
    // of each member served in another locale than `locale` (or linked from a fallback version),
    // its version in `locale`, else in the first chain locale before the one it is served in
    // (a member linked from a version further down the chain moves up). One query.
    const current = new Map<string, string>();
    for (const entry of merged) {
      for (const version of asVersions(entry[name])) {
        if (version.locale !== locale && !current.has(version.documentId)) {
          current.set(version.documentId, String(version.locale));
        }
      }
      for (const version of asVersions(fallbackVersions.get(entry.documentId)?.[name])) {
        if (!current.has(version.documentId)) {
          current.set(version.documentId, String(version.locale));
        }
      }
    }
    const nested = { ...options, filters: undefined, status };
    const better = await earlierVersions(strapi, target, current, nested, [locale, ...chain]);
    const inLocale = new Map<string, LocaleVersion>();
    const earlier = new Map<string, LocaleVersion>();
    for (const [documentId, version] of better) {
      (version.locale === locale ? inLocale : earlier).set(documentId, version);
    }
    let membersChanged = false;
    for (const entry of merged) {
      const ofFallbackVersion =
        entry.locale === locale ? fallbackVersions.get(entry.documentId)?.[name] : undefined;
      const before = asVersions(entry[name]);
      entry[name] = mergeRelation(
        entry[name] as LocaleVersion | LocaleVersion[] | null,
        ofFallbackVersion as LocaleVersion | LocaleVersion[] | null | undefined,
        inLocale,
        locale,
        earlier
      );
      const after = asVersions(entry[name]);
      membersChanged ||=
        after.length !== before.length ||
        after.some((member, index) => member.locale !== before[index]?.locale);
    }
    if (membersChanged && options.sort !== undefined) {
      await sortMembers(strapi, target, merged, name, options.sort, { locale, chain, status });
    }
    await mergeNestedRelations(strapi, target, merged, name, { ...options, status }, locale, chain);
  }
  return merged;
}

/**
 * Members substituted or added by the merge were not ordered by the populate's `sort`: order
 * every to-many relation of `entries` again by it, applied to the versions served, as the
 * database orders them (one query for all entries).
 */
async function sortMembers(
  strapi: Core.Strapi,
  target: string,
  entries: LocaleVersion[],
  name: string,
  sort: unknown,
  { locale, chain, status }: { locale: string; chain: readonly string[]; status: unknown }
): Promise<void> {
  const ids = new Set(
    entries.flatMap((entry) =>
      Array.isArray(entry[name]) ? asVersions(entry[name]).map((m) => m.documentId) : []
    )
  );
  if (ids.size < 2) return;
  const ordered = (await strapi.documents(target as UID.ContentType).findMany({
    filters: { documentId: { $in: [...ids] } },
    sort,
    fields: ['documentId'],
    locale,
    fallbackLocale: [...chain],
    status,
  } as never)) as unknown as LocaleVersion[];
  const position = new Map(ordered.map((version, index) => [version.documentId, index]));
  const rank = (member: LocaleVersion) => position.get(member.documentId) ?? ordered.length;
  for (const entry of entries) {
    const members = entry[name];
    if (Array.isArray(members)) (members as LocaleVersion[]).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * The next level down: the members of relation `name` (of every entry at once) get their own
 * populated relations merged by the same rule. Members served in `fallbackLocale` were populated
 * in that locale, members served in `locale` lost what is only linked in the fallback version.
 */
async function mergeNestedRelations(
  strapi: Core.Strapi,
  target: string,
  entries: LocaleVersion[],
  name: string,
  options: Params,
  locale: string,
  chain: readonly string[]
): Promise<void> {
  const members = entries.flatMap((entry) => asVersions(entry[name]));
  if (members.length === 0) return;
  const deeper = await mergeRelations(strapi, target, members, options, locale, chain);
  let next = 0;
  for (const entry of entries) {
    const value = entry[name];
    if (Array.isArray(value)) entry[name] = value.map(() => deeper[next++]);
    else if (value) entry[name] = deeper[next++];
  }
}

/** The document service middleware; register once with `strapi.documents.use`. */
export function createFallbackMiddleware(strapi: Core.Strapi): Middleware {
  const relationsOf = (type: string) => fallbackRelations(strapi, type);
  return async (ctx, next) => {
    const params = (ctx.params ?? {}) as Params;
    // A read without fallback started inside a fallback read (by another middleware) is not
    // restricted to that read's versions.
    if (!READS.has(ctx.action) || !('fallbackLocale' in params)) return outsideServedVersions(next);

    // The document service rejects unknown params (api.documents.strictParams): take it out.
    const { fallbackLocale, ...rest } = params;
    ctx.params = rest as typeof ctx.params;
    if (!isLocalized(strapi, ctx.uid)) return next();
    const locale =
      typeof rest.locale === 'string' && rest.locale !== ''
        ? rest.locale
        : await localesService(strapi).defaultLocale();
    const chain = fallbackChainOf(fallbackLocale, locale);
    if (chain.length === 0 || locale === '*') return next();
    // Empty translated fields of the entries served are filled down the chain, at every depth.
    const fillRequest = (served: string, steps: readonly string[]) => ({
      locale: served,
      chain: steps,
      status: rest.status,
      relationsOf,
    });
    const uid = ctx.uid as string;
    rest.fields = withLocaleField(rest.fields);
    rest.populate = withLocaleInPopulate(rest.populate, uid, (type) =>
      fallbackRelations(strapi, type)
    );

    if (ctx.action === 'findOne' || ctx.action === 'findFirst') {
      let entry = (await next()) as LocaleVersion | null;
      // The chain in order: the first locale that has a version serves it.
      for (const stepLocale of chain) {
        if (entry) break;
        entry = (await (ctx.action === 'findOne'
          ? strapi.documents(ctx.uid).findOne({ ...rest, locale: stepLocale } as never)
          : strapi
              .documents(ctx.uid)
              .findFirst({ ...rest, locale: stepLocale } as never))) as LocaleVersion | null;
      }
      if (!entry) return entry as never;
      const [merged] = await mergeRelations(strapi, uid, [entry], rest, locale, chain);
      const served = markVersion(merged, locale);
      await fillEmptyFieldsAtEveryDepth(strapi, uid, [served], rest, fillRequest(locale, chain));
      return served as never;
    }

    // One statement: the database keeps, of each document, its version in the first locale of
    // the chain that has one, then filters, sorts, pages and counts those (./served-versions.ts).
    const status = rest.status === 'published' ? 'published' : 'draft';
    const order = [locale, ...chain];
    rest.locale = order;
    const result = await readingServedVersions(strapi, uid, order, status, next);
    if (ctx.action === 'count') return result;
    const entries = await mergeRelations(
      strapi,
      uid,
      result as unknown as LocaleVersion[],
      rest,
      locale,
      chain
    );
    const served = entries.map((entry) => markVersion(entry, locale));
    await fillEmptyFieldsAtEveryDepth(strapi, uid, served, rest, fillRequest(locale, chain));
    return served as never;
  };
}
