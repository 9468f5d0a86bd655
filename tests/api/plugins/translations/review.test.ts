/**
 * Review states per document and locale over HTTP: set by translators (up to "translated") and
 * the Redaktion (reviewed), counted in the status, recorded by publishing, and required before
 * publishing on every path when `requireReview` is on. Roles are the app's
 * (src/lib/admin/roles.ts); the test creates its own city and admin users.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { baseUrl, graphql, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { exportXliff } from '../../../helpers/xliff-export';

const CITY = 'api::city.city' satisfies UID.ContentType;
const CM = `/content-manager/collection-types/${CITY}`;
const PASSWORD = 'ReviewTest2026';
const EDITOR_ROLE = 'ccn-redaktion';
const TRANSLATOR_ROLE = 'ccn-uebersetzung-en';

const api = () => request(baseUrl());
const users: number[] = [];
let documentId = '';
let editor = '';
let translator = '';

async function createAdmin(email: string, roleCode: string): Promise<string> {
  const strapi = getStrapi();
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Review',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  users.push(user.id);
  const login = await api().post('/admin/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return login.body.data.token as string;
}

const asAdmin = (token: string) => ({ Authorization: `Bearer ${token}` });

function setState(state: string, auth: Record<string, string>, path = '/translations/state') {
  return api().put(path).set(auth).send({ type: CITY, documentId, locale: 'en', state });
}

async function reviewState(): Promise<string> {
  const response = await api().get(`/api/translations/status?type=${CITY}`).set(tokenHeader());
  expect(response.status).toBe(200);
  const doc = response.body.types[0].documents.find(
    (d: { documentId: string }) => d.documentId === documentId
  );
  return doc?.review.en ?? 'absent';
}

beforeAll(async () => {
  const strapi = getStrapi();
  const created = await strapi.documents(CITY).create({
    locale: 'de',
    data: { name: 'Prüfstadt', key: 'review-test-city' } as never,
  });
  documentId = created.documentId;
  editor = await createAdmin('redaktion@review.test', EDITOR_ROLE);
  translator = await createAdmin('uebersetzung@review.test', TRANSLATOR_ROLE);
});

afterAll(async () => {
  const strapi = getStrapi();
  strapi.config.set('plugin::translations.requireReview', false);
  for (const id of users) await strapi.service('admin::user').deleteById(id);
  await strapi.documents(CITY).delete({ documentId, locale: '*' });
});

describe('review states', () => {
  it('start as untranslated, then in translation once an English draft exists', async () => {
    expect(await reviewState()).toBe('untranslated');
    await getStrapi()
      .documents(CITY)
      .update({ documentId, locale: 'en', data: { name: 'Review City' } as never });
    expect(await reviewState()).toBe('in-translation');
  });

  it('are counted per state in the status, adding up to the documents', async () => {
    const response = await api()
      .get(`/api/translations/status?type=${CITY}&documents=false`)
      .set(tokenHeader());
    const [counts] = response.body.types[0].locales;
    const review = counts.review as Record<string, number>;
    expect(Object.keys(review)).toEqual([
      'untranslated',
      'in-translation',
      'translated',
      'reviewed',
      'published',
    ]);
    expect(Object.values(review).reduce((a, b) => a + b, 0)).toBe(counts.total);
    expect(review['in-translation']).toBeGreaterThanOrEqual(1);
  });

  it('Übersetzung (en) moves its locale up to "translated", not further, and cannot publish', async () => {
    const ok = await setState('translated', asAdmin(translator));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'translated', previous: 'in-translation' });
    expect(await reviewState()).toBe('translated');

    const refused = await setState('reviewed', asAdmin(translator));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'a translator may set the state up to "translated", not "reviewed"'
    );
    const publish = await api()
      .post(`${CM}/${documentId}/actions/publish?locale=en`)
      .set(asAdmin(translator))
      .send({});
    expect(publish.status).toBe(403);
    expect(await reviewState()).toBe('translated');
  });

  it('answers an unknown state or the source locale with 400', async () => {
    const unknown = await setState('done', asAdmin(translator));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/unknown review state "done"/);
    const source = await api()
      .put('/translations/state')
      .set(asAdmin(editor))
      .send({ type: CITY, documentId, locale: 'de', state: 'reviewed' });
    expect(source.status).toBe(400);
    expect(source.body.error.message).toMatch(/"de" is the source locale/);
  });

  describe('with requireReview on', () => {
    beforeAll(() => {
      getStrapi().config.set('plugin::translations.requireReview', true);
    });

    it('refuses to publish a translated, unreviewed version on every path, with the reason', async () => {
      const message =
        'Translation review required: the "en" version is "translated", it can be published once it is "reviewed"';
      const admin = await api()
        .post(`${CM}/${documentId}/actions/publish?locale=en`)
        .set(asAdmin(editor))
        .send({});
      expect(admin.status).toBe(400);
      expect(admin.body.error.message).toBe(message);

      const rest = await api()
        .put(`/api/cities/${documentId}?locale=en`)
        .set(tokenHeader())
        .send({ data: { name: 'Review City' } });
      expect(rest.status).toBe(400);
      expect(rest.body.error.message).toBe(message);

      const gql = await graphql(
        `
          mutation ($id: ID!) {
            updateCity(documentId: $id, locale: "en", data: { name: "Review City" }) {
              documentId
            }
          }
        `,
        { id: documentId }
      ).set(tokenHeader());
      expect(gql.body.errors?.[0]?.message).toBe(message);

      const exported = await exportXliff(`target=en&type=${CITY}`);
      const imported = await api()
        .post('/api/translations/import?publish=true')
        .set(tokenHeader())
        .set('Content-Type', 'application/xliff+xml')
        .send(exported);
      expect(imported.status).toBe(400);
      expect(imported.body.error.details.problems).toEqual([
        { message: `City "Prüfstadt" (${documentId}): ${message}` },
      ]);

      const published = await getStrapi()
        .db.query(CITY)
        .count({ where: { documentId, locale: 'en', publishedAt: { $notNull: true } } });
      expect(published).toBe(0);
      expect(await reviewState()).toBe('translated');
    });

    it('lets the Redaktion review and publish; publishing records "published"', async () => {
      const reviewed = await setState('reviewed', asAdmin(editor));
      expect(reviewed.status).toBe(200);
      const publish = await api()
        .post(`${CM}/${documentId}/actions/publish?locale=en`)
        .set(asAdmin(editor))
        .send({});
      expect(publish.status).toBe(200);
      expect(await reviewState()).toBe('published');
      const manual = await setState('published', tokenHeader(), '/api/translations/state');
      expect(manual.status).toBe(403);
    });
  });
});
