/**
 * Version history over every write path (REST, GraphQL, Document Service, seed, XLIFF import),
 * read and restored through the Content API (/api/history, API tokens only) and the admin routes
 * of the edit-view side panel, with their permissions, retention and bad input.
 */
import { randomBytes } from 'node:crypto';
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { exportXliff } from '../../../helpers/xliff-export';
import { sideOf, type DiffPart } from '@creative-cities/word-diff';

const CITY = 'api::city.city' satisfies UID.ContentType;
const COUNTRY = 'api::country.country' satisfies UID.ContentType;
const ENTRY = 'plugin::history.history-entry';
const PASSWORD = 'HistoryTest2026';

interface Summary {
  id: number;
  createdAt: string;
  action: string;
  locale: string | null;
  status: 'draft' | 'published';
  author: { kind: string; name: string };
  changedFields: string[];
  restoredFrom: number | null;
}

const api = () => request(baseUrl());
const documents = () => getStrapi().documents(CITY);
const paragraphs = (...texts: string[]) =>
  texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
const unique = () => randomBytes(4).toString('hex');

const created: string[] = [];
const countries: string[] = [];
const tokens: number[] = [];
const users: number[] = [];

/** A draft city in de (and en when given), made through the Document Service. */
async function createCity(name: string, en?: string): Promise<string> {
  const city = await documents().create({
    locale: 'de',
    data: {
      key: `history-${unique()}`,
      name,
      description: paragraphs(`${name} am Fluss.`),
    } as never,
  });
  created.push(city.documentId);
  if (en)
    await documents().update({
      documentId: city.documentId,
      locale: 'en',
      data: { name: en } as never,
    });
  return city.documentId;
}

/** A draft country with a user-assigned ISO code (no real country has it). */
async function createCountry(name: string, isoCode: string): Promise<{ documentId: string }> {
  const country = await getStrapi()
    .documents(COUNTRY)
    .create({ locale: 'de', data: { name, isoCode } as never });
  countries.push(country.documentId);
  return country;
}

async function versions(
  documentId: string,
  locale = 'de',
  headers: Record<string, string> = tokenHeader()
): Promise<Summary[]> {
  const res = await api()
    .get('/api/history/versions')
    .set(headers)
    .query({ uid: CITY, documentId, locale });
  expect(res.status).toBe(200);
  return res.body.data as Summary[];
}

async function customToken(permissions: string[]): Promise<Record<string, string>> {
  const token = (await getStrapi()
    .service('admin::api-token')
    .create({ name: `history ${unique()}`, type: 'custom', lifespan: null, permissions })) as {
    id: number;
    accessKey: string;
  };
  tokens.push(token.id);
  return { Authorization: `Bearer ${token.accessKey}` };
}

async function adminLogin(roleCode: string): Promise<Record<string, string>> {
  const strapi = getStrapi();
  const email = `history-${unique()}@example.test`;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Hanna',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  users.push(user.id);
  const res = await api().post('/admin/login').send({ email, password: PASSWORD });
  expect(res.status).toBe(200);
  return { Authorization: `Bearer ${res.body.data.token as string}` };
}

afterAll(async () => {
  const strapi = getStrapi();
  for (const documentId of created)
    await strapi.documents(CITY).delete({ documentId, locale: '*' } as never);
  for (const documentId of countries)
    await strapi.documents(COUNTRY).delete({ documentId, locale: '*' } as never);
  for (const id of tokens) await strapi.service('admin::api-token').revoke(id);
  for (const id of users) await strapi.service('admin::user').deleteById(id);
});

