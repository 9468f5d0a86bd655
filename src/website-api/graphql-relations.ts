/**
 * Locale fallback for relations resolved by GraphQL. A root query with `fallbackLocale` serves
 * each document in `locale` or `fallbackLocale` (./fallback.ts); the relations of those documents
 * are resolved by GraphQL field resolvers, which read them in the locale of the parent version.
 * Here a resolver middleware on every relation field between localized types applies the same
 * rule as REST's populate (`mergeRelation` in src/lib/i18n/fallback.ts): each related document
 * in `locale` when it is published there, else in `fallbackLocale` (marked `fallback`), at every
 * depth of the query. Without `fallbackLocale` on the root query the middleware returns the
 * stock result untouched and runs no query.
 *
 * The extra reads are batched per request and field with a DataLoader (like
 * src/graphql/batch-relations.ts): two queries per relation field and batch, whatever the number
 * of parents.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { omit } from 'lodash/fp';
import type { Core, Schema, UID } from '@strapi/strapi';
import { mergeRelation, type LocaleVersion } from '../lib/i18n/fallback';
import { stableStringify } from '../lib/response-cache/key';

type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: object,
  info: GraphQLResolveInfo
) => unknown;

type RelationMiddleware = (
  next: Resolver,
  parent: unknown,
  args: Record<string, unknown>,
  context: object,
  info: GraphQLResolveInfo
) => Promise<unknown>;

interface RootQueryArgs {
  _originField?: string;
  locale?: unknown;
  fallbackLocale?: unknown;
  status?: unknown;
}

interface FallbackRequest {
  locale: string;
  fallbackLocale: string;
  status: 'published' | 'draft';
}

type RelationValue = LocaleVersion | LocaleVersion[] | null;

interface Item {
  parent: LocaleVersion;
  served: RelationValue;
}

interface RelationLike {
  type: string;
  relation?: string;
  target?: UID.ContentType;
}

type DbQuery = Record<string, unknown>;

/** The default locale, read once per request (it is a store read, i.e. a query). */
const defaultLocales = new WeakMap<object, Promise<string>>();
const loaders = new WeakMap<object, Map<string, DataLoader<Item, RelationValue>>>();

async function fallbackRequest(
  strapi: Core.Strapi,
  context: object,
  info: GraphQLResolveInfo
): Promise<FallbackRequest | null> {
  let rootPath = info.path;
  while (rootPath.prev) rootPath = rootPath.prev;
  const byPath = (context as { rootQueryArgsByPath?: Map<string | number, RootQueryArgs> })
    .rootQueryArgsByPath;
  const root = byPath?.get(rootPath.key);
  const { fallbackLocale } = root ?? {};
  if (typeof fallbackLocale !== 'string' || fallbackLocale === '' || !root?._originField) {
    return null;
  }
  const contentApi = strapi.plugin('graphql').service('content-api') as {
    isBuiltInQueryField(name: string): boolean;
  };
  if (!contentApi.isBuiltInQueryField(root._originField)) return null;

  let locale: string;
  if (typeof root.locale === 'string' && root.locale !== '') locale = root.locale;
  else {
    let pending = defaultLocales.get(context);
    if (!pending) {
      pending = strapi.plugin('i18n').service('locales').getDefaultLocale() as Promise<string>;
      defaultLocales.set(context, pending);
    }
    locale = await pending;
  }
  if (locale === fallbackLocale || locale === '*') return null;
  return { locale, fallbackLocale, status: root.status === 'draft' ? 'draft' : 'published' };
}

const statusWhere = (status: FallbackRequest['status']): DbQuery => ({
  publishedAt: status === 'published' ? { $notNull: true } : { $null: true },
});

const asList = (value: unknown): LocaleVersion[] =>
  (Array.isArray(value) ? value : value ? [value] : []) as LocaleVersion[];

/**
 * The relation query of the field's own arguments (filters, sort of a to-many relation), without
 * paging: it chooses which related documents of the fallback version take part. The stock
 * resolver has validated and sanitised the same arguments before this runs.
 */
function relationQuery(
  strapi: Core.Strapi,
  targetUID: UID.ContentType,
  args: Record<string, unknown>,
  status: FallbackRequest['status']
): { query: DbQuery; limit?: number } {
  const builders = strapi.plugin('graphql').service('builders') as {
    utils: {
      transformArgs(
        args: unknown,
        options: { contentType: Schema.ContentType; usePagination: boolean }
      ): DbQuery;
    };
  };
  const transformed = builders.utils.transformArgs(args, {
    contentType: strapi.getModel(targetUID) as Schema.ContentType,
    usePagination: true,
  });
  const full = strapi.get('query-params').transform(targetUID, transformed) as DbQuery;
  const query = omit(['limit', 'offset'], full) as DbQuery;
  return {
    query: {
      ...query,
      where: query.where ? { $and: [query.where, statusWhere(status)] } : statusWhere(status),
    },
    limit: typeof full.limit === 'number' ? full.limit : undefined,
  };
}

