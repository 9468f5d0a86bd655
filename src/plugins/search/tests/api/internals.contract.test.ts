/**
 * The Strapi internals the search plugin relies on (server/src/internals.ts), checked against the
 * booted app: a failure names the API that changed in an upgrade.
 */
import { localesOf, sqlOf } from '../../server/src/internals';
import { getStrapi } from '../../../../../tests/helpers/strapi';

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
    const rows = await sqlOf(getStrapi()).rows<{ one: number }>('SELECT 1 AS one');
    expect(rows.map((row) => Number(row.one))).toEqual([1]);
  });

  contract('strapi.db.transaction hands the knex transaction as { trx }', async () => {
    const strapi = getStrapi();
    await strapi.db.transaction(async ({ trx }) => {
      expect(typeof (trx as unknown as { raw?: unknown }).raw).toBe('function');
    });
    const inside = await sqlOf(strapi).transaction((sql) =>
      sql.rows<{ one: number }>('SELECT 1 AS one')
    );
    expect(inside).toHaveLength(1);
  });

  contract('strapi.db.getSchemaName', () => {
    expect(typeof getStrapi().db.getSchemaName).toBe('function');
  });

  contract("strapi.plugin('i18n').service('locales') find / getDefaultLocale", async () => {
    const locales = localesOf(getStrapi());
    expect((await locales.codes()).sort()).toEqual(['de', 'en']);
    expect(await locales.defaultCode()).toBe('de');
  });

  contract("strapi.plugin('graphql').service('extension').use", () => {
    const extension = getStrapi().plugin('graphql').service('extension');
    expect(typeof extension.use).toBe('function');
  });
});
