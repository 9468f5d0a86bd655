/** Runs a checked search request against the index. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contextTablesOf, sqlOf, type ContextTableNames, type Sql } from '../internals';
import {
  parseSearchParams,
  SearchParamError,
  withStoredChain,
  type RawSearchParams,
  type SearchRequest,
} from '../lib/params';
import type { Labels } from '../lib/entries';
import { words } from '../lib/fold';
import { matchedName, matchKindOf, type MatchKind } from '../lib/match';
import {
  contextStatement,
  countStatement,
  facetsStatement,
  FTS_TABLE,
  INDEX_TABLE,
  namesStatement,
  pageStatement,
  vocabularyStatement,
  type ContextRow,
  type ContextTables,
  type HitRow,
  type SearchQuery,
} from '../lib/sql';
import { queryTerms } from '../lib/terms';
import { Vocabulary } from '../lib/typos';
import type { SearchType } from './catalog';
import { onlyLaunched, storedChain } from '../launched-locales';

export interface SearchHit {
  /** The type's URL name (`cities`), as accepted by `types`. */
  type: string;
  documentId: string;
  name: string;
  slug: string | null;
  locale: string | null;
  fallback: boolean;
  /** How the hit matched: exact name, alternative name, prefix, every word, or with typos. */
  match: MatchKind;
  /** The name (of any locale, or an alternative name) that matched. */
  matchedName: string;
}

/** One value of a facet: the related document, named in the served locale, and its hits. */
export interface FacetValue {
  key: string;
  name: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
  /** Per asked facet, its values by count (most first), then name. */
  facets: Record<string, FacetValue[]>;
}

/** What a request is checked against besides the config, read from the database per request. */
export interface SearchEnvironment {
  /** Locale codes that exist (none without i18n). */
  locales: string[];
  defaultLocale: string | null;
  /** Whether the Public role may use `publicAction` (null when not asked). */
  publicAllowed: boolean | null;
  /** Changes with every change of the index (see ContextRow). */
  indexVersion: string;
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
  const indexTables = (connection: Sql) => ({
    index: connection.table(INDEX_TABLE),
    fts: connection.table(FTS_TABLE),
  });
  const catalog = () => strapi.plugin('search').service('catalog');

  // The typo vocabulary of this instance, read again when the index version changes (a write on
  // any instance changes it; the version is read with the locales, at no extra query).
  let vocabulary: { version: string; words: Vocabulary } | undefined;
  const vocabularyFor = async (version: string): Promise<Vocabulary> => {
    if (vocabulary?.version === version) return vocabulary.words;
    const connection = sql();
    const statement = vocabularyStatement(indexTables(connection));
    const rows = await connection.rows<{ names: string; alt_names: string }>(
      statement.sql,
      statement.bindings
    );
    const all = rows.flatMap((row) =>
      `${row.names}|${row.alt_names}`.split('|').flatMap((name) => words(name))
    );
    vocabulary = { version, words: new Vocabulary(all) };
    return vocabulary.words;
  };

