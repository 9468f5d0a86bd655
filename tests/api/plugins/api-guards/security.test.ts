/**
 * The API guards against the running app: no private data reaches the public
 * (GHSA-jjqf-j4w7-92w8, GHSA-495j-h493-42q2, GHSA-rjg2-95x7-8qmx), the public roles never read
 * drafts, self-registration stays off, GraphQL pagination above maxLimit and REST populate
 * deeper than populate.maxDepth are refused.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { anonymous, baseUrl, graphql, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { createWebsiteUser, deleteWebsiteUser, type WebsiteUser } from '../../../helpers/security';
import { sensitiveKeys } from '../../../helpers/private-keys';

const CITY = 'api::city.city';
const ADMIN_USER = 'admin::user';

/** Every response body this file sees, scanned for private keys at the end. */
const seenBodies: Array<{ what: string; body: unknown }> = [];
function remember<T extends { body: unknown; text?: string }>(what: string, res: T): T {
  seenBodies.push({ what, body: res.body ?? res.text });
  return res;
}

/** Secrets planted on an admin user and a website user, which no request may reveal. */
const ADMIN_RESET_TOKEN = `a${randomBytes(20).toString('hex')}`;
const USER_RESET_TOKEN = `b${randomBytes(20).toString('hex')}`;
const USER_CONFIRMATION_TOKEN = `c${randomBytes(20).toString('hex')}`;

let adminId: number;
let adminEmail: string;
let websiteUser: WebsiteUser;
/** A published city whose createdBy/updatedBy point at the admin above. */
let ownedCity: string;
/** A city that exists only as a draft. */
let draftCity: string;

beforeAll(async () => {
  const strapi = getStrapi();
  adminEmail = `editor-${randomBytes(4).toString('hex')}@example.com`;
  const admin = await strapi.db.query(ADMIN_USER).create({
    data: {
      firstname: 'Eve',
      lastname: 'Editor',
      email: adminEmail,
      password: 'Secret-Passw0rd!',
      isActive: true,
      resetPasswordToken: ADMIN_RESET_TOKEN,
    },
  });
  adminId = admin.id;

  websiteUser = await createWebsiteUser(strapi, `reader-${randomBytes(4).toString('hex')}`, {
    resetPasswordToken: USER_RESET_TOKEN,
    confirmationToken: USER_CONFIRMATION_TOKEN,
  });

  const owned = await request(baseUrl())
    .post('/api/cities?locale=de')
    .set(tokenHeader())
    .send({ data: { name: 'Sicherheitsstadt' } })
    .expect(201);
  ownedCity = owned.body.data.documentId;
  for (const row of await strapi.db.query(CITY).findMany({ where: { documentId: ownedCity } })) {
    await strapi.db
      .query(CITY)
      .update({ where: { id: row.id }, data: { createdBy: adminId, updatedBy: adminId } });
  }

  const draft = await request(baseUrl())
    .post('/api/cities?locale=de&status=draft')
    .set(tokenHeader())
    .send({ data: { name: 'Entwurfsstadt' } })
    .expect(201);
  draftCity = draft.body.data.documentId;
});

afterAll(async () => {
  const strapi = getStrapi();
  for (const documentId of [ownedCity, draftCity]) {
    if (documentId) await strapi.documents(CITY).delete({ documentId, locale: '*' });
  }
  if (adminId) await strapi.db.query(ADMIN_USER).delete({ where: { id: adminId } });
  if (websiteUser) await deleteWebsiteUser(strapi, websiteUser.id);
});

/** The anonymous client and the Authenticated role, for tests that apply to both. */
const publicRoles: Array<[string, () => Record<string, string>]> = [
  ['Public (anonymous)', () => ({})],
  ['Authenticated (website user)', () => ({ Authorization: `Bearer ${websiteUser.jwt}` })],
];

