/**
 * Contract of the non-public Strapi APIs the app itself uses (src/internals.ts; the plugins'
 * contracts are beside them), checked against the booted app: a Strapi upgrade that changes one
 * fails here with the API's name.
 */
import type { UID } from '@strapi/strapi';
import { getStrapi } from '../helpers/strapi';
import { modelColumns, sqlConnection } from '../../src/internals';

const CITY = 'api::city.city' satisfies UID.ContentType;

/** Fails with the name of the internal API when `check` throws. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

describe('Strapi internals used by the app', () => {
  it('db.metadata: the table and columns of a content type (modelColumns, for the sitemap)', async () => {
    await contract('strapi.db.metadata.get(uid).tableName / attributes[name].columnName', () => {
      const cities = modelColumns(getStrapi(), CITY);
      expect(cities.table).toBe('cities');
      expect(cities.column('slug')).toBe('slug');
      expect(cities.column('memberSince')).toBe('member_since');
      expect(cities.column('documentId')).toBe('document_id');
      expect(cities.column('nope')).toBeUndefined();
    });
  });

  it('db.connection: knex over the app database (sqlConnection, for the sitemap)', async () => {
    await contract('strapi.db.connection (knex)', async () => {
      const strapi = getStrapi();
      const cities = modelColumns(strapi, CITY);
      const knex = sqlConnection(strapi);
      const [row] = (await knex(cities.table)
        .where(cities.column('locale') ?? 'locale', 'de')
        .whereNotNull(cities.column('publishedAt') ?? 'published_at')
        .count({ count: '*' })) as Array<{ count: number | string }>;
      const published = await strapi.documents(CITY).count({ locale: 'de', status: 'published' });
      expect(Number(row?.count)).toBe(published);
      expect(typeof knex.raw).toBe('function');
    });
  });
});
