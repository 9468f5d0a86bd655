/**
 * What the relation resolvers of a GraphQL request need to know about locale fallback: whether
 * the root query of the branch asked for it (`fallbackLocale` argument, ./index.ts, else the stored
 * chain of its locale), in which locales and status.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Core } from '@strapi/strapi';
import { graphql, rootQueryArgs, type DbQuery, type RootQueryArgs } from '../internals';
import { localesService } from '../targets';

export interface FallbackRequest {
  locale: string;
  /** The fallback locales, in order: the query's `fallbackLocale`, else the locale's chain. */
  chain: readonly string[];
  status: 'published' | 'draft';
}

/**
 * The fallback locales a root query asks for: its `fallbackLocale` (one code), none when it
 * passes `fallbackLocale: null`, else the stored chain of its locale.
 */
async function chainOf(strapi: Core.Strapi, root: RootQueryArgs, locale: string) {
  const { fallbackLocale } = root;
  if (fallbackLocale === null || fallbackLocale === '') return [];
  const locales = localesService(strapi);
  if (typeof fallbackLocale === 'string') {
    return fallbackLocale === locale ? [] : [fallbackLocale];
  }
  return locales.readChain({ locale });
}

async function compute(strapi: Core.Strapi, root: RootQueryArgs): Promise<FallbackRequest | null> {
  if (!root._originField || !graphql(strapi).isBuiltInQueryField(root._originField)) return null;
  const locale =
    typeof root.locale === 'string' && root.locale !== ''
      ? root.locale
      : await localesService(strapi).defaultLocale();
  if (locale === '*') return null;
  const chain = await chainOf(strapi, root, locale);
  if (chain.length === 0) return null;
  return { locale, chain, status: root.status === 'draft' ? 'draft' : 'published' };
}

/** Per root query field of a request (its recorded arguments): the answer, once known. */
const byRoot = new WeakMap<
  RootQueryArgs,
  FallbackRequest | null | Promise<FallbackRequest | null>
>();

/**
 * The fallback asked for by the root query of the branch `info` belongs to, or null when that
 * query has none (no `fallbackLocale` and no stored chain, `fallbackLocale: null`, or the
 * fallback locale itself): then nothing changes.
 * Worked out once per root field of a request; once known it is returned as is, not as a promise,
 * so that the relation resolvers of every parent can skip the fallback path synchronously.
 */
export function fallbackRequestOf(
  strapi: Core.Strapi,
  context: object,
  info: GraphQLResolveInfo
): FallbackRequest | null | Promise<FallbackRequest | null> {
  const root = rootQueryArgs(context, info);
  // `fallbackLocale: null` switches fallback off; without the argument the stored chain applies.
  if (!root || root.fallbackLocale === null || root.fallbackLocale === '') return null;
  let known = byRoot.get(root);
  if (known === undefined) {
    const pending = compute(strapi, root);
    byRoot.set(root, pending);
    pending.then(
      (request) => byRoot.set(root, request),
      () => byRoot.delete(root)
    );
    known = pending;
  }
  return known;
}

/** `fallbackRequestOf` as a promise. */
export async function fallbackRequest(
  strapi: Core.Strapi,
  context: object,
  info: GraphQLResolveInfo
): Promise<FallbackRequest | null> {
  return fallbackRequestOf(strapi, context, info);
}

/** The database condition for versions of the requested status. */
export const statusWhere = (status: FallbackRequest['status']): DbQuery => ({
  publishedAt: status === 'published' ? { $notNull: true } : { $null: true },
});
