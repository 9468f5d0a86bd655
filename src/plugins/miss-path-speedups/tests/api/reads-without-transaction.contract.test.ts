/**
 * Contract of server/src/lib/reads-without-transaction.ts with Strapi, on the booted app
 * (where the plugin installed it): the Document Service's read actions reach
 * `strapi.db.transaction` through `wrapInTransaction` with a callback that takes no parameters,
 * under the app's Document Service middlewares; writes and reads inside an open transaction keep
 * theirs. A failure names what changed, so a Strapi upgrade that breaks it says where to look.
 */
import request from 'supertest';
import { baseUrl } from '../../../../../tests/helpers/api';
import { getStrapi } from '../../../../../tests/helpers/strapi';

const CITY = 'api::city.city';

interface KnexClient {
  transaction: (...args: unknown[]) => unknown;
}

/** Counts the transactions knex opens while `work` runs (each one `BEGIN` on the connection). */
async function transactionsOpenedDuring(work: () => Promise<unknown>): Promise<number> {
  // knex's own `transaction` is read-only; it makes each transaction through its client's.
  const client = (getStrapi().db.connection as unknown as { client: KnexClient }).client;
  const spy = jest.spyOn(client, 'transaction');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

async function contract(what: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Strapi changed ${what}: ${reason}`);
  }
}

describe('reads without a transaction (server/src/lib/reads-without-transaction.ts)', () => {
  it('findMany, findFirst, findOne and count open no transaction and return the same rows', async () => {
    await contract('the Document Service read actions', async () => {
      const cities = getStrapi().documents(CITY);
      let found: Array<{ documentId: string; name: string }> = [];
      const opened = await transactionsOpenedDuring(async () => {
        found = (await cities.findMany({
          locale: 'en',
          sort: 'key:asc',
          limit: 3,
          populate: ['country'],
        })) as typeof found;
        await cities.findFirst({ locale: 'de', filters: { documentId: found[0].documentId } });
        await cities.findOne({ documentId: found[0].documentId, locale: 'en' });
        await cities.count({ locale: 'en' });
      });
      expect(opened).toBe(0);
      expect(found).toHaveLength(3);
      const one = (await cities.findOne({ documentId: found[1].documentId, locale: 'en' })) as {
        name: string;
      } | null;
      expect(one?.name).toBe(found[1].name);
    });
  });

  it('a write action still opens its transaction', async () => {
    await contract('the Document Service write actions', async () => {
      const opened = await transactionsOpenedDuring(() =>
        getStrapi()
          .documents(CITY)
          .update({ documentId: 'no-such-document', locale: 'en', data: { name: 'x' } } as never)
      );
      expect(opened).toBe(1);
    });
  });

  it('a read inside an open transaction reads through it (sees its uncommitted write)', async () => {
    await contract('strapi.db.transaction nesting', async () => {
      const strapi = getStrapi();
      const [city] = (await strapi.documents(CITY).findMany({
        locale: 'en',
        sort: 'key:asc',
        limit: 1,
      })) as Array<{ id: number; documentId: string; name: string }>;
      const uncommitted = `${city.name} (uncommitted)`;
      let readInside: string | undefined;
      await strapi.db.transaction(async ({ rollback }) => {
        await strapi.db.query(CITY).update({ where: { id: city.id }, data: { name: uncommitted } });
        const read = (await strapi
          .documents(CITY)
          .findOne({ documentId: city.documentId, locale: 'en' })) as { name: string } | null;
        readInside = read?.name;
        await rollback();
      });
      expect(readInside).toBe(uncommitted);
      const after = (await strapi
        .documents(CITY)
        .findOne({ documentId: city.documentId, locale: 'en' })) as { name: string } | null;
      expect(after?.name).toBe(city.name);
    });
  });

  it('over HTTP: a populated list reads the same as before, without a transaction', async () => {
    const path = '/api/cities?locale=en&pagination[pageSize]=5&populate[0]=country&sort=key:desc';
    let body: { data: Array<{ name: string; country?: { name: string } }> } = { data: [] };
    let cache: unknown;
    const opened = await transactionsOpenedDuring(async () => {
      const response = await request(baseUrl()).get(path).expect(200);
      body = response.body as typeof body;
      cache = response.headers['x-cache'];
    });
    // A miss: the response was read from the database now, not served from the cache.
    expect(cache).toBe('MISS');
    expect(opened).toBe(0);
    expect(body.data).toHaveLength(5);
    expect(body.data.every((city) => typeof city.country?.name === 'string')).toBe(true);
  });
});
