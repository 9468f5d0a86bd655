/**
 * What the relation resolvers of a GraphQL request need to know about locale fallback: whether
 * the root query of the branch asked for it (`fallbackLocale` argument, ./index.ts), in which
 * locales and status.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Core } from '@strapi/strapi';
import { graphql, rootQueryArgs, type DbQuery, type RootQueryArgs } from '../internals';
import { localesService } from '../targets';

export interface FallbackRequest {
  locale: string;
  fallbackLocale: string;
  status: 'published' | 'draft';
}

async function compute(strapi: Core.Strapi, root: RootQueryArgs): Promise<FallbackRequest | null> {
  const { fallbackLocale } = root;
  if (typeof fallbackLocale !== 'string' || fallbackLocale === '' || !root._originField) {
    return null;
  }
  if (!graphql(strapi).isBuiltInQueryField(root._originField)) return null;

  const locale =
    typeof root.locale === 'string' && root.locale !== ''
      ? root.locale
      : await localesService(strapi).defaultLocale();
  if (locale === fallbackLocale || locale === '*') return null;
  return { locale, fallbackLocale, status: root.status === 'draft' ? 'draft' : 'published' };
}

/** Per root query field of a request (its recorded arguments): the answer, once known. */
const byRoot = new WeakMap<
  RootQueryArgs,
  FallbackRequest | null | Promise<FallbackRequest | null>
>();

/**
 * The fallback asked for by the root query of the branch `info` belongs to, or null when that
 * query has no `fallbackLocale` (or asks for the fallback locale itself): then nothing changes.
 * Worked out once per root field of a request; once known it is returned as is, not as a promise,
 * so that the relation resolvers of every parent can skip the fallback path synchronously.
 */
export function fallbackRequestOf(
  strapi: Core.Strapi,
  context: object,
  info: GraphQLResolveInfo
): FallbackRequest | null | Promise<FallbackRequest | null> {
  const root = rootQueryArgs(context, info);
  if (!root || typeof root.fallbackLocale !== 'string' || root.fallbackLocale === '') return null;
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
