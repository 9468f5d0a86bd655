/**
 * The Content API of releases against the booted app (`/api/releases`, full-access token): create,
 * read, change, publish now and at a set time, delete; all or nothing; bad input answered 4xx with
 * the reason and nothing published.
 */
import request from 'supertest';
import { baseUrl, graphql, tokenHeader } from '../../../helpers/api';
import { CITY, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';
import { until } from '../../../helpers/until';

const RELEASE = 'plugin::releases.release';

interface Entry {
  uid: string;
  documentId: string;
  locale: string | null;
  action: 'publish' | 'unpublish';
  result: string;
  error?: string;
}

interface Release {
  id: number;
  name: string;
  status: string;
  scheduledAt: string | null;
  scheduledAtLocal: string | null;
  timeZone: string | null;
  entries: Entry[];
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

const api = () => request(baseUrl());

function post(path: string, body: object) {
  return api().post(path).set(tokenHeader()).send(body);
}

async function create(data: Record<string, unknown>): Promise<Release> {
  const res = await post('/api/releases', { data });
  expect(res.status).toBe(201);
  return res.body.data as Release;
}

async function get(id: number): Promise<Release> {
  const res = await api().get(`/api/releases/${id}`).set(tokenHeader()).expect(200);
  return res.body.data as Release;
}

let reads = 0;
/** The published version of a city in `locale` as the public reads it (a fresh cache key), or null. */
async function published(documentId: string, locale: string): Promise<{ name: string } | null> {
  reads += 1;
  const res = await api()
    .get(
      `/api/cities?locale=${locale}&filters[documentId][$eq]=${documentId}&filters[name][$ne]=release-test-${reads}`
    )
    .expect(200);
  return (res.body.data as Array<{ name: string }>)[0] ?? null;
}

function entries(documentIds: string[], locales = ['de', 'en'], action = 'publish') {
  return documentIds.flatMap((documentId) =>
    locales.map((locale) => ({ uid: CITY, documentId, locale, action }))
  );
}

let sequence = 0;
/** A new city with draft versions in de and en (nothing published). */
async function draftCity(versions: Record<string, Record<string, unknown>> = {}): Promise<string> {
  sequence += 1;
  const name = `Release test ${Date.now()}-${sequence}`;
  return createDocument(
    CITY,
    {
      de: { name: `${name} (de)`, key: `release-test-${Date.now()}-${sequence}`, ...versions.de },
      en: { name: `${name} (en)`, ...versions.en },
    },
    ['de', 'en']
  );
}

describe('releases content API', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const documentId of created) await deleteDocument(CITY, documentId);
  });

  async function city(versions?: Record<string, Record<string, unknown>>): Promise<string> {
    const documentId = await draftCity(versions);
    created.push(documentId);
    return documentId;
  }

  describe('access', () => {
    it('refuses the public and a token without the plugin actions', async () => {
      expect((await api().get('/api/releases')).status).toBe(403);
      expect(
        (
          await api()
            .post('/api/releases')
            .send({ data: { name: 'x' } })
        ).status
      ).toBe(403);
      expect((await api().post('/api/releases/1/publish')).status).toBe(403);
    });

    it('refuses a read-only token (its reads would be cached)', async () => {
      const token = await getStrapi()
        .service('admin::api-token')
        .create({ name: `releases read-only ${Date.now()}`, type: 'read-only', lifespan: null });
      const auth = { Authorization: `Bearer ${token.accessKey}` };
      expect((await api().get('/api/releases').set(auth)).status).toBe(403);
      expect((await api().get('/api/releases/1').set(auth)).status).toBe(403);
    });

    it('keeps releases out of GraphQL', async () => {
      const res = await graphql('{ releases { name } }');
      expect(res.body.errors?.[0]?.message).toMatch(/Cannot query field "releases"/);
    });

    it('lets a custom token do what its actions allow', async () => {
      const token = await getStrapi()
        .service('admin::api-token')
        .create({
          name: `releases reader ${Date.now()}`,
          type: 'custom',
          lifespan: null,
          permissions: ['plugin::releases.release.list', 'plugin::releases.release.get'],
        });
      const auth = { Authorization: `Bearer ${token.accessKey}` };
      expect((await api().get('/api/releases').set(auth)).status).toBe(200);
      const res = await api()
        .post('/api/releases')
        .set(auth)
        .send({ data: { name: 'no' } });
      expect(res.status).toBe(403);
    });
  });

  describe('publish now', () => {
    it('publishes two cities in both locales together, evicting the response cache once', async () => {
      const ids = [await city(), await city()];
      const release = await create({ name: 'Two new cities', entries: entries(ids) });
      expect(release).toMatchObject({ status: 'pending', scheduledAt: null, error: null });
      expect(release.entries.map((entry) => entry.result)).toEqual(Array(4).fill('pending'));
      expect(await published(ids[0], 'de')).toBeNull();

      const cache = getStrapi().plugin('response-cache').service('cache');
      const before: number = cache.stats().publishedChanges;
      const res = await post(`/api/releases/${release.id}/publish`, {});
      expect(res.status).toBe(200);
      expect(cache.stats().publishedChanges - before).toBe(1);
      const done = res.body.data as Release;
      expect(done.status).toBe('done');
      expect(done.entries.map((entry) => entry.result)).toEqual(Array(4).fill('published'));
      expect(done.startedAt).not.toBeNull();
      expect(done.finishedAt).not.toBeNull();
      for (const documentId of ids) {
        for (const locale of ['de', 'en']) {
          expect((await published(documentId, locale))?.name).toMatch(`(${locale})`);
        }
      }
      expect((await get(release.id)).status).toBe('done');

      // A done release is not published, changed or deleted again.
      const again = await post(`/api/releases/${release.id}/publish`, {});
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
      expect(again.body.error.message).toMatch(/done/);
      const edit = await api()
        .put(`/api/releases/${release.id}`)
        .set(tokenHeader())
        .send({ data: { name: 'renamed' } });
      expect(edit.status).toBe(409);
      expect((await api().delete(`/api/releases/${release.id}`).set(tokenHeader())).status).toBe(
        409
      );
    });

    it('is recorded in history as published by the release', async () => {
      const id = await city();
      const release = await create({ name: 'Recorded', entries: entries([id], ['de']) });
      await post(`/api/releases/${release.id}/publish`, {}).expect(200);
      const versions = await api()
        .get(`/api/history/versions?uid=${CITY}&documentId=${id}&locale=de`)
        .set(tokenHeader())
        .expect(200);
      expect(versions.body.data[0]).toMatchObject({
        action: 'publish',
        author: { kind: 'system', name: 'release Recorded' },
      });
    });

    it('unpublishes', async () => {
      const id = await city();
      await create({ name: 'publish', entries: entries([id]) }).then((r) =>
        post(`/api/releases/${r.id}/publish`, {}).expect(200)
      );
      const release = await create({
        name: 'withdraw',
        entries: entries([id], ['en'], 'unpublish'),
      });
      const res = await post(`/api/releases/${release.id}/publish`, {}).expect(200);
      expect(res.body.data.entries[0].result).toBe('unpublished');
      expect(await published(id, 'en')).toBeNull();
      expect(await published(id, 'de')).not.toBeNull();
    });
  });

  describe('all or nothing', () => {
    it('publishes nothing when a required field is empty in one locale, and says which', async () => {
      const good = await city();
      const broken = await city({ en: { name: null } });
      const release = await create({ name: 'one broken', entries: entries([good, broken]) });

      const res = await post(`/api/releases/${release.id}/publish`, {});
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toBe('1 of 4 entries failed: nothing was published');
      const failed = res.body.error.details.release as Release;
      expect(failed.status).toBe('failed');
      expect(failed.entries.map((entry) => entry.result)).toEqual([
        'rolled-back',
        'rolled-back',
        'rolled-back',
        'failed',
      ]);
      expect(failed.entries[3].error).toMatch(/name/);
      expect(res.body.error.details.errors).toEqual([
        { path: ['entries', 3], message: failed.entries[3].error, name: 'ValidationError' },
      ]);
      for (const documentId of [good, broken]) {
        for (const locale of ['de', 'en']) expect(await published(documentId, locale)).toBeNull();
      }
      expect(await get(release.id)).toMatchObject({
        status: 'failed',
        error: res.body.error.message,
      });

      // Fixed, the same release publishes.
      await getStrapi()
        .documents(CITY)
        .update({ documentId: broken, locale: 'en', data: { name: 'Fixed (en)' } as never });
      const retry = await post(`/api/releases/${release.id}/publish`, {});
      expect(retry.status).toBe(200);
      expect(retry.body.data.status).toBe('done');
      expect((await published(broken, 'en'))?.name).toBe('Fixed (en)');
    });

    it('fails a release whose document was deleted after it was added', async () => {
      const kept = await city();
      const gone = await draftCity();
      const release = await create({ name: 'deleted', entries: entries([kept, gone], ['de']) });
      await deleteDocument(CITY, gone);
      const res = await post(`/api/releases/${release.id}/publish`, {});
      expect(res.status).toBe(400);
      const failed = res.body.error.details.release as Release;
      expect(failed.entries[1]).toMatchObject({ result: 'failed' });
      expect(failed.entries[1].error).toMatch(/no longer exists in locale de/);
      expect(await published(kept, 'de')).toBeNull();
    });
  });

  describe('scheduled', () => {
    it('runs at its time, and echoes the zone it was given', async () => {
      const id = await city();
      const at = new Date(Date.now() + 1500);
      // The same instant written in UTC+01:00.
      const local = new Date(at.getTime() + 3600_000).toISOString().replace(/\.\d{3}Z$/, '+01:00');
      const release = await create({
        name: 'scheduled',
        scheduledAt: local,
        entries: entries([id]),
      });
      expect(release).toMatchObject({
        status: 'scheduled',
        scheduledAt: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString(),
        scheduledAtLocal: local,
        timeZone: '+01:00',
      });
      await until(
        'the scheduled release is done',
        async () => (await get(release.id)).status === 'done',
        { timeoutMs: 15_000, everyMs: 100 }
      );
      expect((await published(id, 'en'))?.name).toMatch('(en)');
    });

    it('can be rescheduled, unscheduled and deleted while it waits', async () => {
      const id = await city();
      const release = await create({
        name: 'later',
        scheduledAt: '2099-01-01T09:00:00Z',
        entries: entries([id]),
      });
      const moved = await api()
        .put(`/api/releases/${release.id}`)
        .set(tokenHeader())
        .send({ data: { scheduledAt: '2098-06-01T09:00:00-05:00' } })
        .expect(200);
      expect(moved.body.data).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2098-06-01T14:00:00.000Z',
        scheduledAtLocal: '2098-06-01T09:00:00-05:00',
      });
      const unscheduled = await api()
        .put(`/api/releases/${release.id}`)
        .set(tokenHeader())
        .send({ data: { scheduledAt: null } })
        .expect(200);
      expect(unscheduled.body.data).toMatchObject({ status: 'pending', scheduledAt: null });
      await api().delete(`/api/releases/${release.id}`).set(tokenHeader()).expect(200);
      expect((await api().get(`/api/releases/${release.id}`).set(tokenHeader())).status).toBe(404);
      expect(await published(id, 'de')).toBeNull();
    });
  });

  describe('while it runs', () => {
    it('refuses edits, deletion and a second publish; an expired claim is run again', async () => {
      const id = await city();
      const release = await create({ name: 'claimed elsewhere', entries: entries([id]) });
      // Another instance claimed it (as the runner does) and has not finished yet.
      await getStrapi()
        .db.query(RELEASE)
        .update({
          where: { id: release.id },
          data: {
            status: 'running',
            claimedBy: 'other-instance',
            leaseExpiresAt: new Date(Date.now() + 60_000).toISOString(),
          },
        });
      const edit = await api()
        .put(`/api/releases/${release.id}`)
        .set(tokenHeader())
        .send({ data: { name: 'renamed' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toMatch(/running/);
      const add = await post(`/api/releases/${release.id}/entries`, {
        data: { entries: entries([id], ['de'], 'unpublish').slice(0, 1) },
      });
      expect(add.status).toBe(409);
      expect((await api().delete(`/api/releases/${release.id}`).set(tokenHeader())).status).toBe(
        409
      );
      expect((await post(`/api/releases/${release.id}/publish`, {})).status).toBe(409);
      expect(await published(id, 'de')).toBeNull();

      // That instance died: its lease runs out and the scheduler runs the release here.
      await getStrapi()
        .db.query(RELEASE)
        .update({
          where: { id: release.id },
          data: { leaseExpiresAt: new Date(Date.now() - 1000).toISOString() },
        });
      await until(
        'the release of the expired claim is done',
        async () => (await get(release.id)).status === 'done',
        { timeoutMs: 15_000, everyMs: 100 }
      );
      expect(await published(id, 'de')).not.toBeNull();
    });
  });

  describe('adding entries (the bulk action)', () => {
    it('adds entries to an open release and refuses one already in it', async () => {
      const [a, b] = [await city(), await city()];
      const release = await create({ name: 'growing', entries: entries([a], ['de']) });
      const added = await post(`/api/releases/${release.id}/entries`, {
        data: { entries: entries([a, b], ['en']) },
      });
      expect(added.status).toBe(200);
      expect(added.body.data.entries).toHaveLength(3);
      const twice = await post(`/api/releases/${release.id}/entries`, {
        data: { entries: entries([a], ['de']) },
      });
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toMatch(/already in the release/);
    });
  });

  describe('list', () => {
    it('pages releases, newest first, and filters by status', async () => {
      await create({ name: 'list a' });
      await create({ name: 'list b' });
      const res = await api().get('/api/releases?pageSize=2').set(tokenHeader()).expect(200);
      expect(res.body.data.map((release: Release) => release.name)).toEqual(['list b', 'list a']);
      expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
      expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(2);
      const done = await api().get('/api/releases?status=done').set(tokenHeader()).expect(200);
      expect(done.body.data.every((release: Release) => release.status === 'done')).toBe(true);
      const bad = await api().get('/api/releases?status=nope&pageSize=1000').set(tokenHeader());
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toEqual([
        'pageSize',
        'status',
      ]);
    });
  });

  describe('bad input', () => {
    let documentId: string;
    beforeAll(async () => {
      documentId = await city();
    });

    const cases: Array<[string, () => Record<string, unknown>, RegExp, unknown[]]> = [
      ['no name', () => ({ entries: [] }), /name is required/, ['name']],
      [
        'an unknown content type',
        () => ({ name: 'x', entries: [{ uid: 'api::nope.nope', documentId, locale: 'de' }] }),
        /unknown content type api::nope.nope/,
        ['entries', 0, 'uid'],
      ],
      [
        'a type without draft & publish',
        () => ({ name: 'x', entries: [{ uid: RELEASE, documentId, locale: null }] }),
        /unknown content type/,
        ['entries', 0, 'uid'],
      ],
      [
        'an unknown document',
        () => ({ name: 'x', entries: [{ uid: CITY, documentId: 'nope', locale: 'de' }] }),
        /no document nope of api::city.city in locale de/,
        ['entries', 0, 'documentId'],
      ],
      [
        'an unknown locale',
        () => ({ name: 'x', entries: [{ uid: CITY, documentId, locale: 'fr' }] }),
        /unknown locale fr/,
        ['entries', 0, 'locale'],
      ],
      [
        'no locale for a localized type',
        () => ({ name: 'x', entries: [{ uid: CITY, documentId }] }),
        /needs a locale/,
        ['entries', 0, 'locale'],
      ],
      [
        'an unknown action',
        () => ({ name: 'x', entries: [{ uid: CITY, documentId, locale: 'de', action: 'delete' }] }),
        /action must be publish or unpublish/,
        ['entries', 0, 'action'],
      ],
      [
        'an entry twice',
        () => ({
          name: 'x',
          entries: [
            { uid: CITY, documentId, locale: 'de' },
            { uid: CITY, documentId, locale: 'de', action: 'publish' },
          ],
        }),
        /listed twice \(also entries\[0\]\)/,
        ['entries', 1],
      ],
      [
        'a time in the past',
        () => ({ name: 'x', scheduledAt: '2020-01-01T00:00:00Z' }),
        /in the past/,
        ['scheduledAt'],
      ],
      [
        'a time without a zone',
        () => ({ name: 'x', scheduledAt: '2099-01-01T09:00:00' }),
        /explicit zone/,
        ['scheduledAt'],
      ],
      [
        'a malformed time',
        () => ({ name: 'x', scheduledAt: '2099-02-30T09:00:00Z' }),
        /not a real date/,
        ['scheduledAt'],
      ],
      [
        'an unknown field',
        () => ({ name: 'x', status: 'done' }),
        /unknown field status/,
        ['status'],
      ],
    ];

    it.each(cases)(
      'refuses %s with a 400 naming it, and stores nothing',
      async (_, data, message, path) => {
        const before = await getStrapi().db.query(RELEASE).count();
        const res = await post('/api/releases', { data: data() });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          data: null,
          error: { status: 400, name: 'ValidationError' },
        });
        expect(res.body.error.message).toMatch(message);
        expect(res.body.error.details.errors[0].path).toEqual(path);
        expect(await getStrapi().db.query(RELEASE).count()).toBe(before);
      }
    );

    it('refuses a body without data, and unknown ids with 404', async () => {
      const res = await post('/api/releases', { name: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/\{ data/);
      for (const id of ['999999', 'abc', '1e3']) {
        const missing = await api().get(`/api/releases/${id}`).set(tokenHeader());
        expect(missing.status).toBe(404);
        expect(missing.body.error.name).toBe('NotFoundError');
        expect((await post(`/api/releases/${id}/publish`, {})).status).toBe(404);
      }
    });
  });
});
