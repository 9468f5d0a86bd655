/**
 * A translator's role writes only its own locale, on every write path of the content manager and
 * of the translations plugin (the guard: src/plugins/translations/server/src/content-manager-locales.ts).
 * Strapi checks some of them only against "may create in some locale": without the guard, a
 * translator of fr could create en versions with `PUT …/:id?locale=en`. The test adds fr with its
 * role `Übersetzung (fr)` and tries each path into en.
 */
import request from 'supertest';
import { baseUrl } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { exportXliff } from '../helpers/xliff-export';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';
import { translatorRoleCode } from '../../src/lib/admin/roles';

const FR = 'fr';
const EMAIL = 'uebersetzung-fr@translator-locales.test';
const PASSWORD = 'TranslatorLocales2026';
const CM = `/content-manager/collection-types/${CITY}`;
const XLIFF = 'application/xliff+xml';

const api = () => request(baseUrl());
let auth: Record<string, string> = {};
let userId: number | undefined;
/** A city with a German version only. */
let germanOnly = '';
/** A city with German and English versions, English published. */
let bilingual = '';

const versions = async (documentId: string, locale: string): Promise<number> =>
  getStrapi().db.query(CITY).count({ where: { documentId, locale } });
const cityCount = (): Promise<number> => getStrapi().db.query(CITY).count();
const englishName = async (documentId: string): Promise<string | undefined> =>
  ((await getStrapi().documents(CITY).findOne({ documentId, locale: 'en' })) as { name?: string })
    ?.name;

/**
 * A 403 naming the locale; `publish` has none to name: the role may not publish at all, so
 * Strapi's route policy refuses it before the guard looks at the locale.
 */
const forbiddenInEn = (response: request.Response, verb: string) => {
  expect(response.status).toBe(403);
  if (verb === 'publish') return;
  expect(response.body.error.message).toBe(
    `Your role may not ${verb} the "en" version of ${CITY}: it is limited to other locales.`
  );
};

