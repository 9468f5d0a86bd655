import type { Entry } from '../../server/src/lib/entries';
import Database from 'better-sqlite3';
import {
  contextStatement,
  insertStatements,
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
});

const search: SearchQuery = {
  query: 'sao paulo',
  words: ['sao', 'paulo'],
  types: ['api::city.city'],
  locale: 'de',
  fallbackLocale: 'en',
  offset: 25,
  limit: 25,
};

describe('insertStatements', () => {
  it('batches rows, and gives PostgreSQL the names a second time for the tsvector', () => {
    const entries = Array.from({ length: 5 }, (_, index) => entry(String(index)));
    const sqlite = insertStatements('sqlite', tables, entries, 2);
    expect(sqlite.map((statement) => statement.bindings.length)).toEqual([14, 14, 7]);
    const postgres = insertStatements('postgres', tables, entries, 10);
    expect(postgres).toHaveLength(1);
    expect(postgres[0].bindings).toHaveLength(40);
    expect(postgres[0].bindings.slice(0, 8)).toEqual([
      'api::city.city',
      '0',
      'en',
      'Milan',
      'milan',
      'milan',
      '|mailand|milan|',
      '|mailand|milan|',
    ]);
    expect(postgres[0].sql).toContain("to_tsvector('simple', ?)");
  });
});

describe('pageStatement', () => {
  it.each([
    ['sqlite', '"sao"* "paulo"*'],
    ['postgres', 'sao:* & paulo:*'],
  ] as const)('asks %s for every word as a prefix: %s', (dialect, match) => {
    const { sql, bindings } = pageStatement(dialect, tables, search);
    expect(bindings).toContain(match);
    // One binding per placeholder, in order: the last two are LIMIT and OFFSET.
    expect(sql.split('?').length - 1).toBe(bindings.length);
    expect(bindings.slice(-2)).toEqual([25, 25]);
    // The total of the whole search rides on every row of the page.
    expect(sql).toContain('COUNT(*) OVER () AS total');
  });
});

describe('contextStatement', () => {
  const contextTables: ContextTables = {
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
    });
  });

  it('finds a permission of another role not public', () => {
    expect(run(contextTables, 'other.find').public_allowed).toBe(0);
  });

  it('asks nothing it is not asked, and copes without i18n or users-permissions', () => {
    expect(run(contextTables, null).public_allowed).toBeNull();
    expect(run({ locales: null, store: null, permissions: null }, 'search.find')).toEqual({
      locales: null,
      default_locale: null,
      public_allowed: 0,
    });
  });

  it('aggregates the codes with the function of each database', () => {
    const query = { defaultLocaleKey: 'key', publicAction: 'search.find' };
    expect(contextStatement('postgres', contextTables, query).sql).toContain('string_agg(code');
    const { sql, bindings } = contextStatement('postgres', contextTables, query);
    expect(sql.split('?').length - 1).toBe(bindings.length);
  });
});
