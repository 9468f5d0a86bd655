/**
 * Contract of server/src/lib/reads-without-transaction.ts with Strapi, on the plugin host
 * booted in the jest process (where the plugin installed it; its articles and their authors): the Document Service's read actions reach
 * `strapi.db.transaction` through `wrapInTransaction` with a callback that takes no parameters,
 * under the app's Document Service middlewares; writes and reads inside an open transaction keep
 * theirs. A failure names what changed, so a Strapi upgrade that breaks it says where to look.
 */
import request from 'supertest';
import { hostStrapi, hostStrapiUrl } from '../../../../../tests/helpers/host';
import { addArticles, ARTICLE, hostDocuments } from '../../../../../tests/helpers/host-fixture';

/** The host's fixture has two articles in fr: five more, each with an author, for the lists. */
let removeAdded: () => Promise<void>;
beforeAll(async () => {
  removeAdded = await addArticles(hostStrapi(), [
    'Contrat A',
    'Contrat B',
    'Contrat C',
    'Contrat D',
    'Contrat E',
  ]);
});
afterAll(() => removeAdded());

interface KnexClient {
  transaction: (...args: unknown[]) => unknown;
}

/** Counts the transactions knex opens while `work` runs (each one `BEGIN` on the connection). */
async function transactionsOpenedDuring(work: () => Promise<unknown>): Promise<number> {
  // knex's own `transaction` is read-only; it makes each transaction through its client's.
  const client = (hostStrapi().db.connection as unknown as { client: KnexClient }).client;
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
      const articles = hostDocuments(hostStrapi(), ARTICLE);
      let found: Array<{ documentId: string; title: string }> = [];
      const opened = await transactionsOpenedDuring(async () => {
        found = (await articles.findMany({
          locale: 'fr',
          sort: 'title:asc',
          limit: 3,
          populate: ['author'],
        })) as unknown as typeof found;
        await articles.findFirst({ locale: 'it', filters: { documentId: found[0].documentId } });
        await articles.findOne({ documentId: found[0].documentId, locale: 'fr' });
        await articles.count({ locale: 'fr' });
      });
      expect(opened).toBe(0);
      expect(found).toHaveLength(3);
      const one = await articles.findOne({ documentId: found[1].documentId, locale: 'fr' });
      expect(one?.title).toBe(found[1].title);
    });
  });

  it('a write action still opens its transaction', async () => {
    await contract('the Document Service write actions', async () => {
      const opened = await transactionsOpenedDuring(() =>
        hostDocuments(hostStrapi(), ARTICLE).update({
          documentId: 'no-such-document',
          locale: 'fr',
          data: { title: 'x' },
        })
      );
      expect(opened).toBe(1);
    });
  });

  it('a read inside an open transaction reads through it (sees its uncommitted write)', async () => {
    await contract('strapi.db.transaction nesting', async () => {
      const strapi = hostStrapi();
      const articles = hostDocuments(strapi, ARTICLE);
      const [article] = await articles.findMany({ locale: 'fr', sort: 'title:asc', limit: 1 });
      const uncommitted = `${article.title} (uncommitted)`;
      let readInside: string | undefined;
      await strapi.db.transaction(async ({ rollback }) => {
        await strapi.db
          .query(ARTICLE)
          .update({ where: { id: article.id }, data: { title: uncommitted } });
        const read = await articles.findOne({ documentId: article.documentId, locale: 'fr' });
        readInside = read?.title as string | undefined;
        await rollback();
      });
      expect(readInside).toBe(uncommitted);
      const after = await articles.findOne({ documentId: article.documentId, locale: 'fr' });
      expect(after?.title).toBe(article.title);
    });
  });

  it('over HTTP: a populated list reads the same as before, without a transaction', async () => {
    const path =
      '/api/articles?locale=fr&pagination[pageSize]=5&populate[0]=author&sort=title:desc';
    let body: { data: Array<{ title: string; author?: { name: string } }> } = { data: [] };
    let cache: unknown;
    const opened = await transactionsOpenedDuring(async () => {
      const response = await request(hostStrapiUrl()).get(path).expect(200);
      body = response.body as typeof body;
      cache = response.headers['x-cache'];
    });
    // A miss: the response was read from the database now, not served from the cache.
    expect(cache).toBe('MISS');
    expect(opened).toBe(0);
    expect(body.data).toHaveLength(5);
    expect(body.data.every((article) => typeof article.author?.name === 'string')).toBe(true);
  });
});
