/**
 * The SQL of the index, per database (pure: statements and bindings, no connection).
 *
 * - SQLite: a plain table plus an FTS5 table over its `names` column (external content, kept in
 *   step by triggers), tokenizer `unicode61 remove_diacritics 2`; a query word `sao` becomes the
 *   prefix query `"sao"*`.
 * - PostgreSQL: the same table with a `tsvector` column (parser `simple`: no stemming, no stop
 *   words) under a GIN index; `sao` becomes `sao:*`.
 *
 * Both match documents whose names contain a word starting with each query word; ranking
 * (exact > prefix > other word, see pageStatement) and order are computed the same way on both.
 */
import type { Entry } from './entries';
import type { WordTerms } from './terms';

export type Dialect = 'sqlite' | 'postgres';

export const INDEX_TABLE = 'plugin_search_index';
export const FTS_TABLE = 'plugin_search_index_fts';

/** Quoted, qualified table names, as the connection needs them. */
export interface Tables {
  index: string;
  fts: string;
}

export interface Statement {
  sql: string;
  bindings: unknown[];
}

/** Statements that create the index if it does not exist (idempotent). */
export function createStatements(dialect: Dialect, tables: Tables): string[] {
  if (dialect === 'sqlite') {
    return [
      `CREATE TABLE IF NOT EXISTS ${tables.index} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        type TEXT NOT NULL,
        document_id TEXT NOT NULL,
        locale TEXT,
        name TEXT NOT NULL,
        slug TEXT,
        sort_name TEXT NOT NULL,
        names TEXT NOT NULL,
        alt_names TEXT NOT NULL,
        labels TEXT NOT NULL,
        facets TEXT
      )`,
      `CREATE INDEX IF NOT EXISTS ${INDEX_TABLE}_document ON ${INDEX_TABLE} (type, document_id, locale)`,
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${tables.fts} USING fts5(
        names, alt_names, content='${INDEX_TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
      )`,
      `CREATE TRIGGER IF NOT EXISTS ${INDEX_TABLE}_insert AFTER INSERT ON ${INDEX_TABLE} BEGIN
        INSERT INTO ${FTS_TABLE} (rowid, names, alt_names) VALUES (new.id, new.names, new.alt_names);
      END`,
      `CREATE TRIGGER IF NOT EXISTS ${INDEX_TABLE}_delete AFTER DELETE ON ${INDEX_TABLE} BEGIN
        INSERT INTO ${FTS_TABLE} (${FTS_TABLE}, rowid, names, alt_names)
          VALUES ('delete', old.id, old.names, old.alt_names);
      END`,
    ];
  }
  return [
    `CREATE TABLE IF NOT EXISTS ${tables.index} (
      id SERIAL PRIMARY KEY,
      type VARCHAR(255) NOT NULL,
      document_id VARCHAR(255) NOT NULL,
      locale VARCHAR(255),
      name TEXT NOT NULL,
      slug TEXT,
      sort_name TEXT NOT NULL,
      names TEXT NOT NULL,
      alt_names TEXT NOT NULL,
      labels TEXT NOT NULL,
      facets TEXT,
      names_vector TSVECTOR NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${INDEX_TABLE}_document ON ${tables.index} (type, document_id, locale)`,
    `CREATE INDEX IF NOT EXISTS ${INDEX_TABLE}_names ON ${tables.index} USING GIN (names_vector)`,
  ];
}

/** Statements that drop the index (before creating it in a new format). */
export function dropStatements(tables: Tables): string[] {
  return [`DROP TABLE IF EXISTS ${tables.fts}`, `DROP TABLE IF EXISTS ${tables.index}`];
}

/** Inserts entries, a batch per statement. */
export function insertStatements(
  dialect: Dialect,
  tables: Tables,
  entries: readonly Entry[],
  batchSize = 100
): Statement[] {
  const statements: Statement[] = [];
  const postgres = dialect === 'postgres';
  // PostgreSQL stores the names a second time as a tsvector, for the GIN index.
  const columns = `type, document_id, locale, name, slug, sort_name, names, alt_names, labels, facets${postgres ? ', names_vector' : ''}`;
  const row = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?${postgres ? ", to_tsvector('simple', ?)" : ''})`;
  for (let start = 0; start < entries.length; start += batchSize) {
    const batch = entries.slice(start, start + batchSize);
    const bindings = batch.flatMap((entry) => [
      entry.type,
      entry.documentId,
      entry.locale,
      entry.name,
      entry.slug,
      entry.sortName,
      entry.names,
      entry.altNames,
      entry.labels,
      entry.facets,
      ...(postgres ? [`${entry.names} ${entry.altNames}`] : []),
    ]);
    statements.push({
      sql: `INSERT INTO ${tables.index} (${columns}) VALUES ${batch.map(() => row).join(', ')}`,
      bindings,
    });
  }
  return statements;
}

/** What a search asks the database. */
export interface SearchQuery {
  /** The folded query in each of its forms (plain, German transliteration), plain first. */
  queryForms: string[];
  /** Per query word, what it may match (see terms.ts). */
  terms: WordTerms[];
  types: string[];
  locale: string | null;
  /** The fallback locales, in order (empty: none); a hit missing in `locale` comes in the first. */
  fallbackLocales: readonly string[];
  offset: number;
  limit: number;
}

/** A matching index row served for the request. */
export interface HitRow {
  type: string;
  document_id: string;
  locale: string | null;
  name: string;
  slug: string | null;
  labels: string;
  /** Index in MATCH_KINDS (match.ts): 0 exact name … 4 typo. */
  rank: number | string;
  fallback: number | boolean;
  /** Number of hits of the whole search (the same on every row of the page). */
  total: number | string;
}

/**
 * The database's own match expression: every query word (AND), each as any of its forms, as a
 * prefix for the last word, and (withTypos) as any of its typo candidates (OR). Words hold only
 * letters and digits (fold.ts), so nothing in them is an operator of either syntax.
 */
export function matchExpression(
  dialect: Dialect,
  terms: readonly WordTerms[],
  withTypos: boolean
): string {
  return (
    terms
      .map((term) => {
        const alternatives = [
          ...term.forms.map((form) =>
            dialect === 'sqlite'
              ? `"${form}"${term.prefix ? '*' : ''}`
              : `${form}${term.prefix ? ':*' : ''}`
          ),
          ...(withTypos
            ? term.typos.map(({ word }) => (dialect === 'sqlite' ? `"${word}"` : word))
            : []),
        ];
        return `(${alternatives.join(dialect === 'sqlite' ? ' OR ' : ' | ')})`;
      })
      // FTS5 needs an explicit AND between parenthesised groups.
      .join(dialect === 'sqlite' ? ' AND ' : ' & ')
  );
}

const hasTypos = (terms: readonly WordTerms[]): boolean =>
  terms.some((term) => term.typos.length > 0);

/**
 * The rows served for a search: per matching document its version in `locale` (or its
 * locale-less entry), else its version in `fallbackLocale`. Returns the `served` CTE and its
 * bindings, shared by the page, the count and the facets.
 *
 * Rank (MATCH_KINDS): 0 a name (any locale) equal to the query, 1 an alternative name equal to
 * it, 2 a name or alternative name starting with it, 3 every word found without typos, 4 with
 * typos. Each test tries every form of the query (see foldForms), and the index holds every form
 * of the names, so `goeteborg` and `göteborg` rank Göteborg alike.
 */
function candidates(dialect: Dialect, tables: Tables, search: SearchQuery): Statement {
  const ftsMatch = (): string =>
    dialect === 'sqlite'
      ? `id IN (SELECT rowid FROM ${tables.fts} WHERE ${tables.fts} MATCH ?)`
      : `names_vector @@ to_tsquery('simple', ?)`;
  // SQLite: `+type` keeps the planner from scanning every row of the type through the
  // (type, document_id, locale) index and probing the FTS list for each; it starts from the few
  // rows the FTS match returns instead (several times less work for a common prefix).
  const type = dialect === 'sqlite' ? '+type' : 'type';
  const find = (haystack: string): string =>
    dialect === 'sqlite' ? `instr(${haystack}, ?)` : `strpos(${haystack}, ?)`;
  const anyForm = (haystack: string): string =>
    search.queryForms.map(() => `${find(haystack)} > 0`).join(' OR ');
  const typos = hasTypos(search.terms);
  const types = search.types.map(() => '?').join(', ');
  const sql = `WITH hits AS (
      SELECT type, document_id, locale, name, slug, sort_name, labels, facets,
        CASE WHEN ${anyForm('names')} THEN 0 WHEN ${anyForm('alt_names')} THEN 1
          WHEN ${anyForm('names || alt_names')} THEN 2
          ${
            // Without typo candidates every match is found without typos.
            typos ? `WHEN ${ftsMatch()} THEN 3 ELSE 4` : 'ELSE 3'
          } END AS rank,
        CASE WHEN sort_name = ? THEN 0 WHEN ${find('sort_name')} = 1 THEN 1
          WHEN ${find("' ' || sort_name")} > 0 THEN 2 ELSE 3 END AS own_rank
      FROM ${tables.index}
      WHERE ${ftsMatch()} AND ${type} IN (${types})
    ), served AS (
      SELECT hits.*, 0 AS fallback FROM hits WHERE locale = ? OR locale IS NULL${
        // Without a fallback locale the second branch can serve nothing: left out, the statement
        // costs a third less on SQLite.
        // Each further chain locale serves the hits missing in `locale` and the locales before it.
        search.fallbackLocales
          .map(
            (_step, index) => `
      UNION ALL
      SELECT hits.*, 1 AS fallback FROM hits WHERE locale = ? AND NOT EXISTS (
        SELECT 1 FROM hits own
        WHERE own.type = hits.type AND own.document_id = hits.document_id AND ${
          index === 0
            ? 'own.locale = ?'
            : `own.locale IN (${['?', ...Array(index).fill('?')].join(', ')})`
        }
      )`
          )
          .join('')
      }
    )`;
  const [query] = search.queryForms;
  const forms = (wrap: (form: string) => string): string[] => search.queryForms.map(wrap);
  return {
    sql,
    bindings: [
      ...forms((form) => `|${form}|`),
      ...forms((form) => `|${form}|`),
      ...forms((form) => `|${form}`),
      ...(typos ? [matchExpression(dialect, search.terms, false)] : []),
      query,
      query,
      ` ${query}`,
      matchExpression(dialect, search.terms, true),
      ...search.types,
      search.locale,
      ...search.fallbackLocales.flatMap((step, index) => [
        step,
        search.locale,
        ...search.fallbackLocales.slice(0, index),
      ]),
    ],
  };
}

/**
 * The page of hits: by rank (see candidates); at the same rank, hits whose own name matches
 * exactly, by prefix or by a later word before hits found by another name; then by name, type
 * and documentId, so ties are ordered alike on every database. Each row carries the number of
 * hits of the whole search (a window over the rows before LIMIT), so one statement answers both
 * the page and its meta; only a page past the last one (no row) needs {@link countStatement}.
 */
export function pageStatement(dialect: Dialect, tables: Tables, search: SearchQuery): Statement {
  const { sql, bindings } = candidates(dialect, tables, search);
  const collate = dialect === 'postgres' ? ' COLLATE "C"' : '';
  return {
    sql: `${sql}
      SELECT type, document_id, locale, name, slug, labels, rank, fallback,
        COUNT(*) OVER () AS total FROM served
      ORDER BY rank, own_rank, sort_name${collate}, type${collate}, document_id${collate}
      LIMIT ? OFFSET ?`,
    bindings: [...bindings, search.limit, search.offset],
  };
}

/** The number of hits of the search (for the meta of a page past the last one). */
export function countStatement(dialect: Dialect, tables: Tables, search: SearchQuery): Statement {
  const { sql, bindings } = candidates(dialect, tables, search);
  return { sql: `${sql} SELECT COUNT(*) AS total FROM served`, bindings };
}

/** The facet values of every hit (JSON, see Entry.facets), counted by the caller. */
export function facetsStatement(dialect: Dialect, tables: Tables, search: SearchQuery): Statement {
  const { sql, bindings } = candidates(dialect, tables, search);
  return { sql: `${sql} SELECT facets FROM served WHERE facets IS NOT NULL`, bindings };
}

/** Names of documents of a type in every locale they are indexed in (for facet names). */
export function namesStatement(
  tables: Tables,
  type: string,
  documentIds: readonly string[]
): Statement {
  return {
    sql: `SELECT document_id, locale, name FROM ${tables.index}
      WHERE type = ? AND document_id IN (${documentIds.map(() => '?').join(', ')})`,
    bindings: [type, ...documentIds],
  };
}

/** The folded names of every entry, to build the typo vocabulary from. */
export function vocabularyStatement(tables: Tables): Statement {
  return { sql: `SELECT DISTINCT names, alt_names FROM ${tables.index}`, bindings: [] };
}

/** Where the per-request lookups of a search read, as quoted (qualified) identifiers. */
export interface ContextTables {
  /** The plugin's index table, whose version tells when the typo vocabulary is outdated. */
  index: string;
  /** The i18n plugin's locales (column `code`); null without i18n. */
  locales: string | null;
  /** Strapi's core store (`key`, `value`, `environment`, `tag`); null without i18n. */
  store: string | null;
  /** users-permissions' permissions, roles and the link between them; null without the plugin. */
  permissions: {
    permissions: string;
    roles: string;
    link: string;
    /** Columns of the link table pointing to the permission and to the role. */
    linkPermission: string;
    linkRole: string;
  } | null;
}

/** What a search needs to know before it runs, besides its parameters. */
export interface ContextQuery {
  /** Core store key of the i18n default locale. */
  defaultLocaleKey: string;
  /** An action to look up in the Public role's permissions (null: not asked). */
  publicAction: string | null;
}

/** A row of {@link contextStatement}. */
export interface ContextRow {
  /** Locale codes, comma-separated (null without i18n or without locales). */
  locales: string | null;
  /** The core store's value of the default locale: a JSON string such as `"de"`. */
  default_locale: string | null;
  /** Whether the Public role has the action (null when not asked). */
  public_allowed: number | string | boolean | null;
  /**
   * Highest entry id and number of entries, `"812:1018"`: every change of the index changes it
   * (entries are replaced by new rows, ids are never reused).
   */
  index_version: string;
}

/**
 * One statement for everything a search looks up besides the index: the locale codes, the
 * default locale, the index version and, for an anonymous request, whether the Public role may
 * search. The same
 * rows the i18n and users-permissions services read (three queries through the Query Engine and
 * a CASL ability built from all public permissions on every request), read in one round trip.
 */
export function contextStatement(
  dialect: Dialect,
  tables: ContextTables,
  query: ContextQuery
): Statement {
  const bindings: unknown[] = [];
  const aggregate = dialect === 'sqlite' ? "group_concat(code, ',')" : "string_agg(code, ',')";
  const locales = tables.locales ? `(SELECT ${aggregate} FROM ${tables.locales})` : 'NULL';
  let defaultLocale = 'NULL';
  if (tables.store) {
    defaultLocale = `(SELECT value FROM ${tables.store}
      WHERE key = ? AND environment IS NULL AND tag IS NULL ORDER BY id LIMIT 1)`;
    bindings.push(query.defaultLocaleKey);
  }
  let allowed = 'NULL';
  if (query.publicAction !== null) {
    const access = tables.permissions;
    allowed = '0';
    if (access) {
      allowed = `(SELECT COUNT(*) FROM ${access.permissions} permission
        JOIN ${access.link} link ON link.${access.linkPermission} = permission.id
        JOIN ${access.roles} role ON role.id = link.${access.linkRole}
        WHERE role.type = 'public' AND permission.action = ?)`;
      bindings.push(query.publicAction);
    }
  }
  return {
    sql: `SELECT ${locales} AS locales, ${defaultLocale} AS default_locale, ${allowed} AS public_allowed,
      (SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) || ':' || CAST(COUNT(*) AS TEXT)
        FROM ${tables.index}) AS index_version`,
    bindings,
  };
}
