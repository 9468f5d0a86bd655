/**
 * The editorial admin roles, proven through the admin API as the admin panel uses it: a user of
 * each role logs in at /admin/login and edits a city through /content-manager.
 */
import request from 'supertest';
import type { UID } from '@strapi/strapi';
import { baseUrl } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';
import { ensureAdminRoles } from '../../src/bootstrap/admin-roles';
import { EDITOR_ROLE_CODE, translatorRoleCode } from '../../src/lib/admin/roles';

const CITY: UID.ContentType = 'api::city.city';
const CM = `/content-manager/collection-types/${CITY}`;
const PASSWORD = 'RoleTest2026';

interface AdminUser {
  id: number;
}

const users: AdminUser[] = [];
let documentId = '';
let editorToken = '';
let translatorToken = '';

async function createAdmin(email: string, roleCode: string): Promise<string> {
  const strapi = getStrapi();
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  expect(role).toBeTruthy();
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  users.push(user);
  const login = await request(baseUrl()).post('/admin/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return login.body.data.token as string;
}

const asUser = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  const strapi = getStrapi();
  // A draft city of its own (invisible to the public API), so the seed stays untouched.
  const created = await strapi.documents(CITY).create({
    locale: 'de',
    data: { name: 'Rollenteststadt', key: 'role-test-city', memberSince: 2020 } as never,
  });
  documentId = created.documentId;
  await strapi.documents(CITY).update({
    documentId,
    locale: 'en',
    data: { name: 'Role Test City' } as never,
  });
  editorToken = await createAdmin('redaktion@roles.test', EDITOR_ROLE_CODE);
  translatorToken = await createAdmin('uebersetzung-en@roles.test', translatorRoleCode('en'));
});

afterAll(async () => {
  const strapi = getStrapi();
  for (const user of users) await strapi.service('admin::user').deleteById(user.id);
  if (documentId) await strapi.documents(CITY).delete({ documentId, locale: '*' });
});

describe('roles at bootstrap', () => {
  it('creates Redaktion and one Übersetzung role per non-default locale', async () => {
    const roles = await getStrapi().service('admin::role').find({});
    const names = roles.map((role: { name: string }) => role.name);
    expect(names).toEqual(expect.arrayContaining(['Redaktion', 'Übersetzung (en)']));
    expect(names).not.toContain('Übersetzung (de)');
  });

  it('is idempotent: applying the roles again changes no permission', async () => {
    const strapi = getStrapi();
    const snapshot = async () =>
      (
        await strapi.db.query('admin::permission').findMany({
          where: { role: { code: { $in: [EDITOR_ROLE_CODE, translatorRoleCode('en')] } } },
          orderBy: { id: 'asc' },
        })
      ).map(
        (permission: { id: number; action: string }) => `${permission.id}:${permission.action}`
      );
    const before = await snapshot();
    await ensureAdminRoles(strapi);
    expect(await snapshot()).toEqual(before);
    const roleCount = await strapi.db.query('admin::role').count({ where: { name: 'Redaktion' } });
    expect(roleCount).toBe(1);
  });
});

describe('Übersetzung (en)', () => {
  it('reads the German version', async () => {
    const response = await request(baseUrl())
      .get(`${CM}/${documentId}?locale=de`)
      .set(asUser(translatorToken));
    expect(response.status).toBe(200);
    expect(response.body.data.name).toBe('Rollenteststadt');
  });

  it('gets 403 when updating the German version, which stays unchanged', async () => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=de`)
      .set(asUser(translatorToken))
      .send({ name: 'Übersetzer war hier' });
    expect(response.status).toBe(403);
    const stored = await getStrapi().documents(CITY).findOne({ documentId, locale: 'de' });
    expect(stored?.name).toBe('Rollenteststadt');
  });

  it('updates the English version', async () => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=en`)
      .set(asUser(translatorToken))
      .send({ name: 'Role Test City (translated)' });
    expect(response.status).toBe(200);
    expect(response.body.data.name).toBe('Role Test City (translated)');
  });

  it('cannot change a shared field (it would change the German version too)', async () => {
    await request(baseUrl())
      .put(`${CM}/${documentId}?locale=en`)
      .set(asUser(translatorToken))
      .send({ name: 'Role Test City (translated)', memberSince: 2004 });
    const german = await getStrapi().documents(CITY).findOne({ documentId, locale: 'de' });
    expect(german?.memberSince).toBe(2020);
  });

  it('gets 403 when publishing the German version', async () => {
    const response = await request(baseUrl())
      .post(`${CM}/${documentId}/actions/publish?locale=de`)
      .set(asUser(translatorToken))
      .send({});
    expect(response.status).toBe(403);
  });
});

describe('Redaktion', () => {
  it.each([
    ['de', 'Rollenteststadt (redigiert)'],
    ['en', 'Role Test City (edited)'],
  ])('updates the %s version', async (locale, name) => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=${locale}`)
      .set(asUser(editorToken))
      .send({ name });
    expect(response.status).toBe(200);
    expect(response.body.data.name).toBe(name);
  });
});

describe('preview', () => {
  it('opens the city on the demo site in the requested locale', async () => {
    const strapi = getStrapi();
    const heidelberg = await strapi
      .documents(CITY)
      .findFirst({ locale: 'en', filters: { key: 'heidelberg' }, status: 'published' });
    expect(heidelberg).toBeTruthy();
    for (const [locale, path] of [
      ['de', '/de/staedte/heidelberg'],
      ['en', '/en/cities/heidelberg'],
    ]) {
      const response = await request(baseUrl())
        .get(`/content-manager/preview/url/${CITY}`)
        .query({ documentId: heidelberg?.documentId, locale, status: 'published' })
        .set(asUser(editorToken));
      expect(response.status).toBe(200);
      expect(response.body.data.url).toBe(`${strapi.config.get('site.publicUrl')}${path}`);
    }
  });

  it('has no page for countries (no preview button)', async () => {
    const country = await getStrapi()
      .documents('api::country.country')
      .findFirst({ locale: 'de', status: 'published', filters: { isoCode: 'PL' } });
    const response = await request(baseUrl())
      .get('/content-manager/preview/url/api::country.country')
      .query({ documentId: country?.documentId, locale: 'de', status: 'published' })
      .set(asUser(editorToken));
    expect(response.status).toBe(204);
  });
});
