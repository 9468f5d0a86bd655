/**
 * GraphQL: `search(q:, locale:, fallbackLocale:, types:, pagination:): SearchResult!`, the same
 * search as GET /api/search, allowed to whoever may call that route.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SEARCH_ACTION } from './auth';
import { extendGraphql } from './internals';
import type { SearchResult } from './services/search';

interface SearchArgs {
  q: string;
  locale?: string | null;
  fallbackLocale?: string | null;
  types?: string[] | null;
  pagination?: { page?: number; pageSize?: number; start?: number; limit?: number } | null;
}

/** Registers the query. Call in the register phase; does nothing without the GraphQL plugin. */
export function registerSearchQuery(strapi: Core.Strapi): void {
  // The i18n plugin's scalar refuses unknown locale codes at validation, as on generated queries.
  const localeType = strapi.plugin('i18n') ? 'I18NLocaleCode' : 'String';
  extendGraphql(strapi, {
    typeDefs: `
      type SearchHit {
        "URL name of the hit's content type, as accepted by \`types\` (e.g. the type's plural name)"
        type: String!
        documentId: ID!
        name: String!
        slug: String
        locale: String
        "True when the hit is served in \`fallbackLocale\` because it is not published in \`locale\`"
        fallback: Boolean!
      }

      type SearchResult {
        hits: [SearchHit!]!
        pageInfo: Pagination!
      }

      extend type Query {
        "Published documents whose name, in any locale, matches \`q\` (case and diacritics ignored); exact matches first, then prefix, then other words"
        search(
          q: String!
          locale: ${localeType}
          fallbackLocale: ${localeType}
          types: [String!]
          pagination: PaginationArg = {}
        ): SearchResult!
      }
    `,
    resolvers: {
      Query: {
        search: async (_parent: unknown, args: SearchArgs) => {
          const { start, limit, ...pagination } = args.pagination ?? {};
          if (start !== undefined || limit !== undefined) {
            throw new errors.ValidationError('search pages with pagination { page, pageSize }');
          }
          const service = strapi.plugin('search').service('search');
          const request = await service.request({ ...args, pagination });
          const result: SearchResult = await service.search(request);
          return { hits: result.hits, pageInfo: result.pagination };
        },
      },
    },
    resolversConfig: {
      'Query.search': { auth: { scope: [SEARCH_ACTION] } },
    },
  });
}