describe('recording', () => {
  it('records create, update, publish, unpublish, discard draft and delete per locale and status', async () => {
    const documentId = await createCity('Verlaufsstadt', 'History Town');
    await documents().update({
      documentId,
      locale: 'de',
      data: { name: 'Verlaufsstadt II' } as never,
    });
    await documents().publish({ documentId, locale: 'de' });
    await documents().update({ documentId, locale: 'de', data: { name: 'Entwurf' } as never });
    await documents().discardDraft({ documentId, locale: 'de' });
    await documents().unpublish({ documentId, locale: 'de' });
    await documents().delete({ documentId, locale: 'en' });

    const de = await versions(documentId, 'de');
    expect(de.map((v) => [v.action, v.status])).toEqual([
      ['unpublish', 'published'],
      ['discardDraft', 'draft'],
      ['update', 'draft'],
      ['publish', 'published'],
      ['update', 'draft'],
      ['create', 'draft'],
    ]);
    expect(de[2].changedFields).toEqual(['name']);
    expect(de[5].changedFields).toEqual(expect.arrayContaining(['key', 'name', 'description']));
    // Outside a request and without runAs: the system.
    expect(de[0].author).toEqual({ kind: 'system', name: 'system' });

    const en = await versions(documentId, 'en');
    expect(en.map((v) => v.action)).toEqual(['delete', 'create']);
    expect(en.every((v) => v.locale === 'en')).toBe(true);
  });

  it('keeps the full values: relations as documentIds, blocks whole', async () => {
    const country = await createCountry('Werteland', 'XH');
    const documentId = await createCity('Wertestadt');
    await documents().update({
      documentId,
      locale: 'de',
      data: { country: { set: [{ documentId: country.documentId, locale: 'de' }] } } as never,
    });
    const [latest] = await versions(documentId);
    expect(latest.changedFields).toEqual(['country']);
    const res = await api().get(`/api/history/versions/${latest.id}`).set(tokenHeader());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: latest.id,
      uid: CITY,
      documentId,
      locale: 'de',
      status: 'draft',
      action: 'update',
      values: {
        name: 'Wertestadt',
        country: country.documentId,
        description: paragraphs('Wertestadt am Fluss.'),
      },
    });
  });

  it('names the API token of a REST write and of a GraphQL mutation', async () => {
    const documentId = await createCity('Tokenstadt');
    const rest = await api()
      .put(`/api/cities/${documentId}?locale=de&status=draft`)
      .set(tokenHeader())
      .send({ data: { name: 'Tokenstadt (REST)' } });
    expect(rest.status).toBe(200);
    const gql = await api()
      .post('/graphql')
      .set(tokenHeader())
      .send({
        query: `mutation { updateCity(documentId: "${documentId}", locale: "de", status: DRAFT,
          data: { name: "Tokenstadt (GraphQL)" }) { name } }`,
      });
    expect(gql.body.errors).toBeUndefined();
    const [viaGraphql, viaRest] = await versions(documentId);
    for (const entry of [viaGraphql, viaRest]) {
      expect(entry.author).toEqual({ kind: 'api-token', name: 'jest full access' });
      expect(entry.changedFields).toEqual(['name']);
    }
  });

  it('records a REST write that publishes as an update of the draft and a publish', async () => {
    const documentId = await createCity('Sofortstadt');
    const res = await api()
      .put(`/api/cities/${documentId}?locale=de`)
      .set(tokenHeader())
      .send({ data: { name: 'Sofortstadt, veröffentlicht' } });
    expect(res.status).toBe(200);
    const [first, second] = await versions(documentId);
    expect([first, second].map((v) => `${v.action}/${v.status}`).sort()).toEqual([
      'publish/published',
      'update/draft',
    ]);
  });

  it('names the actor given to runAs (seed, import, release)', async () => {
    const actors = getStrapi().plugin('history').service('actor') as {
      runAs<T>(actor: { kind: string; name: string }, fn: () => Promise<T>): Promise<T>;
    };
    const documentId = await actors.runAs({ kind: 'system', name: 'release Oktober' }, () =>
      createCity('Releasestadt')
    );
    const [entry] = await versions(documentId);
    expect(entry.author).toEqual({ kind: 'system', name: 'release Oktober' });
    expect(() => actors.runAs({ kind: 'robot', name: 'x' }, async () => 1)).toThrow(
      /history actor must be/
    );
  });

  it('names an XLIFF import and who asked for it', async () => {
    const documentId = await createCity('Importstadt', 'Import Town');
    const xml = (await exportXliff(`target=en&type=${CITY}`)).replace(
      '<target>Import Town</target>',
      '<target>Import Town (XLIFF)</target>'
    );
    const imported = await api()
      .post('/api/translations/import')
      .set(tokenHeader())
      .set('Content-Type', 'application/xliff+xml')
      .send(xml);
    expect(imported.status).toBe(200);
    const [entry] = await versions(documentId, 'en');
    expect(entry).toMatchObject({
      action: 'update',
      changedFields: ['name'],
      author: { kind: 'system', name: 'XLIFF import (jest full access)' },
    });
  });

  it('recorded the seed as "seed"', async () => {
    const strapi = getStrapi();
    const city = (await strapi.db.query(CITY).findOne({ where: { locale: 'de' } })) as {
      documentId: string;
    };
    // Its entries by the seed, not its first entry: earlier test files may have written this
    // city since (the order of test files changes with jest's timing cache), and a locale's
    // removal records system entries of its own.
    const entries = (await strapi.db.query(ENTRY).findMany({
      where: { contentType: CITY, entryDocumentId: city.documentId, authorName: 'seed' },
      orderBy: { id: 'asc' },
    })) as Array<{ authorKind: string; authorName: string; action: string }>;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.authorKind).toBe('system');
  });

  it('records nothing for a write that fails, even after its draft was written (same transaction)', async () => {
    const documentId = await createCity('Fehlerstadt');
    const before = await versions(documentId);
    // Saving the draft succeeds; publishing it fails validation: the whole write is undone.
    const res = await api()
      .put(`/api/cities/${documentId}?locale=de`)
      .set(tokenHeader())
      .send({ data: { name: 'Fehlerstadt neu', website: 'not a url' } });
    expect(res.status).toBe(400);
    expect(await versions(documentId)).toEqual(before);
    expect(await documents().findOne({ documentId, locale: 'de' })).toMatchObject({
      name: 'Fehlerstadt',
    });
  });

  it('records nothing for a write that changes nothing', async () => {
    const documentId = await createCity('Gleichstadt');
    const before = await versions(documentId);
    await documents().update({ documentId, locale: 'de', data: { name: 'Gleichstadt' } as never });
    expect(await versions(documentId)).toEqual(before);
  });
});

