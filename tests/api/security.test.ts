/**
 * The app-level security promises of README "Security", against the running app: the public
 * roles cannot write, auth is rate limited (GHSA-7mqx-wwh4-f9fw), page sizes, GraphQL depth and
 * request sizes are bounded, CORS and security headers are set. The API guards (private fields,
 * drafts, registration, populate depth) are tested in tests/api/plugins/api-guards/.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import request from 'supertest';
import { anonymous, baseUrl, graphql, tokenHeader } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';
import { createWebsiteUser, deleteWebsiteUser, type WebsiteUser } from '../helpers/security';

const CITY = 'api::city.city';

let websiteUser: WebsiteUser;
/** A published city the public roles try to change. */
let ownedCity: string;

beforeAll(async () => {
  websiteUser = await createWebsiteUser(getStrapi(), `writer-${randomBytes(4).toString('hex')}`, {
    resetPasswordToken: randomBytes(20).toString('hex'),
    confirmationToken: randomBytes(20).toString('hex'),
  });
  const owned = await request(baseUrl())
    .post('/api/cities?locale=de')
    .set(tokenHeader())
    .send({ data: { name: 'Sicherheitsstadt' } })
    .expect(201);
  ownedCity = owned.body.data.documentId;
});

afterAll(async () => {
  const strapi = getStrapi();
  if (ownedCity) await strapi.documents(CITY).delete({ documentId: ownedCity, locale: '*' });
  if (websiteUser) await deleteWebsiteUser(strapi, websiteUser.id);
});

/** The anonymous client and the Authenticated role, for tests that apply to both. */
const publicRoles: Array<[string, () => Record<string, string>]> = [
  ['Public (anonymous)', () => ({})],
  ['Authenticated (website user)', () => ({ Authorization: `Bearer ${websiteUser.jwt}` })],
];

