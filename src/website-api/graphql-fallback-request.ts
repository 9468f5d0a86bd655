/**
 * What the relation resolvers of a GraphQL request need to know about locale fallback: whether
 * the root query of the branch asked for it (`fallbackLocale` argument, ./graphql.ts), in which
 * locales and status, and one DataLoader per request and relation field to batch their reads.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Core } from '@strapi/strapi';
import { graphqlServices, type DbQuery } from '../graphql/services';

interface RootQueryArgs {
  _originField?: string;
  locale?: unknown;
  fallbackLocale?: unknown;
  status?: unknown;
}

export interface FallbackRequest {
  locale: string;
  fallbackLocale: string;
  status: 'published' | 'draft';
}

/** The default locale, read once per request (it is a store read, i.e. a query). */
const defaultLocales = new WeakMap<object, Promise<string>>();
const loaders = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The fallback asked for by the root query of the branch `info` belongs to, or null when that
 * query has no `fallbackLocale` (or asks for the fallback locale itself): then nothing changes.
 */
export async function fallbackRequest(
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
  if (!graphqlServices(strapi).isBuiltInQueryField(root._originField)) return null;

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

/** The database condition for versions of the requested status. */
export const statusWhere = (status: FallbackRequest['status']): DbQuery => ({
  publishedAt: status === 'published' ? { $notNull: true } : { $null: true },
});

/**
 * The DataLoader of this request for `key`, created on first use. Keys must tell apart whatever
 * changes the answer (field, locales, status, arguments): aliased root fields of one request may
 * ask for other locales.
 */
export function requestLoader<K, V>(
  context: object,
  key: string,
  create: () => DataLoader<K, V>
): DataLoader<K, V> {
  let perRequest = loaders.get(context);
  if (!perRequest) {
    perRequest = new Map();
    loaders.set(context, perRequest);
  }
  let loader = perRequest.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    perRequest.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Same scheduling as the batched to-one resolvers: one page of parents, one batch. */
export const BATCH_OPTIONS = {
  batchScheduleFn: (callback: () => void) => setImmediate(callback),
  cache: false,
} as const;
