/**
 * Contract of the non-public Strapi APIs the plugin uses (server/src/internals.ts), checked
 * against the booted app. A failure names the API that changed, so a Strapi upgrade that breaks
 * one says where to look.
 */
import type { Server } from 'node:http';
import { Client } from 'pg';
import { hostStrapiUrl } from '../../../../../tests/helpers/host';
import { hostStrapi } from '../../../../../tests/helpers/host';
import {
  answerBeforeApp,
  apiTokenByHash,
  apiTokenHash,
  currentTransaction,
  databaseClient,
  defaultLocaleCode,
  INTERNAL_APIS,
  localeCodes,
  onEveryQuery,
  onEverySql,
  postgresClientConfig,
  tableModels,
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
      const strapi = hostStrapi();
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
      const strapi = hostStrapi();
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
      const strapi = hostStrapi();
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

  it(INTERNAL_APIS.queryEventSql, async () => {
    await contract(INTERNAL_APIS.queryEventSql, async () => {
      const strapi = hostStrapi();
      const statements: string[] = [];
      const stop = onEverySql(strapi, (sql) => statements.push(sql));
      try {
        await strapi.db.query('plugin::i18n.locale').count();
      } finally {
        stop();
      }
      const table = tableModels(strapi).models;
      const localeTable = [...table].find(([, uid]) => uid === 'plugin::i18n.locale')?.[0];
      expect(statements.some((sql) => /^select/i.test(sql) && sql.includes(`${localeTable}`))).toBe(
        true
      );
    });
  });

  it(INTERNAL_APIS.metadata, async () => {
    await contract(INTERNAL_APIS.metadata, () => {
      const strapi = hostStrapi();
      const { models, joinTables } = tableModels(strapi);
      // Every content type of the app has a table, and relations have join tables.
      const apiTypes = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
      expect(apiTypes.length).toBeGreaterThan(0);
      expect([...models.values()]).toEqual(expect.arrayContaining(apiTypes));
      expect(joinTables.size).toBeGreaterThan(0);
    });
  });

  it(INTERNAL_APIS.apiTokenService, async () => {
    await contract(INTERNAL_APIS.apiTokenService, async () => {
      const strapi = hostStrapi();
      const created = (await strapi.service('admin::api-token').create({
        name: `contract ${Date.now()}`,
        type: 'read-only',
        lifespan: null,
      })) as { id: number; accessKey: string };
      try {
        const hash = apiTokenHash(strapi, created.accessKey);
        expect(hash).toMatch(/^[0-9a-f]{128}$/);
        expect(await apiTokenByHash(strapi, hash)).toEqual({
          id: String(created.id),
          type: 'read-only',
          kind: 'content-api',
          expiresAt: null,
        });
        expect(await apiTokenByHash(strapi, apiTokenHash(strapi, 'not a token'))).toBeUndefined();
      } finally {
        await strapi.service('admin::api-token').revoke(created.id);
      }
    });
  });

  it(INTERNAL_APIS.localesService, async () => {
    await contract(INTERNAL_APIS.localesService, async () => {
      const strapi = hostStrapi();
      const codes = await localeCodes(strapi);
      expect(codes.length).toBeGreaterThan(0);
      const fallback = await defaultLocaleCode(strapi);
      expect(codes).toContain(fallback);
    });
  });

  it(INTERNAL_APIS.requestListener, async () => {
    await contract(INTERNAL_APIS.requestListener, async () => {
      const strapi = hostStrapi();
      const server = strapi.server.httpServer as Server;
      // The cache's own answer wraps the app's listener: still one, as Strapi created it.
      expect(server.listeners('request')).toHaveLength(1);
      const marker = `/__early-contract-${Date.now()}`;
      answerBeforeApp(strapi, (request, response) => {
        if (request.url !== marker) return false;
        response.writeHead(299, { 'X-Answered': 'early' });
        response.end();
        return true;
      });
      expect(server.listeners('request')).toHaveLength(1);
      const early = await fetch(`${hostStrapiUrl()}${marker}`);
      expect(early.status).toBe(299);
      expect(early.headers.get('x-answered')).toBe('early');
      // Everything else still reaches Strapi's Koa app.
      const app = await fetch(`${hostStrapiUrl()}/_health`);
      expect(app.status).toBe(204);
    });
  });
});