describe('the public roles only read published content', () => {
  it.each(publicRoles)('%s cannot create, update or delete over REST', async (_role, headers) => {
    const before = await getStrapi().db.query(CITY).count();
    const created = await anonymous()
      .post('/api/cities')
      .set(headers())
      .send({ data: { name: 'X' } });
    const updated = await anonymous()
      .put(`/api/cities/${ownedCity}`)
      .set(headers())
      .send({ data: { name: 'Gekapert' } });
    const deleted = await anonymous().delete(`/api/cities/${ownedCity}`).set(headers());
    expect([created.status, updated.status, deleted.status]).toEqual([403, 403, 403]);
    expect(await getStrapi().db.query(CITY).count()).toBe(before);
    const city = await anonymous().get(`/api/cities/${ownedCity}`).expect(200);
    expect(city.body.data.name).toBe('Sicherheitsstadt');
  });

  it.each(publicRoles)('%s cannot write over GraphQL', async (_role, headers) => {
    const res = await request(baseUrl())
      .post('/graphql')
      .set(headers())
      .send({ query: 'mutation { createCity(data: { name: "X" }) { documentId } }' });
    expect(res.body.data?.createCity ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it.each(publicRoles)('%s cannot list /api/users', async (_role, headers) => {
    const res = await anonymous().get('/api/users').set(headers());
    expect(res.status).toBe(403);
    expect(res.body.data).toBeNull();
  });
});

describe('GraphQL relations follow the permissions of the caller', () => {
  /** An API token allowed to read cities only (not their countries). */
  let citiesOnly: { id: number; accessKey: string } | undefined;

  beforeAll(async () => {
    citiesOnly = (await getStrapi()
      .service('admin::api-token')
      .create({
        name: `graphql relation permissions ${randomBytes(4).toString('hex')}`,
        type: 'custom',
        lifespan: null,
        permissions: [`${CITY}.find`],
      })) as { id: number; accessKey: string };
  });

  afterAll(async () => {
    if (citiesOnly) await getStrapi().service('admin::api-token').revoke(citiesOnly.id);
  });

  const query = '{ cities(locale: "en", pagination: { pageSize: 3 }) { name country { name } } }';

  it('answers a relation the caller may not read with Forbidden for every parent, in any order', async () => {
    // Anonymous (the Public role reads countries), the limited token, anonymous again: the
    // permission check of one request is never reused by another.
    for (const headers of [
      {},
      { Authorization: `Bearer ${citiesOnly?.accessKey}` },
      {},
      { Authorization: `Bearer ${citiesOnly?.accessKey}` },
    ]) {
      const res = await anonymous().post('/graphql').set(headers).send({ query }).expect(200);
      const cities = res.body.data.cities as Array<{ name: string; country: unknown }>;
      expect(cities).toHaveLength(3);
      if (headers.Authorization) {
        expect(cities.map((city) => city.country)).toEqual([null, null, null]);
        expect(
          (res.body.errors as Array<{ message: string; path: unknown[] }>).map((error) => [
            error.message,
            error.path,
          ])
        ).toEqual([0, 1, 2].map((index) => ['Forbidden access', ['cities', index, 'country']]));
      } else {
        expect(res.body.errors).toBeUndefined();
        expect(
          cities.every((city) => typeof (city.country as { name: string }).name === 'string')
        ).toBe(true);
      }
    }
  });
});

describe('auth rate limit', () => {
  afterAll(() => {
    // The limiter keeps its counters in memory for the window (5 min): clear them so that
    // other test files may log in. Strapi was loaded outside jest's module registry, hence
    // Node's own require to reach the same module instance.
    const nodeRequire = createRequire(path.resolve(__dirname, '..', '..', 'package.json'));
    const { Stores } = nodeRequire('koa2-ratelimit') as {
      Stores: { Memory: { cleanAll(): void } };
    };
    Stores.Memory.cleanAll();
  });

  it('answers the 6th failed login with 429, also when email and X-Forwarded-For change', async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const res = await anonymous()
        .post('/api/auth/local')
        .set('X-Forwarded-For', `203.0.113.${attempt}`)
        .send({
          identifier: `guess-${attempt}@example.com`,
          email: `rotate-${attempt}@example.com`,
          password: 'wrong-password',
        });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.name).toBe('RateLimitError');
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });
});

describe('limits', () => {
  it('refuses a REST pageSize or limit above 100, naming the parameter', async () => {
    const res = await anonymous().get('/api/cities?pagination[pageSize]=1000').expect(400);
    expect(res.body.error.message).toBe('pagination[pageSize] must be at most 100');
    const limit = await anonymous().get('/api/cities?pagination[limit]=1000').expect(400);
    expect(limit.body.error.message).toBe('pagination[limit] must be at most 100');
    const full = await anonymous().get('/api/cities?pagination[pageSize]=100').expect(200);
    expect(full.body.data).toHaveLength(100);
  });

  it('refuses GraphQL queries deeper than the depth limit', async () => {
    const res = await graphql(
      '{ cities(pagination: { pageSize: 1 }) { country { cities { country { cities { country { cities { country { name } } } } } } } } }'
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth of 5/);
  });

  it('answers bodies over 1 MB with 413 and stores nothing', async () => {
    const before = await getStrapi().db.query(CITY).count();
    const big = { data: { name: 'x'.repeat(1024 * 1024 + 10) } };
    const withToken = await anonymous().post('/api/cities').set(tokenHeader()).send(big);
    expect(withToken.status).toBe(413);
    expect(withToken.body.error.name).toBe('PayloadTooLargeError');
    const gql = await request(baseUrl())
      .post('/graphql')
      .send({
        query: `{ cities(filters: { name: { eq: "${'x'.repeat(1024 * 1024)}" } }) { name } }`,
      });
    expect(gql.status).toBe(413);
    expect(await getStrapi().db.query(CITY).count()).toBe(before);
  });
});

describe('CORS and security headers', () => {
  it('lets any origin read without credentials by default (CORS_ORIGINS unset)', async () => {
    const res = await anonymous()
      .get('/api/network-goals')
      .set('Origin', 'https://some-website.example')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://some-website.example');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await anonymous()
      .options('/graphql')
      .set('Origin', 'https://some-website.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each(['/api/cities?pagination[pageSize]=1', '/graphql'])(
    'sets the security headers on %s',
    async (url) => {
      const res =
        url === '/graphql'
          ? await graphql('{ networkGoals { title } }')
          : await anonymous().get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
    }
  );
});
