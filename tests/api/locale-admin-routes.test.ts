/**
 * The locale lifecycle's admin routes (/translations/locales, the admin page "Languages"): the
 * same service and errors as `npm run i18n:locale`, over HTTP with an admin session. A super
 * admin may change locales; an editor (Redaktion) without "Manage languages" may only list them.
 * Every bad input is a 400 naming the problem, and leaves the locales, roles and settings as
 * they were.
 */
import request from 'supertest';
import { baseUrl } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { EDITOR_ROLE_CODE, translatorRoleCode } from '../../src/lib/admin/roles';

const FR = 'fr';
const PASSWORD = 'LocaleRoutes2026';
const ROUTES = '/translations/locales';

interface LocaleState {
  code: string;
  name: string;
  isDefault: boolean;
  launched: boolean;
  fallback: string[];
  percent: number;
  coverage: Array<{ uid: string; total: number; translated: number; versions: number }>;
}

const users: Array<{ id: number }> = [];
let manager = '';
let editor = '';
let documentId = '';

async function logIn(email: string, roleId: number): Promise<string> {
  const user = await getStrapi()
    .service('admin::user')
    .create({
      email,
      firstname: 'Test',
      lastname: 'Locales',
      password: PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [roleId],
    });
  users.push(user);
  const login = await request(baseUrl()).post('/admin/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return login.body.data.token as string;
}

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const api = () => request(baseUrl());

const localeCodes = async (): Promise<string[]> =>
  (await getStrapi().plugin('i18n').service('locales').find())
    .map((locale: { code: string }) => locale.code)
    .sort();
const roleOf = (code: string) =>
  getStrapi()
    .service('admin::role')
    .findOne({ code: translatorRoleCode(code) });
const settingsOf = async (code: string) =>
  (await getStrapi().plugin('locale-fallback').service('locales').settings()).settings[code];

beforeAll(async () => {
  const strapi = getStrapi();
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  manager = await logIn('manager@locale-routes.test', superAdmin.id);
  const redaktion = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  editor = await logIn('redaktion@locale-routes.test', redaktion.id);
});

afterAll(async () => {
  const strapi = getStrapi();
  if (documentId) await deleteDocument(CITY, documentId);
  if ((await localeCodes()).includes(FR)) {
    await api().delete(`${ROUTES}/${FR}?export=true`).set(as(manager));
  }
  // The user service refuses to delete the last super admin; this database has no other.
  for (const user of users) await strapi.db.query('admin::user').delete({ where: { id: user.id } });
});

describe('listing', () => {
  it('shows every locale with state, chain and coverage to any admin', async () => {
    const response = await api().get(ROUTES).set(as(editor));
    expect(response.status).toBe(200);
    const locales = response.body.locales as LocaleState[];
    expect(
      locales.map(({ code, isDefault, launched, fallback }) => ({
        code,
        isDefault,
        launched,
        fallback,
      }))
    ).toEqual([
      { code: 'de', isDefault: true, launched: true, fallback: [] },
      { code: 'en', isDefault: false, launched: true, fallback: [] },
    ]);
    const en = locales.find((locale) => locale.code === 'en');
    expect(en?.coverage.find((type) => type.uid === CITY)?.total).toBeGreaterThanOrEqual(408);
  });

  it('refuses anonymous requests', async () => {
    expect((await api().get(ROUTES)).status).toBe(401);
  });
});

describe('bad input is a 400 naming the problem, and changes nothing', () => {
  it('refuses changes by an admin without "Manage languages"', async () => {
    const response = await api()
      .post(ROUTES)
      .set(as(editor))
      .send({ code: FR, name: 'Französisch' });
    expect(response.status).toBe(403);
    expect(await localeCodes()).toEqual(['de', 'en']);
  });

  it.each([
    [{ code: 'fr_FR', name: 'X' }, 'Malformed locale code "fr_FR"'],
    [{ code: 'qq', name: 'X' }, 'Unknown locale code "qq"'],
    [{ code: 'en', name: 'X' }, 'Locale "en" exists already.'],
    [{ code: FR, name: ' ' }, 'A locale needs a name'],
    [{ code: FR }, '"name" must be a string, got undefined.'],
    [{ code: 7, name: 'X' }, '"code" must be a string, got 7.'],
    [{ code: FR, name: 'X', fallback: 'en' }, '"fallback" must be an array of locale codes'],
    [
      { code: FR, name: 'X', fallback: ['e n'] },
      'Malformed locale code "e n" in the fallback chain.',
    ],
    [
      { code: FR, name: 'X', fallback: ['xx'] },
      'Unknown locale "xx" in the fallback chain of "fr"',
    ],
    [{ code: FR, name: 'X', fallback: ['fr'] }, 'cannot contain "fr"'],
  ])('POST %j → 400 %s', async (body, message) => {
    const response = await api().post(ROUTES).set(as(manager)).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
    expect(await localeCodes()).toEqual(['de', 'en']);
    expect(await roleOf(FR)).toBeNull();
    expect(await settingsOf(FR)).toBeUndefined();
  });

  it('refuses to launch twice, to unlaunch or remove the default locale, an unknown locale', async () => {
    const launchEn = await api().post(`${ROUTES}/en/launch`).set(as(manager)).send({});
    expect(launchEn.status).toBe(400);
    expect(launchEn.body.error.message).toBe('Locale "en" is already launched.');
    // The reason and its values: what the languages page says in the admin's language.
    expect(launchEn.body.error.details).toEqual({
      reason: 'alreadyLaunched',
      values: { code: 'en' },
    });
    const unlaunchDe = await api().post(`${ROUTES}/de/unlaunch`).set(as(manager));
    expect(unlaunchDe.status).toBe(400);
    expect(unlaunchDe.body.error.message).toBe(
      'Locale "de" is the default locale: it is always launched.'
    );
    expect(unlaunchDe.body.error.details).toEqual({
      reason: 'defaultAlwaysLaunched',
      values: { code: 'de' },
    });
    const removeDe = await api().delete(`${ROUTES}/de`).set(as(manager));
    expect(removeDe.status).toBe(400);
    expect(removeDe.body.error.message).toBe(
      'Locale "de" is the default locale: it cannot be removed.'
    );
    const unknown = await api().post(`${ROUTES}/it/launch`).set(as(manager)).send({});
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('Unknown locale "it". Locales: de, en.');
    expect(unknown.body.error.details).toEqual({
      reason: 'unknownLocale',
      values: { code: 'it', locales: 'de, en' },
    });
    const cycle = await api()
      .put(`${ROUTES}/en/fallback`)
      .set(as(manager))
      .send({ fallback: ['de'] });
    expect(cycle.status).toBe(200);
    const back = await api()
      .put(`${ROUTES}/de/fallback`)
      .set(as(manager))
      .send({ fallback: ['en'] });
    expect(back.status).toBe(400);
    expect(back.body.error.message).toBe('The fallback chain of "de" makes a cycle: de → en → de.');
    expect(back.body.error.details).toEqual({
      reason: 'chainCycle',
      values: { code: 'de', cycle: 'de → en → de' },
    });
    await api().put(`${ROUTES}/en/fallback`).set(as(manager)).send({ fallback: [] });
    expect((await settingsOf('en'))?.fallback).toEqual([]);
    expect((await settingsOf('de'))?.fallback).toEqual([]);
  });
});

describe('the lifecycle of fr through the routes', () => {
  it('adds fr unlaunched with its chain and its translator role', async () => {
    const response = await api()
      .post(ROUTES)
      .set(as(manager))
      .send({ code: FR, name: 'Französisch', fallback: ['en', 'de'] });
    expect(response.status).toBe(201);
    expect(response.body.locale).toMatchObject({
      code: FR,
      name: 'Französisch',
      launched: false,
      fallback: ['en', 'de'],
      percent: 0,
    });
    expect((await roleOf(FR))?.name).toBe('Übersetzung (fr)');
  });

  it('refuses an unlaunched chain member and bad launch options', async () => {
    const chain = await api()
      .put(`${ROUTES}/en/fallback`)
      .set(as(manager))
      .send({ fallback: [FR] });
    expect(chain.status).toBe(400);
    expect(chain.body.error.message).toBe(
      'Locale "fr" in the fallback chain of "en" is not launched. Launched locales: de, en.'
    );
    const text = await api()
      .post(`${ROUTES}/${FR}/launch`)
      .set(as(manager))
      .send({ minCoverage: '90' });
    expect(text.status).toBe(400);
    expect(text.body.error.message).toBe('"minCoverage" must be a number, got "90".');
    const range = await api()
      .post(`${ROUTES}/${FR}/launch`)
      .set(as(manager))
      .send({ minCoverage: 120 });
    expect(range.status).toBe(400);
    expect(range.body.error.message).toBe(
      '--min-coverage must be a number from 0 to 100, got 120.'
    );
    expect((await settingsOf(FR))?.launched).toBe(false);
  });

  it('refuses to launch below the threshold without force, then launches with force', async () => {
    const refused = await api()
      .post(`${ROUTES}/${FR}/launch`)
      .set(as(manager))
      .send({ minCoverage: 90 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^Locale "fr" is \d+(\.\d)? % translated, below --min-coverage 90 %/
    );
    expect(refused.body.error.details).toMatchObject({
      reason: 'belowCoverage',
      values: { code: FR, minCoverage: '90' },
    });
    expect((await settingsOf(FR))?.launched).toBe(false);
    const forced = await api()
      .post(`${ROUTES}/${FR}/launch`)
      .set(as(manager))
      .send({ minCoverage: 90, force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.locale).toMatchObject({ code: FR, launched: true });
    expect((await request(baseUrl()).get('/api/cities?locale=fr')).status).toBe(200);
    const twice = await api().post(`${ROUTES}/${FR}/launch`).set(as(manager)).send({});
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe('Locale "fr" is already launched.');
  });

  it('changes the chain and unlaunches', async () => {
    const chain = await api()
      .put(`${ROUTES}/${FR}/fallback`)
      .set(as(manager))
      .send({ fallback: ['de'] });
    expect(chain.status).toBe(200);
    expect(chain.body.locale.fallback).toEqual(['de']);
    const unlaunched = await api().post(`${ROUTES}/${FR}/unlaunch`).set(as(manager));
    expect(unlaunched.status).toBe(200);
    expect(unlaunched.body.locale.launched).toBe(false);
    expect((await request(baseUrl()).get('/api/cities?locale=fr')).status).toBe(400);
  });

  it('refuses to remove fr while it has translations, then exports them in the answer and removes it', async () => {
    documentId = await createDocument(
      CITY,
      {
        de: { name: 'Routenteststadt', key: 'locale-routes-city', memberSince: 2019 },
        fr: { name: 'Ville des routes' },
      },
      ['de', FR]
    );
    const refused = await api().delete(`${ROUTES}/${FR}`).set(as(manager));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^Locale "fr" has 1 translated document version\(s\): export them/
    );
    expect(await localeCodes()).toEqual(['de', 'en', FR]);
    const badFlag = await api().delete(`${ROUTES}/${FR}?export=yes`).set(as(manager));
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.message).toBe('"export" must be true or false, got "yes".');

    const removed = await api().delete(`${ROUTES}/${FR}?export=true`).set(as(manager));
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ removed: FR, exported: expect.any(Number) });
    expect(removed.body.exported).toBeGreaterThan(0);
    expect(removed.body.xliff).toContain('Ville des routes');
    expect(removed.body.xliff).toContain('trgLang="fr"');
    expect(await localeCodes()).toEqual(['de', 'en']);
    expect(await roleOf(FR)).toBeNull();
    expect(await settingsOf(FR)).toBeUndefined();
  });
});