function loaderFor(
  strapi: Core.Strapi,
  context: object,
  uid: UID.ContentType,
  attributeName: string,
  targetUID: UID.ContentType,
  args: Record<string, unknown>,
  request: FallbackRequest
): DataLoader<Item, RelationValue> {
  let perRequest = loaders.get(context);
  if (!perRequest) {
    perRequest = new Map();
    loaders.set(context, perRequest);
  }
  // Aliased root fields of one request may ask for other locales: they get their own loader.
  const { locale, fallbackLocale, status } = request;
  const key = `${uid}.${attributeName}:${locale}:${fallbackLocale}:${status}:${stableStringify(args)}`;
  let loader = perRequest.get(key);
  if (!loader) {
    loader = new DataLoader<Item, RelationValue>(
      async (items) => {
        const { query, limit } = relationQuery(strapi, targetUID, args, status);
        // The relation on the fallback version of parents served in `locale`: related documents
        // without a `locale` version can only be linked there.
        const servedInLocale = [
          ...new Set(
            items.filter(({ parent }) => parent.locale === locale).map((i) => i.parent.documentId)
          ),
        ];
        const ofFallback = new Map<string, unknown>();
        if (servedInLocale.length > 0) {
          const rows = (await strapi.db.query(uid).findMany({
            select: ['id', 'documentId'],
            where: {
              documentId: { $in: servedInLocale },
              locale: fallbackLocale,
              ...statusWhere(status),
            },
            populate: { [attributeName]: query },
          })) as LocaleVersion[];
          rows.forEach((row) => ofFallback.set(row.documentId, row[attributeName] ?? null));
        }

        const related = new Set<string>();
        for (const { parent, served } of items) {
          asList(served).forEach((version) => related.add(version.documentId));
          asList(ofFallback.get(parent.documentId)).forEach((v) => related.add(v.documentId));
        }
        const inLocale = new Map<string, LocaleVersion>();
        if (related.size > 0) {
          const rows = (await strapi.db.query(targetUID).findMany({
            where: { documentId: { $in: [...related] }, locale, ...statusWhere(status) },
          })) as LocaleVersion[];
          rows.forEach((row) => inLocale.set(row.documentId, row));
        }

        return items.map(({ parent, served }) => {
          const merged = mergeRelation(
            served,
            parent.locale === locale
              ? ((ofFallback.get(parent.documentId) ?? null) as RelationValue)
              : undefined,
            inLocale,
            locale
          );
          // Added members must not make a to-many page longer than asked for.
          return Array.isArray(merged) && limit !== undefined ? merged.slice(0, limit) : merged;
        });
      },
      // Same scheduling as the batched to-one resolvers: one page of parents, one batch.
      { batchScheduleFn: (callback) => setImmediate(callback), cache: false }
    );
    perRequest.set(key, loader);
  }
  return loader;
}

/**
 * Resolver middlewares (`resolversConfig`) for the relation fields between localized content
 * types, to-one and to-many (`Type.relation`; the `_connection` variants keep the stock result).
 *
 * @param typeName the GraphQL type name of a content type
 */
export function fallbackRelationResolversConfig(
  strapi: Core.Strapi,
  localized: readonly { uid: string; attributes: object }[],
  typeName: (uid: string) => string
): Record<string, { middlewares: RelationMiddleware[] }> {
  const localizedUids = new Set(localized.map((contentType) => contentType.uid));
  const config: Record<string, { middlewares: RelationMiddleware[] }> = {};
  for (const contentType of localized) {
    const attributes = contentType.attributes as Record<string, RelationLike>;
    for (const [name, { type, target }] of Object.entries(attributes)) {
      // `localizations` lists the other versions on purpose: never substituted.
      if (type !== 'relation' || name === 'localizations' || !target) continue;
      if (!localizedUids.has(target)) continue;
      const uid = contentType.uid as UID.ContentType;
      const middleware: RelationMiddleware = async (next, parent, args, context, info) => {
        const served = await next(parent, args, context, info);
        const request = await fallbackRequest(strapi, context, info);
        const version = parent as LocaleVersion | null;
        if (!request || !version?.documentId) return served;
        return loaderFor(strapi, context, uid, name, target, args, request).load({
          parent: version,
          served: (served ?? null) as RelationValue,
        });
      };
      config[`${typeName(uid)}.${name}`] = { middlewares: [middleware] };
    }
  }
  return config;
}
