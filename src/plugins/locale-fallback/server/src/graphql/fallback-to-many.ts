/**
 * Locale fallback for the to-many relations GraphQL resolves (`parent { members }`,
 * `parent { members_connection { nodes } }`), under a root query with `fallbackLocale`.
 *
 * The related documents of a parent are those linked from the version served, plus those linked
 * only from its fallback version that have no version in `locale` (they were lost in translation,
 * not unlinked on purpose). They are read in one query through the document service with the same
 * `locale` + `fallbackLocale` as the root query (../rest/fallback-middleware.ts), so the field's own filters and
 * sort apply to the version served, exactly as on the root query; each parent's page is then cut
 * from that ordered list. Per batch of parents: one query for the links of both versions and the
 * fallback read, whatever the number of parents (stock Strapi runs one query per parent).
 */
import DataLoader from 'dataloader';
import type { Core, Schema, UID } from '@strapi/strapi';
import stableStringify from 'fast-json-stable-stringify';
import type { LocaleVersion } from '../lib/fallback';
import { graphql, type DbQuery } from '../internals';
import { batchScheduleFn, requestLoader } from './loaders';
import { statusWhere, type FallbackRequest } from './request';

export interface ToManyRelation {
  uid: UID.ContentType;
  attributeName: string;
  target: UID.ContentType;
}

/** What the stock resolver of a to-many relation returns (a `…RelationResponseCollection`). */
export interface RelationCollection {
  nodes: LocaleVersion[];
  /** The length of the merged list before pagination (`pageInfo.total`). */
  total: number;
  info: { args: DbQuery; resourceUID: string };
}

interface RelationArgsQuery {
  filters?: DbQuery;
  sort?: unknown;
  start?: number;
  limit?: number;
}

interface ServedVersion extends LocaleVersion {
  fallback?: boolean;
}

/**
 * The field's arguments as a document query, validated and sanitised for the caller exactly as
 * the stock association resolver does (private fields, permissions).
 */
async function relationArgsQuery(
  strapi: Core.Strapi,
  target: UID.ContentType,
  args: Record<string, unknown>,
  auth: unknown
): Promise<RelationArgsQuery> {
  const contentType = strapi.getModel(target) as Schema.ContentType;
  const transformed = graphql(strapi).transformArgs(args, {
    contentType,
    usePagination: true,
  });
  await strapi.contentAPI.validate.query(transformed, contentType, { auth } as never);
  return (await strapi.contentAPI.sanitize.query(transformed, contentType, {
    auth,
  } as never)) as RelationArgsQuery;
}

const versionKey = (documentId: string, locale: unknown) => `${documentId}\u0000${String(locale)}`;

/** The documentIds each version of the parents links, by documentId + locale. */
async function linksByVersion(
  strapi: Core.Strapi,
  { uid, attributeName }: ToManyRelation,
  parentIds: string[],
  { locale, chain, status }: FallbackRequest
): Promise<Map<string, string[]>> {
  const rows = (await strapi.db.query(uid).findMany({
    select: ['id', 'documentId', 'locale'],
    where: {
      documentId: { $in: parentIds },
      locale: { $in: [locale, ...chain] },
      ...statusWhere(status),
    },
    populate: { [attributeName]: { select: ['id', 'documentId'], where: statusWhere(status) } },
  })) as LocaleVersion[];
  return new Map(
    rows.map((row) => [
      versionKey(row.documentId, row.locale),
      ((row[attributeName] ?? []) as LocaleVersion[]).map((related) => related.documentId),
    ])
  );
}

/** The documents of `target` among `documentIds`, each in the version served, filtered and sorted. */
async function servedVersions(
  strapi: Core.Strapi,
  target: UID.ContentType,
  documentIds: string[],
  query: RelationArgsQuery,
  { locale, chain, status }: FallbackRequest
): Promise<ServedVersion[]> {
  if (documentIds.length === 0) return [];
  const byId = { documentId: { $in: documentIds } };
  return (await strapi.documents(target).findMany({
    filters: query.filters ? { $and: [query.filters, byId] } : byId,
    ...(query.sort === undefined ? {} : { sort: query.sort }),
    locale,
    fallbackLocale: [...chain],
    status,
  } as never)) as unknown as ServedVersion[];
}

/**
 * The loader of this request for one to-many relation field and its arguments.
 */
export function toManyLoader(
  strapi: Core.Strapi,
  context: { state?: { auth?: unknown } },
  relation: ToManyRelation,
  args: Record<string, unknown>,
  request: FallbackRequest
): DataLoader<LocaleVersion, RelationCollection> {
  const { locale, chain, status } = request;
  const [fallbackLocale] = chain;
  const key = `many:${relation.uid}.${relation.attributeName}:${locale}:${chain.join(',')}:${status}:${stableStringify(args)}`;
  return requestLoader(
    context,
    key,
    () =>
      new DataLoader<LocaleVersion, RelationCollection>(
        async (parents) => {
          const query = await relationArgsQuery(strapi, relation.target, args, context.state?.auth);
          const parentIds = [...new Set(parents.map((parent) => parent.documentId))];
          const links = await linksByVersion(strapi, relation, parentIds, request);
          const related = [...new Set([...links.values()].flat())];
          const served = await servedVersions(strapi, relation.target, related, query, request);

          const start = query.start ?? 0;
          const end =
            query.limit === undefined || query.limit < 0 ? undefined : start + query.limit;
          return parents.map((parent) => {
            const own = links.get(versionKey(parent.documentId, parent.locale)) ?? [];
            const ofFallbackVersion =
              parent.locale === locale
                ? (links.get(versionKey(parent.documentId, fallbackLocale)) ?? [])
                : [];
            const linked = new Set(own);
            const linkedOnlyInFallback = new Set(ofFallbackVersion);
            const members = served.filter(
              (version) =>
                linked.has(version.documentId) ||
                (linkedOnlyInFallback.has(version.documentId) && version.fallback === true)
            );
            if (query.sort === undefined) {
              // No sort asked for: the editors' order of the links, as stock Strapi keeps it.
              const position = new Map<string, number>();
              [...own, ...ofFallbackVersion].forEach((documentId, index) => {
                if (!position.has(documentId)) position.set(documentId, index);
              });
              members.sort(
                (a, b) => (position.get(a.documentId) ?? 0) - (position.get(b.documentId) ?? 0)
              );
            }
            return {
              nodes: members.slice(start, end),
              total: members.length,
              info: { args: query as DbQuery, resourceUID: relation.target },
            };
          });
        },
        { batchScheduleFn, cache: false }
      )
  );
}