describe('restore', () => {
  it('writes the old values as the new draft and leaves the published version alone', async () => {
    const documentId = await createCity('Altstadt');
    await documents().publish({ documentId, locale: 'de' });
    await documents().update({
      documentId,
      locale: 'de',
      data: { name: 'Neustadt', description: paragraphs('Ganz anders.') } as never,
    });
    const list = await versions(documentId);
    const original = list.find((v) => v.action === 'create') as Summary;
    const res = await api().post(`/api/history/versions/${original.id}/restore`).set(tokenHeader());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId, locale: 'de', name: 'Altstadt' });
    expect(res.body.meta).toEqual({ restoredFrom: original.id, notRestored: [] });

    const draft = await documents().findOne({ documentId, locale: 'de' });
    expect(draft).toMatchObject({
      name: 'Altstadt',
      description: paragraphs('Altstadt am Fluss.'),
    });
    const published = await documents().findOne({ documentId, locale: 'de', status: 'published' });
    expect(published).toMatchObject({ name: 'Altstadt' });

    const [latest] = await versions(documentId);
    expect(latest).toMatchObject({ action: 'update', status: 'draft', restoredFrom: original.id });
    expect(latest.changedFields).toEqual(['name', 'description']);
  });

  it('names a related document deleted since and restores the rest', async () => {
    const country = await createCountry('Vergangenes Land', 'XJ');
    const documentId = await createCity('Grenzstadt');
    await documents().update({
      documentId,
      locale: 'de',
      data: { country: { set: [{ documentId: country.documentId, locale: 'de' }] } } as never,
    });
    const [withCountry] = await versions(documentId);
    await getStrapi()
      .documents(COUNTRY)
      .delete({ documentId: country.documentId, locale: '*' } as never);
    await documents().update({
      documentId,
      locale: 'de',
      data: { name: 'Grenzstadt neu' } as never,
    });

    const res = await api()
      .post(`/api/history/versions/${withCountry.id}/restore`)
      .set(tokenHeader());
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe('Grenzstadt');
    expect(res.body.meta.notRestored).toEqual([
      {
        field: 'country',
        documentId: country.documentId,
        reason: `${COUNTRY} ${country.documentId} was deleted`,
      },
    ]);
  });

  it('refuses a version whose document was deleted with a 404 naming it', async () => {
    const documentId = await createCity('Verschwundene Stadt');
    const [entry] = await versions(documentId);
    await documents().delete({ documentId, locale: '*' } as never);
    // The history of a deleted document stays readable.
    expect((await versions(documentId)).map((v) => v.action)).toEqual(['delete', 'create']);
    const res = await api().post(`/api/history/versions/${entry.id}/restore`).set(tokenHeader());
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    expect(res.body.error.message).toContain('was deleted');
  });
});

