import { anonymous, baseUrl, tokenHeader } from '../../../helpers/api';
import { CITY } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';

/** Names of the cities an anonymous search finds (through the response cache, as a site would). */
async function found(q: string, locale = 'en'): Promise<string[]> {
  const res = await anonymous().get('/api/search').query({ q, locale, types: 'cities' });
  expect(res.status).toBe(200);
  return res.body.data.map((hit: { name: string }) => hit.name);
}

describe('the index follows every write', () => {
  let documentId: string;

  it('finds a city created through REST', async () => {
    expect(await found('wrexlow')).toEqual([]);
    const res = await anonymous()
      .post('/api/cities')
      .query({ locale: 'en' })
      .set(tokenHeader())
      .send({ data: { name: 'Wrexlow', slug: 'wrexlow' } });
    expect(res.status).toBe(201);
    documentId = res.body.data.documentId;
    expect(await found('wrexlow')).toEqual(['Wrexlow']);
  });

  it('finds the new locale version by the names of both', async () => {
    const res = await anonymous()
      .put(`/api/cities/${documentId}`)
      .query({ locale: 'de' })
      .set(tokenHeader())
      .send({ data: { name: 'Wrechslau', slug: 'wrechslau' } });
    expect(res.status).toBe(200);
    expect(await found('wrexlow', 'de')).toEqual(['Wrechslau']);
    expect(await found('wrechslau', 'en')).toEqual(['Wrexlow']);
  });

  it('finds a renamed city by its new name only', async () => {
    const res = await anonymous()
      .put(`/api/cities/${documentId}`)
      .query({ locale: 'en' })
      .set(tokenHeader())
      .send({ data: { name: 'Wrexford' } });
    expect(res.status).toBe(200);
    expect(await found('wrexlow')).toEqual([]);
    expect(await found('wrexford')).toEqual(['Wrexford']);
  });

  it('forgets an unpublished locale version, and its name', async () => {
    await getStrapi().documents(CITY).unpublish({ documentId, locale: 'en' });
    expect(await found('wrexford')).toEqual([]);
    expect(await found('wrexford', 'de')).toEqual([]);
    expect(await found('wrechslau', 'de')).toEqual(['Wrechslau']);
  });

  it('finds it again once published', async () => {
    await getStrapi().documents(CITY).publish({ documentId, locale: 'en' });
    expect(await found('wrexford')).toEqual(['Wrexford']);
  });

  it('forgets a city deleted through REST', async () => {
    for (const locale of ['en', 'de']) {
      const res = await anonymous()
        .delete(`/api/cities/${documentId}`)
        .query({ locale })
        .set(tokenHeader());
      expect(res.status).toBe(204);
    }
    expect(await found('wrexford')).toEqual([]);
    expect(await found('wrechslau', 'de')).toEqual([]);
  });

  it('finds a city created through GraphQL', async () => {
    const { default: request } = await import('supertest');
    const res = await request(baseUrl()).post('/graphql').set(tokenHeader()).send({
      query: `mutation { createCity(locale: "en", data: { name: "Graphqlton" }) { documentId } }`,
    });
    expect(res.body.errors).toBeUndefined();
    expect(await found('graphqlton')).toEqual(['Graphqlton']);
    await getStrapi()
      .documents(CITY)
      .delete({ documentId: res.body.data.createCity.documentId, locale: '*' });
    expect(await found('graphqlton')).toEqual([]);
  });
});

/**
 * A session of a super admin, as an editor in the admin panel has. The user stays: it may be the
 * only super admin of the test database, which Strapi refuses to delete.
 */
async function adminHeader(): Promise<Record<string, string>> {
  const strapi = getStrapi();
  const email = `search-editor-${process.pid}@example.org`;
  const password = 'Search-editor-1';
  if (!(await strapi.db.query('admin::user').findOne({ where: { email } }))) {
    const role = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      email,
      firstname: 'Search',
      lastname: 'Editor',
      password,
      isActive: true,
      roles: [role.id],
    });
  }
  const login = await anonymous().post('/admin/login').send({ email, password });
  expect(login.status).toBe(200);
  return { Authorization: `Bearer ${login.body.data.token}` };
}

describe('the index follows the admin panel', () => {
  const base = `/content-manager/collection-types/${CITY}`;

  it('finds a city once published, not before, and forgets it when unpublished', async () => {
    const admin = await adminHeader();
    const created = await anonymous()
      .post(base)
      .query({ locale: 'en' })
      .set(admin)
      .send({ name: 'Adminopolis', slug: 'adminopolis' });
    expect(created.status).toBe(201);
    const documentId: string = created.body.data.documentId;
    expect(await found('adminopolis')).toEqual([]);

    const action = (name: string) =>
      anonymous()
        .post(`${base}/${documentId}/actions/${name}`)
        .query({ locale: 'en' })
        .set(admin)
        .send({});
    expect((await action('publish')).status).toBe(200);
    expect(await found('adminopolis')).toEqual(['Adminopolis']);
    expect((await action('unpublish')).status).toBe(200);
    expect(await found('adminopolis')).toEqual([]);

    const removed = await anonymous()
      .delete(`${base}/${documentId}`)
      .query({ locale: 'en' })
      .set(admin);
    expect(removed.status).toBe(200);
  });
});

describe('rebuilding the index (npm run search:reindex)', () => {
  const query = { q: 'a', locale: 'en', 'pagination[pageSize]': 100 };
  /** Read past the response cache (a request with a token is never cached). */
  const uncached = async () =>
    (await anonymous().get('/api/search').query(query).set(tokenHeader())).body;

  it('restores what the writes kept, after the index lost entries', async () => {
    const before = await uncached();
    expect(before.meta.pagination.total).toBeGreaterThan(20);
    const strapi = getStrapi();
    await strapi.db.connection.raw('DELETE FROM plugin_search_index WHERE id % 2 = 0');
    expect((await uncached()).meta.pagination.total).toBeLessThan(before.meta.pagination.total);

    const indexer = strapi.plugin('search').service('indexer');
    const entries: number = await indexer.rebuild();
    const published = await strapi.db
      .query(CITY)
      .count({ where: { publishedAt: { $notNull: true } } });
    expect(entries).toBeGreaterThan(published);
    expect(await uncached()).toEqual(before);
  });

  it('gives the same index when it reads the versions in small batches', async () => {
    const before = await uncached();
    const indexer = getStrapi().plugin('search').service('indexer');
    const inOneBatch: number = await indexer.rebuild(1_000_000);
    const inBatchesOfSeven: number = await indexer.rebuild(7);
    expect(inBatchesOfSeven).toBe(inOneBatch);
    expect(await uncached()).toEqual(before);
  });

  it('empties the response cache', async () => {
    await anonymous().get('/api/search').query(query);
    expect((await anonymous().get('/api/search').query(query)).headers['x-cache']).toBe('HIT');
    await getStrapi().plugin('search').service('indexer').rebuild();
    expect((await anonymous().get('/api/search').query(query)).headers['x-cache']).toBe('MISS');
  });
});
