/**
 * Response cache plugin against the booted app: what an anonymous website sees, that credentials
 * never meet the cache, that every write path invalidates it, and that a hit skips the app's
 * configured middlewares. Query counts come from the per-request `X-Query-Count` header.
 */
import request from 'supertest';
import { anonymous, baseUrl, graphql, queriesOf, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { syncSeed } from '../../../../src/seed/sync-seed';
import { seedData } from '../../../helpers/seed-data';

const GOAL = 'api::network-goal.network-goal';
const CITY = 'api::city.city';
const GOALS_EN = '/api/network-goals?locale=en&sort=position:asc';

let counter = 0;
/** A query parameter that matches everything but makes a fresh cache key. */
function fresh(): string {
  counter += 1;
  return `filters[documentId][$ne]=cache-test-${Date.now()}-${counter}`;
}

/** Headers that describe this response rather than the content: they differ between hit and miss. */
const PER_RESPONSE = new Set(['date', 'x-cache', 'x-query-count']);

function comparable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.has(name)));
}

interface Goal {
  documentId: string;
  position: number;
  title: string;
}

async function goals(path = GOALS_EN): Promise<{ goals: Goal[]; cache: string }> {
  const res = await anonymous().get(path).expect(200);
  return { goals: res.body.data as Goal[], cache: res.headers['x-cache'] };
}

async function firstGoal(): Promise<Goal> {
  const { goals: list } = await goals();
  return list[0];
}

/** Reads goal 1 anonymously twice, so the second answer is served from the cache. */
async function primeGoals(): Promise<string> {
  await goals();
  const again = await goals();
  expect(again.cache).toBe('HIT');
  return again.goals[0].title;
}

