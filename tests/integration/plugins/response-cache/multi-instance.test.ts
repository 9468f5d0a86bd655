/**
 * Two instances of the compiled app (child processes) on one PostgreSQL database, as behind a load
 * balancer: a write on one must reach the other's cache within a second (PostgreSQL LISTEN/NOTIFY,
 * the bus `auto` picks on PostgreSQL), evicting only what it changed; a revoked token is refused
 * by both at once. It creates its own throw-away database and drops it after.
 */
import request from 'supertest';
import { runOnPostgresServer } from '../../../../scripts/lib/database-env';
import {
  createApiToken,
  firstTitleIs,
  seenWithin,
  stop,
  type Instance,
  type Read,
} from '../../../helpers/app-instances';
import { startInstance } from './instances';
import { requirePostgres } from './services';

const database = `ccn_cache_${process.pid}_${Date.now()}`;

describe('response cache across two instances on one PostgreSQL database', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let token = '';
  let adminJwt = '';

  beforeAll(async () => {
    await requirePostgres();
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    // One after the other: the first creates the schema.
    first = await startInstance(database);
    second = await startInstance(database);
    ({ accessKey: token, adminJwt } = await createApiToken(first.url, 'full-access'));
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(first?.child), stop(second?.child)]);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  it('a write on either instance is seen through the cache of the other within a second', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const path = '/api/network-goals?locale=de';
    const unrelated = '/api/countries?locale=de';
    const created = await request(a.url)
      .post('/api/network-goals?locale=de')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { position: 1, title: 'Erstes Ziel', description: 'Beschreibung' } })
      .expect(201);
    const documentId = created.body.data.documentId as string;

    // B caches what it reads.
    await seenWithin(b.url, path, firstTitleIs('Erstes Ziel'));
    expect((await request(b.url).get(path).expect(200)).headers['x-cache']).toBe('HIT');
    await request(b.url).get(unrelated).expect(200);
    expect((await request(b.url).get(unrelated).expect(200)).headers['x-cache']).toBe('HIT');

    // A write on A reaches B's cache, and evicts only what read the goals.
    await request(a.url)
      .put(`/api/network-goals/${documentId}?locale=de`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Auf A geändert' } })
      .expect(200);
    expect(await seenWithin(b.url, path, firstTitleIs('Auf A geändert'))).toBeLessThan(1000);
    expect((await request(b.url).get(unrelated).expect(200)).headers['x-cache']).toBe('HIT');

    // And the other way round: A has it cached, B writes.
    await seenWithin(a.url, path, firstTitleIs('Auf A geändert'));
    expect((await request(a.url).get(path).expect(200)).headers['x-cache']).toBe('HIT');
    await request(b.url)
      .put(`/api/network-goals/${documentId}?locale=de`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Auf B geändert' } })
      .expect(200);
    expect(await seenWithin(a.url, path, firstTitleIs('Auf B geändert'))).toBeLessThan(1000);
  });

  it('a cached list on the other instance is checked after a write: kept when its rows stay, recomputed when they move', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const auth = { Authorization: `Bearer ${token}` };
    const page = (n: number) =>
      `/api/network-goals?locale=de&sort=title:asc&pagination[pageSize]=1&pagination[page]=${n}`;
    const create = async (title: string, position: number) =>
      (
        await request(a.url)
          .post('/api/network-goals?locale=de')
          .set(auth)
          .send({ data: { position, title, description: 'Listenprüfung' } })
          .expect(201)
      ).body.data.documentId as string;
    // Positions are unique (1–6); the test above uses 1.
    const aaa = await create('Aaa Listenziel', 5);
    const zzz = await create('Zzz Listenziel', 6);
    try {
      await seenWithin(b.url, page(1), firstTitleIs('Aaa Listenziel'));
      const lastPage = (await request(b.url).get(page(1)).expect(200)).body.meta.pagination
        .pageCount as number;
      await seenWithin(b.url, page(lastPage), firstTitleIs('Zzz Listenziel'));
      for (const path of [page(1), page(lastPage)]) {
        expect((await request(b.url).get(path).expect(200)).headers['x-cache']).toBe('HIT');
      }

      // A write of the last goal on A: B recomputes the page showing it and keeps page 1.
      await request(a.url)
        .put(`/api/network-goals/${zzz}?locale=de`)
        .set(auth)
        .send({ data: { title: 'Zzz Listenziel (neu)' } })
        .expect(200);
      expect(
        await seenWithin(b.url, page(lastPage), firstTitleIs('Zzz Listenziel (neu)'))
      ).toBeLessThan(1000);
      const kept = await request(b.url).get(page(1)).expect(200);
      expect(kept.headers['x-cache']).toBe('HIT');
      expect(kept.body.data[0].title).toBe('Aaa Listenziel');

      // Renamed to sort last, the first goal leaves page 1: B's page 1 did not show the new title
      // but its rows moved, so the check recomputes it.
      await request(a.url)
        .put(`/api/network-goals/${aaa}?locale=de`)
        .set(auth)
        .send({ data: { title: 'Zzzz Listenziel' } })
        .expect(200);
      expect(
        await seenWithin(
          b.url,
          page(1),
          (r) => r.status === 200 && r.body.data?.[0]?.title !== 'Aaa Listenziel'
        )
      ).toBeLessThan(1000);
    } finally {
      for (const documentId of [aaa, zzz]) {
        await request(a.url).delete(`/api/network-goals/${documentId}?locale=de`).set(auth);
      }
    }
  });

  it('a list total kept by the count memo (miss-path-speedups) follows a write on the other instance', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const auth = { Authorization: `Bearer ${token}` };
    const list = (sort: string) =>
      `/api/network-goals?locale=de&pagination[pageSize]=1&sort=${sort}`;
    const totalIs = (expected: number) => (answer: Read) =>
      answer.status === 200 &&
      (answer.body as { meta?: { pagination?: { total?: number } } }).meta?.pagination?.total ===
        expected;
    const total = async (path: string): Promise<number> =>
      (await request(b.url).get(path).expect(200)).body.meta.pagination.total as number;
    const before = await total(list('title:asc'));
    // Counted once on B: another sort of the same list is answered from the memo.
    expect(await total(list('title:desc'))).toBe(before);
    const created = await request(a.url)
      .post('/api/network-goals?locale=de')
      .set(auth)
      .send({ data: { position: 2, title: 'Gezähltes Ziel', description: 'Zählung' } })
      .expect(201);
    const documentId = created.body.data.documentId as string;
    try {
      expect(await seenWithin(b.url, list('title:asc'), totalIs(before + 1))).toBeLessThan(1000);
      // A sort B never answered: not in its response cache, its total from the memo.
      expect(await total(list('position:asc'))).toBe(before + 1);
    } finally {
      await request(a.url).delete(`/api/network-goals/${documentId}?locale=de`).set(auth);
    }
    expect(await seenWithin(b.url, list('title:asc'), totalIs(before))).toBeLessThan(1000);
    expect(await total(list('position:desc'))).toBe(before);
  });

  it('a read-only token revoked on one instance is refused by the other at once', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const created = await request(a.url)
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ name: 'cache test reader', type: 'read-only', lifespan: null })
      .expect(201);
    const reader = { Authorization: `Bearer ${created.body.data.accessKey as string}` };
    const path = '/api/network-goals?locale=de&pagination[pageSize]=5';
    await request(b.url).get(path).set(reader).expect(200);
    expect((await request(b.url).get(path).set(reader).expect(200)).headers['x-cache']).toBe('HIT');

    await request(a.url)
      .delete(`/admin/api-tokens/${created.body.data.id as number}`)
      .set('Authorization', `Bearer ${adminJwt}`)
      .expect(200);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 5000) {
      status = (await request(b.url).get(path).set(reader)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
