import type { Entry } from '../../server/src/lib/entries';
import Database from 'better-sqlite3';
import type { WordTerms } from '../../server/src/lib/terms';
import {
  contextStatement,
  insertStatements,
  matchExpression,
  pageStatement,
  type ContextRow,
  type ContextTables,
  type SearchQuery,
} from '../../server/src/lib/sql';

const tables = { index: '"plugin_search_index"', fts: '"plugin_search_index_fts"' };

const entry = (documentId: string): Entry => ({
  type: 'api::city.city',
  documentId,
  locale: 'en',
  name: 'Milan',
  slug: 'milan',
  sortName: 'milan',
  names: '|mailand|milan|',
  altNames: '|milano|',
  labels: '{"names":["Milan","Mailand"],"alternatives":["Milano"]}',
  facets: null,
});

const terms = (typos: string[] = []): WordTerms[] => [
  { forms: ['sao'], prefix: false, typos: [] },
  { forms: ['paulo'], prefix: true, typos: typos.map((word) => ({ word, typos: 1 })) },
];

const search: SearchQuery = {
  queryForms: ['sao paulo'],
  terms: terms(),
  types: ['api::city.city'],
  locale: 'de',
  fallbackLocales: ['en'],
  offset: 25,
  limit: 25,
};

describe('insertStatements', () => {
  it('batches rows, and gives PostgreSQL the names a second time for the tsvector', () => {
    const entries = Array.from({ length: 5 }, (_, index) => entry(String(index)));
    const sqlite = insertStatements('sqlite', tables, entries, 2);
    expect(sqlite.map((statement) => statement.bindings.length)).toEqual([20, 20, 10]);
    const postgres = insertStatements('postgres', tables, entries, 10);
    expect(postgres).toHaveLength(1);
    expect(postgres[0].bindings).toHaveLength(55);
    expect(postgres[0].bindings.slice(0, 11)).toEqual([
      'api::city.city',
      '0',
      'en',
      'Milan',
      'milan',
      'milan',
      '|mailand|milan|',
      '|milano|',
      '{"names":["Milan","Mailand"],"alternatives":["Milano"]}',
      null,
      '|mailand|milan| |milano|',
    ]);
    expect(postgres[0].sql).toContain("to_tsvector('simple', ?)");
  });
});

describe('pageStatement', () => {
  it.each([
    ['sqlite', '("sao") AND ("paulo"*)'],
    ['postgres', '(sao) & (paulo:*)'],
  ] as const)('asks %s for every word, the last as a prefix: %s', (dialect, match) => {
    const { sql, bindings } = pageStatement(dialect, tables, search);
    expect(bindings).toContain(match);
    // One binding per placeholder, in order: the last two are LIMIT and OFFSET.
    expect(sql.split('?').length - 1).toBe(bindings.length);
    expect(bindings.slice(-2)).toEqual([25, 25]);
    // The total of the whole search rides on every row of the page.
    expect(sql).toContain('COUNT(*) OVER () AS total');
  });
});

describe('pageStatement under a fallback chain', () => {
  it('serves a hit missing in locale from the first chain locale that has it', () => {
    const { sql, bindings } = pageStatement('sqlite', tables, {
      ...search,
      locale: 'fr',
      fallbackLocales: ['en', 'de'],
    });
    expect(sql.split('?').length - 1).toBe(bindings.length);
    expect(sql).toContain('own.locale = ?');
    expect(sql).toContain('own.locale IN (?, ?)');
    // fr first, then en where fr is missing, then de where fr and en are.
    const served = bindings.slice(bindings.indexOf('api::city.city') + 1, -2);
    expect(served).toEqual(['fr', 'en', 'fr', 'de', 'fr', 'en']);
  });
});

