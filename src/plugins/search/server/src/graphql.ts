/**
 * GraphQL: `search(q:, locale:, fallbackLocale:, types:, pagination:): SearchResult!`, the same
 * search as GET /api/search, allowed to whoever may call that route.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SEARCH_ACTION } from './auth';
import { extendGraphql } from './internals';
import type { SearchResult } from './services/search';
import { NO_FALLBACK } from './lib/params';

interface SearchArgs {
  q: string;
  locale?: string | null;
  fallbackLocale?: string | null;
  types?: string[] | null;
  facets?: string[] | null;
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
        match: SearchMatch!
        "The name that matched: the hit's own name, a name in another locale, or an alternative name"
        matchedName: String!
      }

      "How a hit matched, best first: a name equal to the query, an alternative name equal to it, a name starting with it, every word found, found with typos"
      enum SearchMatch {
        exact
        alternative
        prefix
        word
        typo
      }

      type SearchFacetValue {
        "documentId of the related document"
        key: ID!
        "Its name in the requested locale"
        name: String!
        count: Int!
      }

      type SearchFacet {
        "The facet asked for in \`facets\`"
        name: String!
        values: [SearchFacetValue!]!
      }

      type SearchResult {
        hits: [SearchHit!]!
        pageInfo: Pagination!
        "One entry per name in \`facets\`, in that order"
        facets: [SearchFacet!]!
      }

      extend type Query {
        "Published documents whose name in any locale, or alternative name, matches \`q\` (case and diacritics ignored, German transliteration, typos, last word as prefix); exact name first, then alternative name, prefix, every word, typo"
        search(
          q: String!
          locale: ${localeType}
          fallbackLocale: ${localeType}
          types: [String!]
          facets: [String!]
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
          // `fallbackLocale: null` switches fallback off (REST `fallbackLocale=none`), as on the
          // content types' queries; without the argument the locale's stored chain applies.
          const request = await service.request({
            ...args,
            ...(args.fallbackLocale === null ? { fallbackLocale: NO_FALLBACK } : {}),
            pagination,
          });
          const result: SearchResult = await service.search(request);
          return {
            hits: result.hits,
            pageInfo: result.pagination,
            facets: Object.entries(result.facets).map(([name, values]) => ({ name, values })),
          };
        },
      },
    },
    resolversConfig: {
      'Query.search': { auth: { scope: [SEARCH_ACTION] } },
    },
  });
}
