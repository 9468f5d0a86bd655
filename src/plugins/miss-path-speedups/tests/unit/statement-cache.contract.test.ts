/**
 * Contract of server/src/lib/statement-cache.ts with knex's better-sqlite3 dialect (knex 3,
 * `lib/dialects/better-sqlite3/index.js`, `_query`): knex calls `connection.prepare(sql)` once per
 * query, runs the statement with `all` when `statement.reader` is true and `run` otherwise, and
 * sets nothing on it. If an upgrade changes that (statements reused with state, `iterate`, flags
 * set per call), these tests fail and the cache must be revisited.
 */
import knexFactory, { type Knex } from 'knex';
import { cacheStatements, type PreparingConnection } from '../../server/src/lib/statement-cache';

interface Prepared {
  reader: boolean;
}

/** A knex on an in-memory SQLite database; `prepared` lists every SQL text the driver prepared. */
function sqlite(withCache: boolean, size?: number): { knex: Knex; prepared: string[] } {
  const prepared: string[] = [];
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: {
      afterCreate: (connection: PreparingConnection, done: (error?: Error) => void) => {
        const prepare = connection.prepare.bind(connection);
        // Counts what reaches better-sqlite3 itself, below the cache.
        connection.prepare = (source: string) => {
          prepared.push(source);
          return prepare(source);
        };
        if (withCache) cacheStatements(connection, size);
        done();
      },
    },
  });
  return { knex, prepared };
}

describe("knex's better-sqlite3 dialect and the statement cache", () => {
  const open: Knex[] = [];
  afterAll(async () => {
    for (const knex of open) await knex.destroy();
  });

  it('knex prepares every query anew (what the cache is for)', async () => {
    const { knex, prepared } = sqlite(false);
    open.push(knex);
    await knex.schema.createTable('city', (table) => {
      table.increments('id');
      table.string('name');
    });
    prepared.length = 0;
    for (let i = 0; i < 3; i++) await knex('city').select('id', 'name').where('id', i);
    expect(prepared).toHaveLength(3);
    expect(new Set(prepared).size).toBe(1);
  });

  it('with the cache, the same SQL text is prepared once and answers with fresh rows', async () => {
    const { knex, prepared } = sqlite(true);
    open.push(knex);
    await knex.schema.createTable('city', (table) => {
      table.increments('id');
      table.string('name');
    });
    prepared.length = 0;
    // Writes go through `run` (reader false): knex reads lastID/changes from its result.
    const inserted = await knex('city').insert({ name: 'Graz' });
    const again = await knex('city').insert({ name: 'Linz' });
    expect([inserted, again]).toEqual([[1], [2]]);
    const read = () => knex('city').select('id', 'name').orderBy('id');
    expect(await read()).toEqual([
      { id: 1, name: 'Graz' },
      { id: 2, name: 'Linz' },
    ]);
    const updated = await knex('city').update({ name: 'Wien' }).where('id', 2);
    expect(updated).toBe(1);
    // Reads go through `all` (reader true) and see the write.
    expect(await read()).toEqual([
      { id: 1, name: 'Graz' },
      { id: 2, name: 'Wien' },
    ]);
    expect(await knex('city').count({ count: 'id' })).toEqual([{ count: 2 }]);
    const texts = prepared.filter((sql) => sql.startsWith('select `id`'));
    expect(texts).toHaveLength(1);
    expect(prepared.filter((sql) => sql.startsWith('insert'))).toHaveLength(1);
  });

  it("keeps each statement's reader flag, which knex reads to choose all or run", async () => {
    const { knex } = sqlite(true);
    open.push(knex);
    await knex.raw('create table t (id integer primary key)');
    const connection = (await knex.client.acquireConnection()) as PreparingConnection;
    try {
      const select = connection.prepare('select id from t') as Prepared;
      const insert = connection.prepare('insert into t (id) values (1)') as Prepared;
      expect([select.reader, insert.reader]).toEqual([true, false]);
      expect(connection.prepare('select id from t')).toBe(select);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  });

  it('sees a schema change through a cached statement (SQLite re-prepares it)', async () => {
    const { knex } = sqlite(true);
    open.push(knex);
    await knex.schema.createTable('country', (table) => {
      table.increments('id');
    });
    await knex('country').insert({ id: 1 });
    const all = () => knex.raw('select * from country');
    expect(await all()).toEqual([{ id: 1 }]);
    await knex.schema.alterTable('country', (table) => {
      table.string('name').defaultTo('Austria');
    });
    expect(await all()).toEqual([{ id: 1, name: 'Austria' }]);
  });

  it('keeps at most `size` statements, dropping the least recently used', async () => {
    const { knex, prepared } = sqlite(true, 2);
    open.push(knex);
    await knex.raw('create table t (id integer primary key)');
    prepared.length = 0;
    for (const sql of ['select 1', 'select 2', 'select 1', 'select 3', 'select 2', 'select 1'])
      await knex.raw(sql);
    // 1, 2 prepared; 1 reused; 3 drops 2; 2 drops 1; 1 again.
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2', 'select 1']);
  });
});
