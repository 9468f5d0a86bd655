/** Runs a checked search request against the index. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contextTablesOf, sqlOf, type ContextTableNames, type Sql } from '../internals';
import {
  parseSearchParams,
  SearchParamError,
  type RawSearchParams,
  type SearchRequest,
} from '../lib/params';
import {
  contextStatement,
  countStatement,
  FTS_TABLE,
  INDEX_TABLE,
  pageStatement,
  type ContextRow,
  type ContextTables,
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

/** What a request is checked against besides the config, read from the database per request. */
export interface SearchEnvironment {
  /** Locale codes that exist (none without i18n). */
  locales: string[];
  defaultLocale: string | null;
  /** Whether the Public role may use `publicAction` (null when not asked). */
  publicAllowed: boolean | null;
}

/** The core store keeps a string as JSON (`"de"`), as Strapi's store `get` parses it. */
function storedString(value: string | null): string | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Resolved on first use (the database is ready by then), the same for every request.
  let names: ContextTableNames | undefined;
  let sqlConnection: Sql | undefined;
  const sql = (): Sql => (sqlConnection ??= sqlOf(strapi));

  return {
    /**
     * The locales, the default locale and (when `publicAction` is given) whether the Public role
     * has that action, in one SQL statement. Not memoized: another instance may change locales or
     * permissions at any time, and a stale answer here would be stored by the response cache.
     */
    async environment(options: { publicAction?: string } = {}): Promise<SearchEnvironment> {
      names ??= contextTablesOf(strapi);
      const connection = sql();
      const permissions = names.permissions;
      const tables: ContextTables = {
        locales: names.locales ? connection.table(names.locales) : null,
        store: names.store ? connection.table(names.store) : null,
        permissions: permissions && {
          permissions: connection.table(permissions.permissions),
          roles: connection.table(permissions.roles),
          link: connection.table(permissions.link),
          linkPermission: `"${permissions.linkPermission}"`,
          linkRole: `"${permissions.linkRole}"`,
        },
      };
      const statement = contextStatement(connection.dialect, tables, {
        defaultLocaleKey: names.defaultLocaleKey,
        publicAction: options.publicAction ?? null,
      });
      const [row] = await connection.rows<ContextRow>(statement.sql, statement.bindings);
      const allowed = row?.public_allowed;
      return {
        locales: row?.locales ? row.locales.split(',') : [],
        defaultLocale: storedString(row?.default_locale ?? null),
        publicAllowed: allowed === null || allowed === undefined ? null : Number(allowed) > 0,
      };
    },

    /**
     * Checks raw parameters (REST or GraphQL); a bad one is a ValidationError (400). `environment`:
     * what the route's authentication already read for this request (else read here).
     */
    async request(raw: RawSearchParams, environment?: SearchEnvironment): Promise<SearchRequest> {
      const types = strapi.plugin('search').service('catalog').types() as SearchType[];
      const { locales, defaultLocale } = environment ?? (await this.environment());
      const searchesLocalized = types.some((type) => type.localized);
      try {
        return parseSearchParams(raw, {
          types: new Map(types.map((type) => [type.urlName, type.uid])),
          locales,
          defaultLocale: searchesLocalized ? defaultLocale : null,
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
      const connection = sql();
      const tables = { index: connection.table(INDEX_TABLE), fts: connection.table(FTS_TABLE) };
      const query: SearchQuery = {
        query: request.query,
        words: request.words,
        types: request.types,
        locale: request.locale,
        fallbackLocale: request.fallbackLocale,
        offset: (request.page - 1) * request.pageSize,
        limit: request.pageSize,
      };
      const page = pageStatement(connection.dialect, tables, query);
      const rows = await connection.rows<HitRow>(page.sql, page.bindings);
      let total = rows.length > 0 ? Number(rows[0].total) : 0;
      if (rows.length === 0 && query.offset > 0) {
        // A page past the last one has no row to carry the total.
        const count = countStatement(connection.dialect, tables, query);
        const [counted] = await connection.rows<{ total: number | string }>(
          count.sql,
          count.bindings
        );
        total = Number(counted?.total ?? 0);
      }
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
  };
};