describe('no private data reaches the public', () => {
  const prefixOf = (secret: string) => secret.slice(0, 6);
  const wrongPrefix = 'zzzzzz';

  /** REST queries that would leak `secret` through a boolean oracle if they were evaluated. */
  const restOracles: Array<[string, (prefix: string) => string, () => string]> = [
    [
      'filter updatedBy.resetPasswordToken',
      (p) => `/api/cities?filters[updatedBy][resetPasswordToken][$startsWith]=${p}`,
      () => ADMIN_RESET_TOKEN,
    ],
    [
      'filter createdBy.email',
      (p) => `/api/cities?filters[createdBy][email][$startsWith]=${p}`,
      () => adminEmail,
    ],
    [
      'filter createdBy.password',
      (p) => `/api/cities?filters[createdBy][password][$startsWith]=${p}`,
      () => '$2',
    ],
    [
      'filter inside $or',
      (p) => `/api/cities?filters[$or][0][updatedBy][resetPasswordToken][$startsWith]=${p}`,
      () => ADMIN_RESET_TOKEN,
    ],
    [
      'filter through a relation',
      (p) => `/api/countries?filters[cities][updatedBy][resetPasswordToken][$startsWith]=${p}`,
      () => ADMIN_RESET_TOKEN,
    ],
    [
      'filter through localizations',
      (p) => `/api/cities?filters[localizations][createdBy][resetPasswordToken][$startsWith]=${p}`,
      () => ADMIN_RESET_TOKEN,
    ],
    [
      'filter in populate',
      (p) =>
        `/api/countries?populate[cities][filters][updatedBy][resetPasswordToken][$startsWith]=${p}`,
      () => ADMIN_RESET_TOKEN,
    ],
    [
      'lookup on createdBy',
      (p) => `/api/cities?lookup[createdBy][email][$startsWith]=${p}`,
      () => adminEmail,
    ],
    [
      'users-permissions users by email',
      (p) => `/api/users?filters[email][$startsWith]=${p}`,
      () => websiteUser.email,
    ],
    [
      'users-permissions users by resetPasswordToken',
      (p) => `/api/users?filters[resetPasswordToken][$startsWith]=${p}`,
      () => USER_RESET_TOKEN,
    ],
  ];

  describe.each(publicRoles)('as %s', (_role, headers) => {
    it.each(restOracles)(
      'REST %s is refused and answers the same for a right and a wrong guess',
      async (_name, url, secret) => {
        const right = remember(
          url(prefixOf(secret())),
          await anonymous()
            .get(url(prefixOf(secret())))
            .set(headers())
        );
        const wrong = remember(
          url(wrongPrefix),
          await anonymous().get(url(wrongPrefix)).set(headers())
        );
        expect([400, 403]).toContain(right.status);
        expect(wrong.status).toBe(right.status);
        expect(wrong.body).toEqual(right.body);
        expect(JSON.stringify(right.body)).not.toContain(secret());
      }
    );

    it.each([
      ['sort on createdBy.email', '/api/cities?sort=createdBy.email:asc'],
      ['sort on updatedBy.password', '/api/cities?sort[0]=updatedBy.password:asc'],
      ['sort on updatedBy.resetPasswordToken', '/api/cities?sort=updatedBy.resetPasswordToken'],
      ['populate createdBy', '/api/cities?populate=createdBy'],
      ['populate updatedBy fields', '/api/cities?populate[updatedBy][fields][0]=email'],
      ['fields createdBy', '/api/cities?fields[0]=createdBy'],
      ['populate * then createdBy', '/api/countries?populate[cities][populate]=createdBy'],
      ['list users', '/api/users'],
      ['one user', `/api/users/1`],
    ])('REST %s is refused with 400/403', async (_name, url) => {
      const res = remember(url, await anonymous().get(url).set(headers()));
      expect([400, 403]).toContain(res.status);
      expect(res.body.data).toBeNull();
    });

    it('GraphQL filters and sorts on createdBy/updatedBy are refused, right and wrong guess alike', async () => {
      const query = (prefix: string) =>
        `{ cities(filters: { updatedBy: { resetPasswordToken: { startsWith: "${prefix}" } } }) { name } }`;
      const send = (q: string) =>
        request(baseUrl()).post('/graphql').set(headers()).send({ query: q });
      const right = remember('gql filter', await send(query(prefixOf(ADMIN_RESET_TOKEN))));
      const wrong = remember('gql filter', await send(query(wrongPrefix)));
      expect(right.status).toBe(400);
      expect(right.body.errors[0].message).toMatch(/updatedBy/);
      expect(wrong.status).toBe(right.status);
      expect(wrong.body).toEqual(right.body);

      const sorted = remember(
        'gql sort',
        await send('{ cities(sort: "updatedBy.resetPasswordToken:asc") { name } }')
      );
      expect(sorted.body.data?.cities ?? null).toBeNull();
      expect(sorted.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

      const users = remember('gql users', await send('{ usersPermissionsUsers { email } }'));
      expect(users.body.data?.usersPermissionsUsers ?? null).toBeNull();
      expect(users.body.errors[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  it('no response of the content API contains a private key', async () => {
    const urls = [
      '/api/cities?populate=*&pagination[pageSize]=100',
      '/api/cities?locale=en&populate[country][populate]=*&pagination[pageSize]=20',
      `/api/cities/${ownedCity}?populate=*`,
      '/api/countries?populate=*',
      '/api/creative-fields?populate=*&locale=en',
      '/api/network-goals?populate=*',
      '/api/network?populate=*',
      '/api/i18n/locales',
      '/api/users/me',
    ];
    for (const url of urls) {
      remember(url, await anonymous().get(url));
      remember(
        url,
        await anonymous()
          .get(url)
          .set({ Authorization: `Bearer ${websiteUser.jwt}` })
      );
      remember(url, await anonymous().get(url).set(tokenHeader()));
    }
    remember(
      'gql all',
      await graphql(`
        {
          cities(pagination: { pageSize: 50 }) {
            documentId
            name
            createdAt
            localizations {
              name
            }
            country {
              name
              cities {
                name
              }
            }
            creativeField {
              name
            }
          }
          network {
            title
            links {
              label
              url
            }
          }
          networkGoals {
            title
          }
        }
      `)
    );

    const leaks = seenBodies.flatMap(({ what, body }) =>
      sensitiveKeys(body).map((key) => `${what}: ${key}`)
    );
    expect(leaks).toEqual([]);
    const text = JSON.stringify(seenBodies);
    for (const secret of [
      ADMIN_RESET_TOKEN,
      USER_RESET_TOKEN,
      USER_CONFIRMATION_TOKEN,
      adminEmail,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(seenBodies.length).toBeGreaterThan(50);
  });
});

describe('the public roles never read drafts', () => {
  it.each(publicRoles)(
    '%s cannot read a draft over REST (status=draft is refused)',
    async (_role, headers) => {
      const list = remember(
        'drafts',
        await anonymous()
          .get('/api/cities?status=draft&filters[name][$eq]=Entwurfsstadt')
          .set(headers())
      );
      expect(list.status).toBe(403);
      expect(list.body.error.message).toMatch(/Drafts are not public/);
      const one = remember(
        'draft',
        await anonymous().get(`/api/cities/${draftCity}?status=draft`).set(headers())
      );
      expect(one.status).toBe(403);
      const published = await anonymous().get(`/api/cities/${draftCity}`).set(headers());
      expect(published.status).toBe(404);
      expect(JSON.stringify([list.body, one.body, published.body])).not.toContain('Entwurfsstadt');
    }
  );

  it.each(publicRoles)('%s cannot read a draft over GraphQL', async (_role, headers) => {
    const send = (query: string) =>
      request(baseUrl()).post('/graphql').set(headers()).send({ query });
    const list = await send(
      '{ cities(status: DRAFT, filters: { name: { eq: "Entwurfsstadt" } }) { name } }'
    );
    expect(list.body.data?.cities ?? null).toBeNull();
    expect(list.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const one = await send(`{ city(documentId: "${draftCity}") { name } }`);
    expect(one.body.data.city).toBeNull();
  });

  it('an API token still reads the draft (it exists)', async () => {
    const res = await anonymous()
      .get(`/api/cities/${draftCity}?status=draft`)
      .set(tokenHeader())
      .expect(200);
    expect(res.body.data.name).toBe('Entwurfsstadt');
  });
});

describe('registration', () => {
  it('is disabled: register answers 400 and creates no user', async () => {
    const users = await getStrapi().db.query('plugin::users-permissions.user').count();
    const res = await anonymous()
      .post('/api/auth/local/register')
      .send({ username: 'mallory', email: 'mallory@example.com', password: 'Passw0rd!x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Register action is currently disabled');
    expect(await getStrapi().db.query('plugin::users-permissions.user').count()).toBe(users);
  });

  it('when switched on, refuses role, confirmed and blocked in the body (mass assignment)', async () => {
    const store = getStrapi().store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: true } });
    try {
      const users = await getStrapi().db.query('plugin::users-permissions.user').count();
      const res = await anonymous().post('/api/auth/local/register').send({
        username: 'mallory',
        email: 'mallory@example.com',
        password: 'Passw0rd!x',
        role: 1,
        confirmed: true,
        blocked: false,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid parameters: role, confirmed, blocked/);
      expect(await getStrapi().db.query('plugin::users-permissions.user').count()).toBe(users);
    } finally {
      await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
    }
  });
});

describe('limits', () => {
  it('refuses GraphQL pagination above 100 with a clear error', async () => {
    for (const pagination of ['{ limit: 1000 }', '{ pageSize: 101 }']) {
      const res = await graphql(`{ cities(pagination: ${pagination}) { name } }`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/at most 100 entries per request are allowed/);
    }
    const variables = await graphql(
      'query($p: PaginationArg) { cities(pagination: $p) { name } }',
      {
        p: { limit: 500 },
      }
    );
    expect(variables.status).toBe(400);
    expect(variables.body.errors[0].message).toBe(
      'pagination.limit is 500; at most 100 entries per request are allowed'
    );
    const ok = await graphql('{ cities(pagination: { pageSize: 100 }) { name } }').expect(200);
    expect(ok.body.data.cities).toHaveLength(100);
  });

  it('refuses populate nested deeper than 3 levels with 400, before querying', async () => {
    for (const url of [
      '/api/cities?populate[country][populate][cities][populate][country][populate]=*',
      '/api/cities?populate=country.cities.country.cities',
      '/api/cities?populate[0]=country.cities.creativeField.cities',
    ]) {
      const res = await anonymous().get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('populate nests 4 levels deep; at most 3 are allowed');
    }
    const ok = await anonymous()
      .get(
        '/api/cities?populate[country][populate][cities][populate]=creativeField&pagination[pageSize]=1'
      )
      .expect(200);
    expect(ok.body.data[0].country.cities[0].creativeField).toBeDefined();
  });
});
