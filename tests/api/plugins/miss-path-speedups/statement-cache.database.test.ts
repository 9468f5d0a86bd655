/**
 * The statement cache on each database this app runs on (`npm test` on SQLite,
 * `npm run test:postgres` on PostgreSQL). The plugin host boots on SQLite only, so the case for
 * PostgreSQL — knex runs on pg and the plugin installs nothing there — runs here, against this
 * app; the SQLite contract is src/plugins/miss-path-speedups/tests/host/statement-cache.contract.test.ts.
 */
import { knexClientOf } from '../../../../src/plugins/miss-path-speedups/server/src/internals';
import type { PreparingConnection } from '../../../../src/plugins/miss-path-speedups/server/src/lib/statement-cache';
import { getStrapi } from '../../../helpers/strapi';

interface Pool {
  acquireConnection(): Promise<PreparingConnection>;
  releaseConnection(connection: PreparingConnection): Promise<void>;
}

const postgres = ['postgres', 'pg'].includes(process.env.DATABASE_CLIENT ?? '');

describe('statement cache on the database of this run', () => {
  it(
    postgres
      ? 'PostgreSQL: knex runs on pg, and queries are answered without a statement cache'
      : 'SQLite: a connection hands out the statement it prepared before for the same SQL text',
    async () => {
      const strapi = getStrapi();
      const client = knexClientOf(strapi);
      const sql = 'SELECT count(*) AS n FROM strapi_core_store_settings';
      if (postgres) {
        expect(client.driverName).toBe('pg');
        const result = (await strapi.db.connection.raw(sql)) as { rows: Array<{ n: unknown }> };
        expect(Number(result.rows[0].n)).toBeGreaterThan(0);
        return;
      }
      expect(client.driverName).toBe('better-sqlite3');
      await strapi.db.connection.raw('SELECT 1');
      const pool = client as unknown as Pool;
      const connection = await pool.acquireConnection();
      try {
        expect(connection.prepare(sql)).toBe(connection.prepare(sql));
      } finally {
        await pool.releaseConnection(connection);
      }
    }
  );
});
