/** Runs a checked search request against the index. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localesOf, sqlOf } from '../internals';
import {
  parseSearchParams,
  SearchParamError,
  type RawSearchParams,
  type SearchRequest,
} from '../lib/params';
import {
  countStatement,
  FTS_TABLE,
  INDEX_TABLE,
  pageStatement,
  type HitRow,
  type SearchQuery,
} from '../lib/sql';
import type { SearchType } from './catalog';

export interface SearchHit {
  /** The type's URL name (`cities`), as accepted by `types`. */
  type: string;
  documentId: string;
  name: string;
  slug: string | null;
  locale: string | null;
  fallback: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Checks raw parameters (REST or GraphQL); a bad one is a ValidationError (400). */
  async request(raw: RawSearchParams): Promise<SearchRequest> {
    const types = strapi.plugin('search').service('catalog').types() as SearchType[];
    const locales = localesOf(strapi);
    const searchesLocalized = types.some((type) => type.localized);
    const [codes, defaultLocale] = await Promise.all([
      locales.codes(),
      searchesLocalized ? locales.defaultCode() : null,
    ]);
    try {
      return parseSearchParams(raw, {
        types: new Map(types.map((type) => [type.urlName, type.uid])),
        locales: codes,
        defaultLocale,
        defaultPageSize: strapi.config.get<number>('api.rest.defaultLimit', 25),
        maxPageSize: strapi.config.get<number>('api.rest.maxLimit', 100),
        maxQueryLength: strapi.plugin('search').config<number>('maxQueryLength'),
      });
    } catch (error) {
      if (error instanceof SearchParamError) {
        throw new errors.ValidationError(error.message, { param: error.param });
      }
      throw error;
    }
  },

  async search(request: SearchRequest): Promise<SearchResult> {
    const types = strapi.plugin('search').service('catalog').types() as SearchType[];
    const urlNames = new Map(types.map((type) => [type.uid as string, type.urlName]));
    const sql = sqlOf(strapi);
    const tables = { index: sql.table(INDEX_TABLE), fts: sql.table(FTS_TABLE) };
    const query: SearchQuery = {
      query: request.query,
      words: request.words,
      types: request.types,
      locale: request.locale,
      fallbackLocale: request.fallbackLocale,
      offset: (request.page - 1) * request.pageSize,
      limit: request.pageSize,
    };
    const page = pageStatement(sql.dialect, tables, query);
    const count = countStatement(sql.dialect, tables, query);
    const [rows, [counted]] = await Promise.all([
      sql.rows<HitRow>(page.sql, page.bindings),
      sql.rows<{ total: number | string }>(count.sql, count.bindings),
    ]);
    const total = Number(counted?.total ?? 0);
    return {
      hits: rows.map((row) => ({
        type: urlNames.get(row.type) ?? row.type,
        documentId: row.document_id,
        name: row.name,
        slug: row.slug,
        locale: row.locale,
        fallback: Boolean(Number(row.fallback)),
      })),
      pagination: {
        page: request.page,
        pageSize: request.pageSize,
        pageCount: Math.ceil(total / request.pageSize),
        total,
      },
    };
  },
});