describe('who may read and restore', () => {
  let documentId = '';
  let entryId = 0;
  let enEntryId = 0;

  beforeAll(async () => {
    documentId = await createCity('Rechtestadt', 'Rights Town');
    entryId = (await versions(documentId, 'de'))[0].id;
    enEntryId = (await versions(documentId, 'en'))[0].id;
  });

  it('gives anonymous readers 403 and no data', async () => {
    for (const path of [
      `/api/history/versions?uid=${CITY}&documentId=${documentId}&locale=de`,
      `/api/history/versions/${entryId}`,
    ]) {
      const res = await anonymous().get(path);
      expect([401, 403]).toContain(res.status);
      expect(res.body.data ?? null).toBeNull();
    }
    const restore = await anonymous().post(`/api/history/versions/${entryId}/restore`);
    expect([401, 403]).toContain(restore.status);
  });

  it('lets a custom token read only with the plugin permission and read on the type', async () => {
    const without = await customToken([`${CITY}.find`]);
    expect((await api().get(`/api/history/versions/${entryId}`).set(without)).status).toBe(403);
    const pluginOnly = await customToken(['plugin::history.versions.findOne']);
    const refused = await api().get(`/api/history/versions/${entryId}`).set(pluginOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(`this API token may not read ${CITY}`);
    const both = await customToken([
      'plugin::history.versions.find',
      'plugin::history.versions.findOne',
      `${CITY}.find`,
    ]);
    expect((await api().get(`/api/history/versions/${entryId}`).set(both)).status).toBe(200);
    expect(await versions(documentId, 'de', both)).toHaveLength(1);
    const restore = await api().post(`/api/history/versions/${entryId}/restore`).set(both);
    expect(restore.status).toBe(403);
  });

  it('lets a read-only token read but not restore', async () => {
    const token = (await getStrapi()
      .service('admin::api-token')
      .create({ name: `history ro ${unique()}`, type: 'read-only', lifespan: null })) as {
      id: number;
      accessKey: string;
    };
    tokens.push(token.id);
    const headers = { Authorization: `Bearer ${token.accessKey}` };
    expect((await api().get(`/api/history/versions/${entryId}`).set(headers)).status).toBe(200);
    const restore = await api().post(`/api/history/versions/${entryId}/restore`).set(headers);
    expect(restore.status).toBe(403);
  });

  it('lets the Redaktion read, compare and restore in the admin, a translator restore en only', async () => {
    const editor = await adminLogin('ccn-redaktion');
    const translator = await adminLogin('ccn-uebersetzung-en');

    const list = await api()
      .get('/history/versions')
      .set(translator)
      .query({ uid: CITY, documentId, locale: 'de' });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    // Fields named with the edit view's stored labels (src/lib/admin/content-manager-views.ts).
    expect(list.body.meta.labels).toMatchObject({
      key: expect.stringMatching(/^Schlüssel/),
      memberSince: expect.stringMatching(/^Mitglied seit/),
    });

    const compare = await api().get(`/history/versions/${enEntryId}/compare`).set(translator);
    expect(compare.status).toBe(200);
    expect(compare.body.data.canRestore).toBe(true);
    const deCompare = await api().get(`/history/versions/${entryId}/compare`).set(translator);
    expect(deCompare.body.data.canRestore).toBe(false);

    const refused = await api().post(`/history/versions/${entryId}/restore`).set(translator);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(`no permission to update the "de" version of ${CITY}`);
    const allowed = await api().post(`/history/versions/${enEntryId}/restore`).set(translator);
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.locale).toBe('en');

    const byEditor = await api().post(`/history/versions/${entryId}/restore`).set(editor);
    expect(byEditor.status).toBe(200);
    const [latest] = await versions(documentId, 'de');
    // Restoring what the draft already holds changes nothing, so nothing new is recorded.
    expect(latest.id).toBe(entryId);
  });

  it('shows the word diff of a version against the current draft', async () => {
    const editor = await adminLogin('ccn-redaktion');
    const id = await createCity('Diffstadt');
    await documents().update({
      documentId: id,
      locale: 'de',
      data: { description: paragraphs('Diffstadt liegt am großen Fluss.') } as never,
    });
    const [, first] = await versions(id);
    const res = await api().get(`/history/versions/${first.id}/compare`).set(editor);
    expect(res.status).toBe(200);
    const description = (
      res.body.data.fields as Array<{ field: string; changed: boolean; diff: unknown }>
    ).find((field) => field.field === 'description');
    const diff = (description as { diff: DiffPart[] }).diff;
    // From the current draft to the version: what Restore would do.
    expect(sideOf(diff, 'before')).toBe('Diffstadt liegt am großen Fluss.');
    expect(sideOf(diff, 'after')).toBe('Diffstadt am Fluss.');
    expect(diff.filter((part) => part.op === 'delete').map((part) => part.text.trim())).toEqual([
      'liegt',
      'großen',
    ]);
    expect(diff.some((part) => part.op === 'insert')).toBe(false);
  });

  it('never shows history in the public API or GraphQL', async () => {
    expect((await anonymous().get('/api/history-entries')).status).toBe(404);
    const gql = await api()
      .post('/graphql')
      .set(tokenHeader())
      .send({ query: '{ historyEntries { documentId } }' });
    expect(gql.status).toBe(400);
    // Token reads of history are never served from the response cache.
    const path = `/api/history/versions/${entryId}`;
    await api().get(path).set(tokenHeader());
    const again = await api().get(path).set(tokenHeader());
    expect(again.headers['x-cache']).not.toBe('HIT');
  });
});

