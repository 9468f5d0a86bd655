import type { Entry } from '../../server/src/lib/entries';
import { insertStatements, pageStatement, type SearchQuery } from '../../server/src/lib/sql';

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
  });
});
