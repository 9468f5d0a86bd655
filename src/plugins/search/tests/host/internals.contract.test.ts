/**
 * The Strapi internals the search plugin relies on (server/src/internals.ts), checked against the
 * plugin host (booted in the jest process): a failure names the API that changed in an upgrade.
 */
import { contextTablesOf, sqlOf } from '../../server/src/internals';
import { hostStrapi } from '../../../../../tests/helpers/host';

function contract(api: string, check: () => void | Promise<void>): void {
  it(api, async () => {
    try {
      await check();
    } catch (error) {
      throw new Error(`Strapi internal API ${api} changed: ${(error as Error).message}`);
    }
  });
}

describe('Strapi internals used by the search plugin', () => {
  contract('strapi.db.connection.raw (knex) returns rows', async () => {
    const rows = await sqlOf(hostStrapi()).rows<{ one: number }>('SELECT 1 AS one');
    expect(rows.map((row) => Number(row.one))).toEqual([1]);
  });

  contract('strapi.db.transaction hands the knex transaction as { trx }', async () => {
    const strapi = hostStrapi();
    await strapi.db.transaction(async ({ trx }) => {
      expect(typeof (trx as unknown as { raw?: unknown }).raw).toBe('function');
    });
    const inside = await sqlOf(strapi).transaction((sql) =>
      sql.rows<{ one: number }>('SELECT 1 AS one')
    );
    expect(inside).toHaveLength(1);
  });

  contract('strapi.db.getSchemaName', () => {
    expect(typeof hostStrapi().db.getSchemaName).toBe('function');
  });

  contract(
    'strapi.db.metadata.get: the tables of locales, core store and Public permissions',
    async () => {
      const strapi = hostStrapi();
      const names = contextTablesOf(strapi);
      const sql = sqlOf(strapi);
      // What the search reads itself (one statement) is what the services read.
      const environment = await strapi
        .plugin('search')
        .service('search')
        .environment({ publicAction: 'plugin::search.search.find' });
      const locales = strapi.plugin('i18n').service('locales');
      const codes = (await locales.find()).map((locale: { code: string }) => locale.code);
      expect([...environment.locales].sort()).toEqual([...codes].sort());
      expect(environment.defaultLocale).toBe(await locales.getDefaultLocale());
      const publicPermissions: Array<{ action: string }> = await strapi
        .plugin('users-permissions')
        .service('permission')
        .findPublicPermissions();
      expect(environment.publicAllowed).toBe(
        publicPermissions.some((permission) => permission.action === 'plugin::search.search.find')
      );
      // The join table's columns exist under the names the metadata gives.
      const link = names.permissions;
      expect(link).not.toBeNull();
      const rows = await sql.rows<Record<string, unknown>>(
        `SELECT "${link?.linkPermission}", "${link?.linkRole}" FROM ${sql.table(link?.link ?? '')} LIMIT 1`
      );
      expect(rows).toHaveLength(1);
    }
  );

  contract("strapi.plugin('graphql').service('extension').use", () => {
    const extension = hostStrapi().plugin('graphql').service('extension');
    expect(typeof extension.use).toBe('function');
  });
});
