/**
 * `GET /translations/changes`, what the admin edit-view side panel shows for one target version:
 * per unit up to date / outdated / missing with the word diff of the source since the
 * translation, and the review states the admin's role may set (Redaktion and Übersetzung (en)
 * from src/lib/admin/roles.ts).
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { baseUrl } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';

const CITY = 'api::city.city' satisfies UID.ContentType;
const PASSWORD = 'PanelTest2026';

const api = () => request(baseUrl());
const paragraphs = (...texts: string[]) =>
  texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

const users: number[] = [];
let documentId = '';
let editor = '';
let translator = '';

async function login(email: string, roleCode: string): Promise<string> {
  const strapi = getStrapi();
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Panel',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  users.push(user.id);
  const response = await api().post('/admin/login').send({ email, password: PASSWORD });
  expect(response.status).toBe(200);
  return response.body.data.token as string;
}

function changes(token: string, query: Record<string, string>) {
  return api()
    .get('/translations/changes')
    .set({ Authorization: `Bearer ${token}` })
    .query(query);
}

beforeAll(async () => {
  const documents = getStrapi().documents(CITY);
  const created = await documents.create({
    locale: 'de',
    data: {
      key: 'side-panel-city',
      name: 'Panelstadt',
      description: paragraphs('Die alte Brücke über den Fluss.', 'Ein Festival im Sommer.'),
    } as never,
  });
  documentId = created.documentId;
  await documents.update({
    documentId,
    locale: 'en',
    data: {
      name: 'Panel City',
      description: paragraphs('The old bridge across the river.', 'A festival in summer.'),
    } as never,
  });
  await documents.update({
    documentId,
    locale: 'de',
    data: {
      description: paragraphs('Die neue Brücke über den Fluss.', 'Ein Festival im Sommer.'),
    } as never,
  });
  editor = await login('redaktion@panel.test', 'ccn-redaktion');
  translator = await login('uebersetzung@panel.test', 'ccn-uebersetzung-en');
});

afterAll(async () => {
  for (const id of users) await getStrapi().service('admin::user').deleteById(id);
  await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
});

describe('GET /translations/changes', () => {
  it('shows the outdated block with the words deleted and inserted in the German source', async () => {
    const response = await changes(editor, { type: CITY, documentId, locale: 'en' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      uid: CITY,
      documentId,
      sourceLocale: 'de',
      locale: 'en',
      isSource: false,
      state: 'outdated',
    });
    const byPath = Object.fromEntries(
      (response.body.fields as Array<{ path: string }>).map((field) => [field.path, field])
    );
    expect(byPath.name).toMatchObject({ state: 'translated', diff: null });
    expect(byPath['description.0']).toMatchObject({
      field: 'description',
      block: 1,
      state: 'outdated',
      diff: [
        { op: 'equal', text: 'Die ' },
        { op: 'delete', text: 'alte' },
        { op: 'insert', text: 'neue' },
        { op: 'equal', text: ' Brücke über den Fluss.' },
      ],
    });
    expect(byPath['description.1']).toMatchObject({ block: 2, state: 'translated' });
    expect(typeof response.body.translatedAt).toBe('string');
  });

  it('offers the Redaktion every state but "published", a translator only up to "translated"', async () => {
    const asEditor = await changes(editor, { type: CITY, documentId, locale: 'en' });
    expect(asEditor.body.review).toEqual({
      state: 'in-translation',
      allowed: ['untranslated', 'translated', 'reviewed'],
    });
    const asTranslator = await changes(translator, { type: CITY, documentId, locale: 'en' });
    expect(asTranslator.body.review).toEqual({
      state: 'in-translation',
      allowed: ['untranslated', 'translated'],
    });
  });

  it('says so for the source locale, which has no translation state', async () => {
    const response = await changes(editor, { type: CITY, documentId, locale: 'de' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ isSource: true, state: null, review: null, fields: [] });
  });

  it('answers missing parameters, an unknown type, locale or document with 400', async () => {
    const missing = await changes(editor, { type: CITY, documentId });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('type, documentId and locale are required');
    const type = await changes(editor, { type: 'api::nope.nope', documentId, locale: 'en' });
    expect(type.status).toBe(400);
    expect(type.body.error.message).toBe('"api::nope.nope" is not a localized content type');
    const locale = await changes(editor, { type: CITY, documentId, locale: 'fr' });
    expect(locale.status).toBe(400);
    expect(locale.body.error.message).toMatch(/locale "fr" does not exist/);
    const document = await changes(editor, { type: CITY, documentId: 'nope', locale: 'en' });
    expect(document.status).toBe(400);
    expect(document.body.error.message).toBe('no City document nope');
  });

  it('is for admin sessions only', async () => {
    const response = await api()
      .get('/translations/changes')
      .query({ type: CITY, documentId, locale: 'en' });
    expect(response.status).toBe(401);
  });
});