describe('response cache', () => {
  let goal: Goal;
  let originalTitle: string;

  beforeAll(async () => {
    goal = await firstGoal();
    originalTitle = goal.title;
  });

  afterAll(async () => {
    // Whatever a test did to goal 1 (en), put the seed back.
    await getStrapi()
      .documents(GOAL)
      .update({
        documentId: goal.documentId,
        locale: 'en',
        data: { title: originalTitle } as never,
        status: 'published',
      });
  });

  describe('anonymous REST reads', () => {
    it('serves the second identical request from the cache with the same status, headers and body', async () => {
      const path = `/api/cities?locale=en&pagination[pageSize]=3&${fresh()}`;
      const miss = await anonymous().get(path).expect(200);
      const hit = await anonymous().get(path).expect(200);
      expect(miss.headers['x-cache']).toBe('MISS');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(queriesOf(hit)).toBe(0);
      expect(queriesOf(miss)).toBeGreaterThan(0);
      expect(hit.text).toBe(miss.text);
      expect(comparable(hit.headers)).toEqual(comparable(miss.headers));
      // Security headers are replayed, not lost.
      expect(hit.headers['x-content-type-options']).toBe('nosniff');
      expect(hit.headers['content-security-policy']).toBeDefined();
      expect(hit.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    });

    it('keys on the normalised query: parameter order and encoding do not matter', async () => {
      const filter = fresh();
      await anonymous().get(`/api/cities?locale=en&pagination[pageSize]=2&${filter}`).expect(200);
      const reordered = await anonymous()
        .get(`/api/cities?${filter}&pagination%5BpageSize%5D=2&locale=en`)
        .expect(200);
      expect(reordered.headers['x-cache']).toBe('HIT');
    });

    it('keeps different locales and different queries apart', async () => {
      const filter = fresh();
      const en = await anonymous().get(`/api/cities?locale=en&sort=name:asc&${filter}`).expect(200);
      const de = await anonymous().get(`/api/cities?locale=de&sort=name:asc&${filter}`).expect(200);
      const page2 = await anonymous()
        .get(`/api/cities?locale=en&sort=name:asc&pagination[page]=2&${filter}`)
        .expect(200);
      expect(de.headers['x-cache']).toBe('MISS');
      expect(page2.headers['x-cache']).toBe('MISS');
      expect(de.body.data[0].locale).toBe('de');
      expect(en.body.data[0].locale).toBe('en');
      expect(page2.body.meta.pagination.page).toBe(2);
      expect(page2.body.data[0].documentId).not.toBe(en.body.data[0].documentId);
    });

    it('does not store errors', async () => {
      const path = `/api/cities?locale=en&filters[nope][$eq]=1&${fresh()}`;
      const first = await anonymous().get(path).expect(400);
      const second = await anonymous().get(path).expect(400);
      expect(first.headers.etag).toBeUndefined();
      expect(second.headers['x-cache']).not.toBe('HIT');
    });
  });

  describe('place in the middleware chain', () => {
    it('answers a hit before the configured middlewares: strapi::logger never sees it', async () => {
      const strapi = getStrapi();
      const path = `/api/cities?locale=en&pagination[pageSize]=2&${fresh()}`;
      const logged: string[] = [];
      const http = strapi.log.http;
      strapi.log.http = ((message: string) => {
        logged.push(message);
        return strapi.log;
      }) as typeof strapi.log.http;
      try {
        const miss = await anonymous().get(path).expect(200);
        const hit = await anonymous().get(path).expect(200);
        const notModified = await anonymous()
          .get(path)
          .set('If-None-Match', hit.headers.etag)
          .expect(304);
        expect([miss, hit, notModified].map((res) => res.headers['x-cache'])).toEqual([
          'MISS',
          'HIT',
          'HIT',
        ]);
      } finally {
        strapi.log.http = http;
      }
      // strapi::logger logs "GET <url> (<ms> ms) <status>" once per request it runs for.
      expect(logged.filter((line) => line.startsWith('GET /api/cities?'))).toHaveLength(1);
      expect(logged.filter((line) => line.endsWith(' 200'))).toHaveLength(1);
    });
  });

  describe('public service', () => {
    it('bumps generation() on every write and drops the cache on invalidate()', async () => {
      const cache = getStrapi().plugin('response-cache').service('cache');
      const path = `/api/countries?locale=en&${fresh()}`;
      await anonymous().get(path).expect(200);
      expect((await anonymous().get(path).expect(200)).headers['x-cache']).toBe('HIT');
      expect(cache.stats().entries).toBeGreaterThan(0);

      const before: number = cache.generation();
      await cache.invalidate();
      expect(cache.generation()).toBeGreaterThan(before);
      expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
      expect((await anonymous().get(path).expect(200)).headers['x-cache']).toBe('MISS');

      const afterInvalidate: number = cache.generation();
      await getStrapi()
        .documents(GOAL)
        .update({
          documentId: goal.documentId,
          locale: 'en',
          data: { title: originalTitle } as never,
          status: 'published',
        });
      expect(cache.generation()).toBeGreaterThan(afterInvalidate);
    });
  });

  describe('ETag and 304', () => {
    it('answers If-None-Match with 304 and no body, on a hit and on a miss', async () => {
      const path = `/api/countries?locale=de&${fresh()}`;
      const first = await anonymous().get(path).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const revalidated = await anonymous().get(path).set('If-None-Match', etag).expect(304);
      expect(revalidated.text).toBe('');
      expect(revalidated.headers.etag).toBe(etag);
      expect(revalidated.headers['x-cache']).toBe('HIT');

      // A write of another country marks the list for a check: its rows and count are the same,
      // so it is served again, 304.
      const cache = getStrapi().plugin('response-cache').service('cache');
      await cache.evict(['t:api::country.country@de']);
      const checked = await anonymous().get(path).set('If-None-Match', etag).expect(304);
      expect(checked.headers['x-cache']).toBe('HIT');

      // After an eviction of the type, the entry is gone; the recomputed response has the same
      // bytes, so 304 again.
      await cache.evict(['a:api::country.country']);
      const afterWrite = await anonymous().get(path).set('If-None-Match', etag).expect(304);
      expect(afterWrite.headers['x-cache']).toBe('MISS');
      const stale = await anonymous()
        .get(path)
        .set('If-None-Match', '"something-else"')
        .expect(200);
      expect(stale.headers.etag).toBe(etag);
    });
  });

  describe('credentials', () => {
    it('never answers a request with Authorization from the cache, nor stores its response', async () => {
      const path = `/api/network-goals?locale=en&${fresh()}`;
      const withToken = await request(baseUrl()).get(path).set(tokenHeader()).expect(200);
      expect(withToken.headers['x-cache']).toBe('BYPASS');
      const anon = await anonymous().get(path).expect(200);
      expect(anon.headers['x-cache']).toBe('MISS');
      const anonAgain = await anonymous().get(path).expect(200);
      expect(anonAgain.headers['x-cache']).toBe('HIT');
      const tokenAgain = await request(baseUrl()).get(path).set(tokenHeader()).expect(200);
      expect(tokenAgain.headers['x-cache']).toBe('BYPASS');
    });

    it('bypasses the cache with an admin session cookie', async () => {
      const path = `/api/network-goals?locale=en&${fresh()}`;
      await anonymous().get(path).expect(200);
      const res = await request(baseUrl())
        .get(path)
        .set('Cookie', 'strapi_admin_refresh=abc')
        .expect(200);
      expect(res.headers['x-cache']).toBe('BYPASS');
    });

    it('never leaks a draft to anonymous readers', async () => {
      const name = `Cache Draft ${Date.now()}`;
      const path = `/api/cities?locale=en&filters[name][$eq]=${encodeURIComponent(name)}`;
      expect((await anonymous().get(path).expect(200)).body.data).toEqual([]);
      const created = await getStrapi()
        .documents(CITY)
        .create({
          locale: 'en',
          data: { name, key: `cache-draft-${Date.now()}`, memberSince: 2004 } as never,
        });
      try {
        const afterDraft = await anonymous().get(path).expect(200);
        expect(afterDraft.body.data).toEqual([]);
        await getStrapi().documents(CITY).publish({ documentId: created.documentId, locale: 'en' });
        const afterPublish = await anonymous().get(path).expect(200);
        expect(afterPublish.body.data.map((city: { name: string }) => city.name)).toEqual([name]);
      } finally {
        await getStrapi().documents(CITY).delete({ documentId: created.documentId, locale: '*' });
      }
      expect((await anonymous().get(path).expect(200)).body.data).toEqual([]);
    });
  });

  describe('invalidation: the next read after a committed write sees it', () => {
    it('REST write with an API token', async () => {
      await primeGoals();
      await request(baseUrl())
        .put(`/api/network-goals/${goal.documentId}?locale=en`)
        .set(tokenHeader())
        .send({ data: { title: 'Changed over REST' } })
        .expect(200);
      expect((await firstGoal()).title).toBe('Changed over REST');
    });

    it('GraphQL mutation with an API token', async () => {
      await primeGoals();
      const res = await request(baseUrl())
        .post('/graphql')
        .set(tokenHeader())
        .send({
          query: `mutation { updateNetworkGoal(documentId: "${goal.documentId}", locale: "en", data: { title: "Changed over GraphQL" }) { title } }`,
        })
        .expect(200);
      expect(res.body.errors).toBeUndefined();
      expect((await firstGoal()).title).toBe('Changed over GraphQL');
    });

    it('Document Service call, as the admin panel makes it', async () => {
      await primeGoals();
      await getStrapi()
        .documents(GOAL)
        .update({
          documentId: goal.documentId,
          locale: 'en',
          data: { title: 'Changed in the admin' } as never,
        });
      // A draft change is not public…
      expect((await firstGoal()).title).not.toBe('Changed in the admin');
      await getStrapi().documents(GOAL).publish({ documentId: goal.documentId, locale: 'en' });
      // …its publication is.
      expect((await firstGoal()).title).toBe('Changed in the admin');
    });

    it('seed run', async () => {
      // Restore the seed title, then alter the row behind Strapi's back (raw SQL is the one
      // write path no hook sees), read it under a fresh key, and let a seed that held the
      // altered title in an earlier release replace it.
      await getStrapi()
        .documents(GOAL)
        .update({
          documentId: goal.documentId,
          locale: 'en',
          data: { title: originalTitle } as never,
          status: 'published',
        });
      await getStrapi()
        .db.connection('network_goals')
        .where({ document_id: goal.documentId, locale: 'en' })
        .update({ title: 'Tampered' });
      const path = `${GOALS_EN}&${fresh()}`;
      expect((await goals(path)).goals[0].title).toBe('Tampered');
      expect((await goals(path)).cache).toBe('HIT');
      const seed = seedData();
      const report = await syncSeed(getStrapi(), {
        ...seed,
        earlier: { networkGoals: { [goal.position]: [{ title: { en: 'Tampered' } }] } },
      });
      expect(report.updated).toBe(1);
      expect((await goals(path)).goals[0].title).toBe(originalTitle);
    });

    it('unpublish and publish', async () => {
      await primeGoals();
      await getStrapi().documents(GOAL).unpublish({ documentId: goal.documentId, locale: 'en' });
      try {
        const { goals: list } = await goals();
        expect(list.map((g) => g.documentId)).not.toContain(goal.documentId);
      } finally {
        await getStrapi().documents(GOAL).publish({ documentId: goal.documentId, locale: 'en' });
      }
      expect((await goals()).goals.map((g) => g.documentId)).toContain(goal.documentId);
    });

    it('locale created and deleted', async () => {
      const codes = async () =>
        (
          (await anonymous().get('/api/i18n/locales').expect(200)).body as Array<{ code: string }>
        ).map((locale) => locale.code);
      await codes();
      expect(await codes()).not.toContain('fr');
      const locales = getStrapi().plugin('i18n').service('locales');
      const french = await locales.create({ code: 'fr', name: 'French (fr)' });
      try {
        expect(await codes()).toContain('fr');
      } finally {
        await locales.delete({ id: french.id });
      }
      expect(await codes()).not.toContain('fr');
    });

    it('public permission revoked and granted again', async () => {
      const strapi = getStrapi();
      await primeGoals();
      const publicRole = await strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } });
      const action = `${GOAL}.find`;
      const permissions = strapi.db.query('plugin::users-permissions.permission');
      await permissions.delete({ where: { action, role: publicRole.id } });
      try {
        await anonymous().get(GOALS_EN).expect(403);
      } finally {
        await permissions.create({ data: { action, role: publicRole.id } });
      }
      await anonymous().get(GOALS_EN).expect(200);
    });

    it('a read racing a write never stores the old content', async () => {
      const strapi = getStrapi();
      const path = `${GOALS_EN}&${fresh()}`;
      // Start the read and the write together; whatever the interleaving, the read after the
      // write must show the new title.
      const [read] = await Promise.all([
        anonymous().get(path),
        strapi.documents(GOAL).update({
          documentId: goal.documentId,
          locale: 'en',
          data: { title: 'Raced' } as never,
          status: 'published',
        }),
      ]);
      expect(read.status).toBe(200);
      expect((await goals(path)).goals[0].title).toBe('Raced');
    });
  });

  describe('GraphQL', () => {
    const query = (filter: string) =>
      `{ networkGoals(locale: "en", sort: "position:asc", filters: { title: { ne: "${filter}" } }) { documentId title } }`;

    it('caches anonymous POST queries and GET queries', async () => {
      const q = query(`post-${Date.now()}`);
      const miss = await graphql(q).expect(200);
      const hit = await graphql(q).expect(200);
      expect(miss.headers['x-cache']).toBe('MISS');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body).toEqual(miss.body);
      expect(hit.body.data.networkGoals).toHaveLength(6);

      const path = `/graphql?query=${encodeURIComponent(query(`get-${Date.now()}`))}`;
      // Apollo's CSRF prevention wants a non-simple header on GET, as GraphQL clients send.
      const get = () =>
        request(baseUrl())
          .get(path)
          .set({ Accept: 'application/json', 'apollo-require-preflight': 'true' });
      const getMiss = await get();
      const getHit = await get();
      expect(getMiss.status).toBe(200);
      expect(getMiss.headers['x-cache']).toBe('MISS');
      expect(getHit.headers['x-cache']).toBe('HIT');
      expect(getHit.body).toEqual(getMiss.body);
    });

    it('never caches a mutation, and a query with errors is not stored', async () => {
      const mutation = `mutation { updateNetworkGoal(documentId: "${goal.documentId}", locale: "en", data: { title: "anonymous" }) { title } }`;
      const first = await graphql(mutation);
      const second = await graphql(mutation);
      expect(second.headers['x-cache']).not.toBe('HIT');
      expect(first.body.data?.updateNetworkGoal ?? null).toBeNull();
      expect(first.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await firstGoal()).title).not.toBe('anonymous');

      const broken = '{ networkGoals(locale: "en") { noSuchField } }';
      await graphql(broken);
      const again = await graphql(broken);
      expect(again.headers['x-cache']).not.toBe('HIT');
    });

    it('answers a body that is not JSON with a clear 400', async () => {
      const res = await request(baseUrl())
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send('{"query": ')
        .expect(400);
      expect(res.body.error.message).toMatch(/not valid JSON/);
    });
  });
});