beforeAll(async () => {
  const strapi = getStrapi();
  await localeLifecycle(strapi).add({ code: FR, name: 'Französisch', fallback: ['en'] });
  germanOnly = await createDocument(
    CITY,
    { de: { name: 'Nurdeutschstadt', key: 'translator-locales-de', memberSince: 2020 } },
    ['de']
  );
  bilingual = await createDocument(CITY, {
    de: { name: 'Zweisprachstadt', key: 'translator-locales-both', memberSince: 2019 },
    en: { name: 'Bilingual Town' },
  });
  const role = await strapi.service('admin::role').findOne({ code: translatorRoleCode(FR) });
  const user = await strapi.service('admin::user').create({
    email: EMAIL,
    firstname: 'Traduction',
    lastname: 'fr',
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  userId = user.id;
  const login = await api().post('/admin/login').send({ email: EMAIL, password: PASSWORD });
  expect(login.status).toBe(200);
  auth = { Authorization: `Bearer ${login.body.data.token as string}` };
});

afterAll(async () => {
  const strapi = getStrapi();
  if (userId !== undefined) await strapi.service('admin::user').deleteById(userId);
  if (germanOnly) await deleteDocument(CITY, germanOnly);
  if (bilingual) await deleteDocument(CITY, bilingual);
  const codes = (await strapi.plugin('i18n').service('locales').find()).map(
    (locale: { code: string }) => locale.code
  );
  if (codes.includes(FR)) await removeLocale(strapi, FR, { exportTo: '/dev/null' });
});

describe('Übersetzung (fr) in the content manager', () => {
  it('cannot create an en version by saving a document in en (PUT ?locale=en)', async () => {
    const response = await api()
      .put(`${CM}/${germanOnly}?locale=en`)
      .set(auth)
      .send({ name: 'Not my locale' });
    forbiddenInEn(response, 'create');
    expect(await versions(germanOnly, 'en')).toBe(0);
  });

  it('cannot update an existing en version', async () => {
    const response = await api()
      .put(`${CM}/${bilingual}?locale=en`)
      .set(auth)
      .send({ name: 'Not my locale' });
    forbiddenInEn(response, 'update');
    expect(await englishName(bilingual)).toBe('Bilingual Town');
  });

  it('still creates and updates its own fr version', async () => {
    const created = await api()
      .put(`${CM}/${germanOnly}?locale=${FR}`)
      .set(auth)
      .send({ name: 'Ville seulement allemande' });
    expect(created.status).toBe(200);
    expect(await versions(germanOnly, FR)).toBe(1);
    const updated = await api()
      .put(`${CM}/${germanOnly}?locale=${FR}`)
      .set(auth)
      .send({ name: 'Ville allemande' });
    expect(updated.status).toBe(200);
  });

  it('cannot create a new document in en', async () => {
    const before = await cityCount();
    const response = await api()
      .post(`${CM}?locale=en`)
      .set(auth)
      .send({ name: 'New in en', key: 'translator-locales-new' });
    forbiddenInEn(response, 'create');
    expect(await cityCount()).toBe(before);
  });

  it.each(['clone', 'auto-clone'])('cannot %s a document into en', async (path) => {
    const before = await cityCount();
    const response = await api()
      .post(`${CM}/${path}/${bilingual}?locale=en`)
      .set(auth)
      .send({ name: 'Cloned', key: `translator-locales-${path}` });
    forbiddenInEn(response, 'create');
    expect(await cityCount()).toBe(before);
  });

  it.each(['publish', 'unpublish'])('cannot %s the en version', async (action) => {
    const before = await getStrapi()
      .db.query(CITY)
      .count({ where: { documentId: bilingual, locale: 'en', publishedAt: { $notNull: true } } });
    const response = await api()
      .post(`${CM}/${bilingual}/actions/${action}?locale=en`)
      .set(auth)
      .send({});
    forbiddenInEn(response, 'publish');
    const after = await getStrapi()
      .db.query(CITY)
      .count({ where: { documentId: bilingual, locale: 'en', publishedAt: { $notNull: true } } });
    expect(after).toBe(before);
  });

  it('cannot publish a new en version in one step (create and publish)', async () => {
    const response = await api()
      .post(`${CM}/${germanOnly}/actions/publish?locale=en`)
      .set(auth)
      .send({ name: 'Published in en' });
    forbiddenInEn(response, 'publish');
    expect(await versions(germanOnly, 'en')).toBe(0);
  });

  it('cannot discard the en draft', async () => {
    await getStrapi()
      .documents(CITY)
      .update({ documentId: bilingual, locale: 'en', data: { name: 'Draft change' } as never });
    try {
      const response = await api()
        .post(`${CM}/${bilingual}/actions/discard?locale=en`)
        .set(auth)
        .send({});
      forbiddenInEn(response, 'update');
      expect(await englishName(bilingual)).toBe('Draft change');
    } finally {
      await getStrapi()
        .documents(CITY)
        .update({ documentId: bilingual, locale: 'en', data: { name: 'Bilingual Town' } as never });
    }
  });

  it('cannot delete the en version', async () => {
    const response = await api().delete(`${CM}/${bilingual}?locale=en`).set(auth);
    forbiddenInEn(response, 'delete');
    expect(await versions(bilingual, 'en')).toBeGreaterThan(0);
  });

  it.each([
    ['bulkDelete', 'delete'],
    ['bulkPublish', 'publish'],
    ['bulkUnpublish', 'publish'],
  ])('cannot %s en versions', async (action, verb) => {
    const before = await getStrapi()
      .db.query(CITY)
      .findMany({ where: { documentId: bilingual, locale: 'en' }, select: ['id', 'publishedAt'] });
    const response = await api()
      .post(`${CM}/actions/${action}?locale=en`)
      .set(auth)
      .send({ documentIds: [bilingual] });
    forbiddenInEn(response, verb);
    const after = await getStrapi()
      .db.query(CITY)
      .findMany({ where: { documentId: bilingual, locale: 'en' }, select: ['id', 'publishedAt'] });
    expect(after).toEqual(before);
  });
});

describe('Übersetzung (fr) in the translations plugin', () => {
  it('cannot set a review state of the en version', async () => {
    const response = await api()
      .put('/translations/state')
      .set(auth)
      .send({ type: CITY, documentId: bilingual, locale: 'en', state: 'translated' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(`no permission to edit the "en" version of ${CITY}`);
  });

  it('cannot import an en XLIFF file, not even as a dry run; nothing is written', async () => {
    const unit = new RegExp(
      `(<unit id="${CITY}:${bilingual}:name"[\\s\\S]*?<target>)[^<]*(</target>)`
    );
    const xml = (await exportXliff(`target=en&type=${CITY}`)).replace(unit, '$1Imported into en$2');
    expect(xml).toContain('Imported into en');
    for (const query of ['', '?dryRun=true']) {
      const response = await api()
        .post(`/translations/import${query}`)
        .set(auth)
        .set('Content-Type', XLIFF)
        .send(xml);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        `Your role may not write the "en" versions of ${CITY}: the file's target locale is not one of your role's.`
      );
    }
    expect(await englishName(bilingual)).toBe('Bilingual Town');
  });

  it('imports an fr file, but may not publish it', async () => {
    const xml = await exportXliff(`target=${FR}&type=${CITY}`);
    const dryRun = await api()
      .post('/translations/import?dryRun=true')
      .set(auth)
      .set('Content-Type', XLIFF)
      .send(xml);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.targetLocale).toBe(FR);
    const publish = await api()
      .post('/translations/import?publish=true')
      .set(auth)
      .set('Content-Type', XLIFF)
      .send(xml);
    expect(publish.status).toBe(403);
    expect(publish.body.error.message).toBe(
      `Your role may not publish the "fr" versions of ${CITY}: import without publish=true.`
    );
  });
});