describe('matchExpression', () => {
  it.each([
    ['sqlite', '("sao") AND ("paulo"* OR "paula")', '("sao") AND ("paulo"*)'],
    ['postgres', '(sao) & (paulo:* | paula)', '(sao) & (paulo:*)'],
  ] as const)('adds the typo candidates on %s only when asked', (dialect, withTypos, without) => {
    expect(matchExpression(dialect, terms(['paula']), true)).toBe(withTypos);
    expect(matchExpression(dialect, terms(['paula']), false)).toBe(without);
  });

  it('ranks typo matches apart only when there are typo candidates', () => {
    const plain = pageStatement('sqlite', tables, search);
    const typos = pageStatement('sqlite', tables, { ...search, terms: terms(['paula']) });
    expect(plain.sql).not.toContain('ELSE 4');
    expect(typos.sql).toContain('ELSE 4');
    expect(typos.sql.split('?').length - 1).toBe(typos.bindings.length);
  });
});

describe('contextStatement', () => {
  const contextTables: ContextTables = {
    index: '"plugin_search_index"',
    locales: '"i18n_locale"',
    store: '"strapi_core_store_settings"',
    permissions: {
      permissions: '"up_permissions"',
      roles: '"up_roles"',
      link: '"up_permissions_role_lnk"',
      linkPermission: '"permission_id"',
      linkRole: '"role_id"',
    },
  };

  /** A throw-away in-memory SQLite database with the rows the statement reads. */
  function database(): Database.Database {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE i18n_locale (id INTEGER PRIMARY KEY, code TEXT);
      INSERT INTO i18n_locale (code) VALUES ('de'), ('en');
      CREATE TABLE strapi_core_store_settings (id INTEGER PRIMARY KEY, key TEXT, value TEXT, type TEXT, environment TEXT, tag TEXT);
      INSERT INTO strapi_core_store_settings (key, value, type) VALUES ('plugin_i18n_default_locale', '"de"', 'string');
      CREATE TABLE up_roles (id INTEGER PRIMARY KEY, type TEXT);
      INSERT INTO up_roles (id, type) VALUES (1, 'authenticated'), (2, 'public');
      CREATE TABLE up_permissions (id INTEGER PRIMARY KEY, action TEXT);
      INSERT INTO up_permissions (id, action) VALUES (1, 'search.find'), (2, 'other.find');
      CREATE TABLE plugin_search_index (id INTEGER PRIMARY KEY);
      INSERT INTO plugin_search_index (id) VALUES (3), (7);
      CREATE TABLE up_permissions_role_lnk (id INTEGER PRIMARY KEY, permission_id INTEGER, role_id INTEGER);
      INSERT INTO up_permissions_role_lnk (permission_id, role_id) VALUES (1, 2), (2, 1);
    `);
    return db;
  }

  const run = (tables: ContextTables, publicAction: string | null): ContextRow => {
    const db = database();
    const { sql, bindings } = contextStatement('sqlite', tables, {
      defaultLocaleKey: 'plugin_i18n_default_locale',
      publicAction,
    });
    const row = db.prepare(sql).get(...bindings) as ContextRow;
    db.close();
    return row;
  };

  it('reads the locales, the default locale and the Public permission in one row', () => {
    expect(run(contextTables, 'search.find')).toEqual({
      locales: 'de,en',
      default_locale: '"de"',
      public_allowed: 1,
      index_version: '7:2',
    });
  });

  it('finds a permission of another role not public', () => {
    expect(run(contextTables, 'other.find').public_allowed).toBe(0);
  });

  it('asks nothing it is not asked, and copes without i18n or users-permissions', () => {
    expect(run(contextTables, null).public_allowed).toBeNull();
    expect(
      run(
        { index: '"plugin_search_index"', locales: null, store: null, permissions: null },
        'search.find'
      )
    ).toEqual({ locales: null, default_locale: null, public_allowed: 0, index_version: '7:2' });
  });

  it('aggregates the codes with the function of each database', () => {
    const query = { defaultLocaleKey: 'key', publicAction: 'search.find' };
    expect(contextStatement('postgres', contextTables, query).sql).toContain('string_agg(code');
    const { sql, bindings } = contextStatement('postgres', contextTables, query);
    expect(sql.split('?').length - 1).toBe(bindings.length);
  });
});