describe('retention', () => {
  const retention = () =>
    getStrapi().config.get('plugin::history.retention') as {
      keepLast: number;
      keepDays: number;
      pruneEvery: number;
    };
  let saved: { keepLast: number; keepDays: number; pruneEvery: number };

  beforeAll(() => {
    saved = { ...retention() };
  });
  afterAll(() => {
    getStrapi().config.set('plugin::history.retention', saved);
  });

  it('keeps entries younger than keepDays however many, and drops older ones beyond keepLast', async () => {
    getStrapi().config.set('plugin::history.retention', {
      keepLast: 2,
      keepDays: 90,
      pruneEvery: 1,
    });
    const documentId = await createCity('Kurzzeitstadt');
    for (const name of ['Eins', 'Zwei', 'Drei'])
      await documents().update({ documentId, locale: 'de', data: { name } as never });
    // All four are younger than 90 days: kept.
    expect(await versions(documentId)).toHaveLength(4);

    // With keepDays 0 every entry is old: the next write leaves the newest 2.
    getStrapi().config.set('plugin::history.retention', {
      keepLast: 2,
      keepDays: 0,
      pruneEvery: 1,
    });
    await documents().update({ documentId, locale: 'de', data: { name: 'Vier' } as never });
    const left = await versions(documentId);
    expect(left.map((v) => v.changedFields)).toEqual([['name'], ['name']]);
    expect(left).toHaveLength(2);
  });
});

describe('bad input', () => {
  let documentId = '';
  beforeAll(async () => {
    documentId = await createCity('Eingabestadt');
  });

  it.each([
    [{ documentId: 'x', locale: 'de' }, 400, 'uid is required'],
    [{ uid: CITY, locale: 'de' }, 400, 'documentId is required'],
    [
      { uid: 'api::nope.nope', documentId: 'x' },
      400,
      '"api::nope.nope" is not a content type with a history',
    ],
    [
      { uid: 'plugin::history.history-entry', documentId: 'x' },
      400,
      'is not a content type with a history',
    ],
    [{ uid: CITY, documentId: 'x', locale: 'fr' }, 400, 'locale "fr" does not exist (configured: '],
    [{ uid: CITY, documentId: 'nope', locale: 'de' }, 404, `${CITY} has no document "nope"`],
    [
      { uid: CITY, documentId: 'DOC', pageSize: '1000' },
      400,
      'pagination pageSize must be a whole number from 1 to 100',
    ],
    [
      { uid: CITY, documentId: 'DOC', page: '0' },
      400,
      'pagination page must be a whole number from 1',
    ],
  ])('GET /api/history/versions %j → %i', async (query, status, message) => {
    const q = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, value === 'DOC' ? documentId : value])
    );
    const res = await api().get('/api/history/versions').set(tokenHeader()).query(q);
    expect(res.status).toBe(status);
    expect(res.body.error.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('answers an unknown or malformed version id with 404 and 400', async () => {
    const missing = await api().get('/api/history/versions/999999999').set(tokenHeader());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('version 999999999 does not exist');
    const malformed = await api().get('/api/history/versions/abc').set(tokenHeader());
    expect(malformed.status).toBe(400);
    const restore = await api().post('/api/history/versions/abc/restore').set(tokenHeader());
    expect(restore.status).toBe(400);
  });

  it('defaults to the default locale and pages newest first', async () => {
    await documents().update({
      documentId,
      locale: 'de',
      data: { name: 'Eingabestadt 2' } as never,
    });
    const res = await api()
      .get('/api/history/versions')
      .set(tokenHeader())
      .query({ uid: CITY, documentId, pageSize: '1', page: '2' });
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, total: 2 });
    expect(res.body.data.map((v: Summary) => v.action)).toEqual(['create']);
  });
});
