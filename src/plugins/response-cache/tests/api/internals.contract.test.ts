/**
 * Contract of the non-public Strapi APIs the plugin uses (server/src/internals.ts), checked
 * against the booted app. A failure names the API that changed, so a Strapi upgrade that breaks
 * one says where to look.
 */
import { Client } from 'pg';
import { getStrapi } from '../../../../../tests/helpers/strapi';
import {
  currentTransaction,
  databaseClient,
  INTERNAL_APIS,
  onEveryQuery,
  postgresClientConfig,
} from '../../server/src/internals';

/** Runs `check`; any failure is reported as a change of the named Strapi internal API. */
async function contract(api: string, check: () => Promise<void> | void): Promise<void> {
  try {
    await check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Strapi internal API ${api} changed: ${reason}`);
  }
}

describe('Strapi internals used by the response cache', () => {
  it(INTERNAL_APIS.knexQueryEvent, async () => {
    await contract(INTERNAL_APIS.knexQueryEvent, async () => {
      const strapi = getStrapi();
      let seen = 0;
      const stop = onEveryQuery(strapi, () => (seen += 1));
      try {
        await strapi.db.query('plugin::i18n.locale').count();
      } finally {
        stop();
      }
      expect(seen).toBeGreaterThanOrEqual(1);
      const after = seen;
      await strapi.db.query('plugin::i18n.locale').count();
      expect(seen).toBe(after);
    });
  });

  it(INTERNAL_APIS.transactionContext, async () => {
    await contract(INTERNAL_APIS.transactionContext, async () => {
      const strapi = getStrapi();
      expect(await currentTransaction(strapi)).toBeUndefined();
      const events: string[] = [];
      await strapi.db.transaction(async () => {
        const outer = await currentTransaction(strapi);
        const again = await currentTransaction(strapi);
        expect(outer).toBeDefined();
        // The same transaction, however often it is joined.
        expect(again?.id).toBe(outer?.id);
        outer?.onCommit(() => events.push('committed'));
        await strapi.db.query('plugin::i18n.locale').count();
        events.push('work done');
      });
      expect(events).toEqual(['work done', 'committed']);

      const rolledBack: string[] = [];
      await expect(
        strapi.db.transaction(async () => {
          (await currentTransaction(strapi))?.onCommit(() => rolledBack.push('committed'));
          throw new Error('roll back');
        })
      ).rejects.toThrow('roll back');
      expect(rolledBack).toEqual([]);
    });
  });

  it(INTERNAL_APIS.connectionSettings, async () => {
    await contract(INTERNAL_APIS.connectionSettings, async () => {
      const strapi = getStrapi();
      const client = databaseClient(strapi);
      expect(['sqlite', 'better-sqlite3', 'postgres', 'pg', 'mysql', 'mysql2']).toContain(client);
      const settings = postgresClientConfig(strapi);
      expect(typeof settings).toBe('object');
      if (client === 'postgres' || client === 'pg') {
        // The settings open a connection of their own to the app's database (what LISTEN needs).
        const pg = new Client(settings);
        await pg.connect();
        try {
          const own = await pg.query<{ db: string }>('SELECT current_database() AS db');
          const app = await strapi.db.connection.raw('SELECT current_database() AS db');
          expect(own.rows[0].db).toBe((app as { rows: Array<{ db: string }> }).rows[0].db);
        } finally {
          await pg.end();
        }
      }
    });
  });
});
