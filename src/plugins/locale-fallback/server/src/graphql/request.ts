/**
 * What the relation resolvers of a GraphQL request need to know about locale fallback: whether
 * the root query of the branch asked for it (`fallbackLocale` argument, ./index.ts), in which
 * locales and status.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Core } from '@strapi/strapi';
import { graphql, rootQueryArgs, type DbQuery } from '../internals';
import { localesService } from '../targets';

export interface FallbackRequest {
  locale: string;
  fallbackLocale: string;
  status: 'published' | 'draft';
}

/**
 * The fallback asked for by the root query of the branch `info` belongs to, or null when that
 * query has no `fallbackLocale` (or asks for the fallback locale itself): then nothing changes.
 */
export async function fallbackRequest(
  strapi: Core.Strapi,
  context: object,
  info: GraphQLResolveInfo
): Promise<FallbackRequest | null> {
  const root = rootQueryArgs(context, info);
  const { fallbackLocale } = root ?? {};
  if (typeof fallbackLocale !== 'string' || fallbackLocale === '' || !root?._originField) {
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

/** The database condition for versions of the requested status. */
export const statusWhere = (status: FallbackRequest['status']): DbQuery => ({
  publishedAt: status === 'published' ? { $notNull: true } : { $null: true },
});
