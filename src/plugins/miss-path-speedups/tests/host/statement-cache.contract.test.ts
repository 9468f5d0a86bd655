/**
 * Contract of the statement cache's installation (server/src/internals.ts,
 * `onEverySqliteConnection`) with knex's client of the plugin host (booted in the jest process): on SQLite, knex's
 * better-sqlite3 client runs queries through `client._query(connection, query)`, and after one
 * query a connection hands out the statement it prepared before for the same SQL text. The host
 * runs on SQLite only; the PostgreSQL case runs against the app under `npm run test:postgres`
 * (tests/api/plugins/miss-path-speedups/statement-cache.database.test.ts). How knex uses the statements:
 * ../unit/statement-cache.contract.test.ts.
 */
import { knexClientOf } from '../../server/src/internals';
import type { PreparingConnection } from '../../server/src/lib/statement-cache';
import { hostStrapi } from '../../../../../tests/helpers/host';

interface Pool {
  acquireConnection(): Promise<PreparingConnection>;
  releaseConnection(connection: PreparingConnection): Promise<void>;
}

describe('statement cache on the plugin host (knex client `_query`)', () => {
  it('SQLite: knex runs on better-sqlite3, and a connection prepares each SQL text once', async () => {
    const strapi = hostStrapi();
    const client = knexClientOf(strapi);
    expect(client.driverName).toBe('better-sqlite3');
    expect(typeof client._query).toBe('function');
    await strapi.db.connection.raw('SELECT 1');
    const pool = client as unknown as Pool;
    const connection = await pool.acquireConnection();
    try {
      const sql = 'SELECT count(*) AS n FROM strapi_core_store_settings';
      expect(connection.prepare(sql)).toBe(connection.prepare(sql));
    } finally {
      await pool.releaseConnection(connection);
    }
  });
});