  /** Facet values of every hit, counted, named in the request's locale (else its fallback). */
  const countFacets = async (
    connection: Sql,
    query: SearchQuery,
    request: SearchRequest
  ): Promise<Record<string, FacetValue[]>> => {
    if (request.facets.length === 0) return {};
    const tables = indexTables(connection);
    const statement = facetsStatement(connection.dialect, tables, query);
    const rows = await connection.rows<{ facets: string }>(statement.sql, statement.bindings);
    const counts = new Map<string, Map<string, number>>(
      request.facets.map((facet) => [facet, new Map()])
    );
    for (const row of rows) {
      const values = JSON.parse(row.facets) as Record<string, string | null>;
      for (const [facet, byKey] of counts) {
        const key = values[facet];
        if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
    }
    const targets = new Map<string, string>();
    for (const type of catalog().types() as SearchType[]) {
      for (const [facet, target] of Object.entries(type.facets)) targets.set(facet, target);
    }
    const result: Record<string, FacetValue[]> = {};
    for (const [facet, byKey] of counts) {
      const target = targets.get(facet);
      const keys = [...byKey.keys()];
      const names = new Map<string, Map<string | null, string>>();
      if (target && keys.length > 0) {
        const lookup = namesStatement(tables, target, keys);
        const found = await connection.rows<{
          document_id: string;
          locale: string | null;
          name: string;
        }>(lookup.sql, lookup.bindings);
        // A related document's name in an unlaunched locale is private: not offered as a name.
        const launched = new Set(
          await onlyLaunched(strapi, [
            ...new Set(found.flatMap((row) => (row.locale === null ? [] : [row.locale]))),
          ])
        );
        for (const row of found) {
          if (row.locale !== null && !launched.has(row.locale)) continue;
          const byLocale = names.get(row.document_id) ?? new Map<string | null, string>();
          byLocale.set(row.locale, row.name);
          names.set(row.document_id, byLocale);
        }
      }
      const nameOf = (key: string): string | undefined => {
        const byLocale = names.get(key);
        if (!byLocale) return undefined;
        return (
          byLocale.get(request.locale) ??
          request.fallbackChain.map((code) => byLocale.get(code)).find((name) => name) ??
          byLocale.get(null) ??
          [...byLocale.entries()].sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))[0]?.[1]
        );
      };
      result[facet] = keys
        .flatMap((key) => {
          // A related document that is not published (not indexed) is no filter a site can offer.
          const name = nameOf(key);
          return name === undefined ? [] : [{ key, name, count: byKey.get(key) ?? 0 }];
        })
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return result;
  };

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
        index: connection.table(INDEX_TABLE),
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
        indexVersion: String(row?.index_version ?? ''),
      };
    },

    /**
     * Checks raw parameters (REST or GraphQL); a bad one is a ValidationError (400). `environment`:
     * what the route's authentication already read for this request (else read here).
     */
    async request(raw: RawSearchParams, environment?: SearchEnvironment): Promise<SearchRequest> {
      const types = catalog().types() as SearchType[];
      const {
        locales: every,
        defaultLocale,
        indexVersion,
      } = environment ?? (await this.environment());
      // An unlaunched locale is refused like an unknown one.
      const locales = await onlyLaunched(strapi, every);
      const searchesLocalized = types.some((type) => type.localized);
      let request: SearchRequest;
      try {
        request = parseSearchParams(raw, {
          types: new Map(types.map((type) => [type.urlName, type.uid])),
          locales,
          defaultLocale: searchesLocalized ? defaultLocale : null,
          defaultPageSize: strapi.config.get<number>('api.rest.defaultLimit', 25),
          maxPageSize: strapi.config.get<number>('api.rest.maxLimit', 100),
          maxQueryLength: strapi.plugin('search').config<number>('maxQueryLength'),
          maxQueryWords: strapi.plugin('search').config<number>('maxQueryWords'),
          facets: catalog().facetNames(),
        });
      } catch (error) {
        if (error instanceof SearchParamError) {
          throw new errors.ValidationError(error.message, { param: error.param });
        }
        throw error;
      }
      await vocabularyFor(indexVersion);
      return request.locale === null
        ? request
        : withStoredChain(request, await storedChain(strapi, request.locale));
    },

    async search(request: SearchRequest): Promise<SearchResult> {
      const types = catalog().types() as SearchType[];
      const urlNames = new Map(types.map((type) => [type.uid as string, type.urlName]));
      const connection = sql();
      const tables = indexTables(connection);
      const terms = queryTerms(request.words, request.germanWords, vocabulary?.words ?? null);
      const queryForms = [...new Set([request.query, request.germanQuery])];
      const query: SearchQuery = {
        queryForms,
        terms,
        types: request.types,
        locale: request.locale,
        fallbackLocales: request.fallbackChain,
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
      const facets = await countFacets(connection, query, request);
      return {
        hits: rows.map((row) => {
          const match = matchKindOf(Number(row.rank));
          const labels = JSON.parse(row.labels) as Labels;
          return {
            type: urlNames.get(row.type) ?? row.type,
            documentId: row.document_id,
            name: row.name,
            slug: row.slug,
            locale: row.locale,
            fallback: Boolean(Number(row.fallback)),
            match,
            matchedName: matchedName(match, row.name, labels, queryForms, terms),
          };
        }),
        pagination: {
          page: request.page,
          pageSize: request.pageSize,
          pageCount: Math.ceil(total / request.pageSize),
          total,
        },
        facets,
      };
    },
  };
};
