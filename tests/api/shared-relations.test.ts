/**
 * Shared relations (issue 23): a city's country and creative field are facts, the same in every
 * locale. Written in one locale through REST, GraphQL, the admin or the Document Service, every
 * other locale version links to the same documents in its own locale, draft and published.
 */
import request from 'supertest';
import type { UID } from '@strapi/strapi';
import { anonymous, baseUrl, tokenHeader } from '../helpers/api';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { translatorRoleCode, EDITOR_ROLE_CODE } from '../../src/lib/admin/roles';

const FIELD = 'api::creative-field.creative-field';
const CM = `/content-manager/collection-types/${CITY}`;
const PASSWORD = 'SharedFacts2026';

interface Linked {
  documentId: string;
  name: string;
}
interface CityBody {
  data: { name: string; country: Linked | null; creativeField: Linked | null };
}

const created: Array<[string, string]> = [];
const adminUsers: number[] = [];
let france = '';
let germany = '';
let onlyGerman = '';
let music = '';
let literature = '';

async function createCountry(isoCode: string, names: Record<string, string>): Promise<string> {
  const versions = Object.fromEntries(
    Object.entries(names).map(([locale, name]) => [locale, { name, isoCode }])
  );
  const documentId = await createDocument(COUNTRY, versions);
  created.push([COUNTRY, documentId]);
  return documentId;
}

async function city(
  key: string,
  names: Record<string, string>,
  links: { country: string; field: string },
  drafts: string[] = []
): Promise<string> {
  const versions = Object.fromEntries(
    Object.entries(names).map(([locale, name]) => [
      locale,
      {
        name,
        key,
        memberSince: 2020,
        country: { connect: [{ documentId: links.country, locale }] },
        creativeField: { connect: [{ documentId: links.field, locale }] },
      },
    ])
  );
  const documentId = await createDocument(CITY, versions, drafts);
  created.push([CITY, documentId]);
  return documentId;
}

async function fieldByKey(key: string): Promise<string> {
  const found = await getStrapi()
    .documents(FIELD as UID.ContentType)
    .findFirst({ locale: 'de', filters: { key } } as never);
  if (!found) throw new Error(`no creative field ${key}`);
  return found.documentId;
}

/** A city version as the API shows it, with its country and field. */
async function read(documentId: string, locale: string, status: 'draft' | 'published') {
  const response = await request(baseUrl())
    .get(`/api/cities/${documentId}`)
    .query({ locale, status, 'populate[0]': 'country', 'populate[1]': 'creativeField' })
    .set(tokenHeader());
  expect(response.status).toBe(200);
  const { data } = response.body as CityBody;
  return { name: data.name, country: data.country?.name, field: data.creativeField?.name };
}

async function adminToken(email: string, roleCode: string): Promise<string> {
  const strapi = getStrapi();
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Shared',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  adminUsers.push(user.id);
  const login = await request(baseUrl()).post('/admin/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return login.body.data.token as string;
}

beforeAll(async () => {
  france = await createCountry('XF', { de: 'Frankreich (Test)', en: 'France (test)' });
  germany = await createCountry('XG', { de: 'Deutschland (Test)', en: 'Germany (test)' });
  onlyGerman = await createCountry('XD', { de: 'Nur Deutsch (Test)' });
  music = await fieldByKey('music');
  literature = await fieldByKey('literature');
});

afterAll(async () => {
  for (const [uid, documentId] of created.reverse()) await deleteDocument(uid, documentId);
  for (const id of adminUsers) await getStrapi().service('admin::user').deleteById(id);
});

describe('a write in one locale links every locale to the same documents', () => {
  it('REST: the German change reaches the English draft and published versions', async () => {
    const heidelberg = await city(
      'shared-heidelberg',
      { de: 'Heidelberg (Test)', en: 'Heidelberg (test)' },
      { country: germany, field: literature }
    );
    const anonymousEnglish = () =>
      anonymous()
        .get(`/api/cities/${heidelberg}`)
        .query({ locale: 'en', 'populate[0]': 'country' });
    // Read (and cached) before the write.
    expect((await anonymousEnglish()).body.data.country.name).toBe('Germany (test)');
    const response = await request(baseUrl())
      .put(`/api/cities/${heidelberg}?locale=de`)
      .set(tokenHeader())
      .send({ data: { country: france, creativeField: music } });
    expect(response.status).toBe(200);

    for (const status of ['draft', 'published'] as const) {
      expect(await read(heidelberg, 'en', status)).toEqual({
        name: 'Heidelberg (test)',
        country: 'France (test)',
        field: 'Music',
      });
      expect(await read(heidelberg, 'de', status)).toMatchObject({
        country: 'Frankreich (Test)',
        field: 'Musik',
      });
    }
    // Anonymous readers see it too: the response cache evicted the English version.
    expect((await anonymousEnglish()).body.data.country.name).toBe('France (test)');
  });

  it('a draft change stays in the drafts until it is published, then reaches every published version', async () => {
    const documentId = await city(
      'shared-draft',
      { de: 'Entwurfstadt', en: 'Draft Town' },
      { country: germany, field: literature }
    );
    const documents = getStrapi().documents(CITY);
    await documents.update({
      documentId,
      locale: 'de',
      status: 'draft',
      data: { country: france } as never,
    });
    expect((await read(documentId, 'en', 'draft')).country).toBe('France (test)');
    expect((await read(documentId, 'en', 'published')).country).toBe('Germany (test)');

    await documents.publish({ documentId, locale: 'de' });
    expect((await read(documentId, 'en', 'published')).country).toBe('France (test)');
  });

  it('GraphQL: a change in the English version reaches the German one', async () => {
    const documentId = await city(
      'shared-graphql',
      { de: 'Graphstadt', en: 'Graph Town' },
      { country: germany, field: literature }
    );
    const response = await request(baseUrl())
      .post('/graphql')
      .set(tokenHeader())
      .send({
        query: `mutation($id: ID!) { updateCity(documentId: $id, locale: "en", data: { creativeField: "${music}" }) { name } }`,
        variables: { id: documentId },
      });
    expect(response.body.errors).toBeUndefined();
    expect((await read(documentId, 'de', 'published')).field).toBe('Musik');
  });

  it('the inverse side follows: adding a city to a country in German moves the English city too', async () => {
    const documentId = await city(
      'shared-inverse',
      { de: 'Umzugstadt', en: 'Moving Town' },
      { country: germany, field: literature }
    );
    const response = await request(baseUrl())
      .put(`/api/countries/${france}?locale=de`)
      .set(tokenHeader())
      .send({ data: { cities: { connect: [documentId] } } });
    expect(response.status).toBe(200);
    expect((await read(documentId, 'en', 'published')).country).toBe('France (test)');
  });

  it('the inverse side replaced with `set`: a city left out loses the country in every locale', async () => {
    const country = await createCountry('XS', { de: 'Setland (Test)', en: 'Setland (test)' });
    const staying = await city(
      'shared-set-staying',
      { de: 'Bleibstadt', en: 'Staying Town' },
      { country, field: literature }
    );
    const leaving = await city(
      'shared-set-leaving',
      { de: 'Gehstadt', en: 'Leaving Town' },
      { country, field: literature }
    );
    const response = await request(baseUrl())
      .put(`/api/countries/${country}?locale=de`)
      .set(tokenHeader())
      .send({ data: { cities: { set: [staying] } } });
    expect(response.status).toBe(200);
    expect((await read(staying, 'en', 'published')).country).toBe('Setland (test)');
    expect((await read(leaving, 'en', 'published')).country).toBeUndefined();
    expect((await read(leaving, 'de', 'published')).country).toBeUndefined();
  });

  it('a new locale version starts with the shared relations of the existing versions', async () => {
    const documentId = await city(
      'shared-new-locale',
      { de: 'Neustadt (Test)' },
      { country: france, field: music }
    );
    const response = await request(baseUrl())
      .put(`/api/cities/${documentId}?locale=en`)
      .set(tokenHeader())
      .send({ data: { name: 'Newtown (test)' } });
    expect(response.status).toBe(200);
    expect(await read(documentId, 'en', 'published')).toEqual({
      name: 'Newtown (test)',
      country: 'France (test)',
      field: 'Music',
    });
  });
});

describe('cost of a shared-relation write', () => {
  /**
   * Statements on the relations' join tables (`…_lnk`) of a draft save of the German version:
   * Strapi's own write of the links, and the propagation. Counted with knex's `query` event rather
   * than `X-Query-Count`, whose total also holds the response cache's checks of the lists a write
   * reaches, which depend on what earlier tests left cached.
   */
  async function statementsOfSave(documentId: string, data: object): Promise<number> {
    const knex = getStrapi().db.connection;
    let count = 0;
    const onQuery = (query: { sql?: unknown }) => {
      if (typeof query.sql === 'string' && /_lnk\b/.test(query.sql)) count += 1;
    };
    knex.on('query', onQuery);
    try {
      const response = await request(baseUrl())
        .put(`/api/cities/${documentId}?locale=de&status=draft`)
        .set(tokenHeader())
        .send({ data });
      expect(response.status).toBe(200);
    } finally {
      knex.off('query', onQuery);
    }
    return count;
  }

  it('costs one statement more for a document with another locale version than for one without (the join table updated, not the documents rewritten)', async () => {
    const alone = await city(
      'shared-cost-alone',
      { de: 'Einzelstadt (Test)' },
      { country: germany, field: literature },
      ['de']
    );
    const bilingual = await city(
      'shared-cost-bilingual',
      { de: 'Zweistadt (Test)', en: 'Twotown (test)' },
      { country: germany, field: literature },
      ['de', 'en']
    );
    // Warm up: the first write of a kind loads lazily built state (the statements, the locales).
    await statementsOfSave(alone, { country: france });
    await statementsOfSave(bilingual, { country: france });

    const withoutOtherLocale = await statementsOfSave(alone, { country: germany });
    const withOtherLocale = await statementsOfSave(bilingual, { country: germany });
    expect(await read(bilingual, 'en', 'draft')).toMatchObject({ country: 'Germany (test)' });
    expect(withOtherLocale - withoutOtherLocale).toBeLessThanOrEqual(1);
  });
});

describe('bad input', () => {
  it('refuses a target that has no version in another locale with a 400 naming locale and field, and writes nothing', async () => {
    const documentId = await city(
      'shared-missing',
      { de: 'Lückenstadt', en: 'Gap Town' },
      { country: germany, field: literature }
    );
    const response = await request(baseUrl())
      .put(`/api/cities/${documentId}?locale=de`)
      .set(tokenHeader())
      .send({ data: { country: onlyGerman, name: 'Lückenstadt (geändert)' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('"country"');
    expect(response.body.error.message).toContain('"en"');
    expect(response.body.error.message).toContain('Nur Deutsch (Test)');
    for (const status of ['draft', 'published'] as const) {
      expect(await read(documentId, 'de', status)).toMatchObject({
        name: 'Lückenstadt',
        country: 'Deutschland (Test)',
      });
      expect((await read(documentId, 'en', status)).country).toBe('Germany (test)');
    }
  });

  it('creates a new locale version whose shared target has no version in that locale without the link, and reports facts differ', async () => {
    const documentId = await city(
      'shared-missing-new',
      { de: 'Nurdeutschstadt' },
      { country: onlyGerman, field: music }
    );
    const response = await request(baseUrl())
      .put(`/api/cities/${documentId}?locale=en`)
      .set(tokenHeader())
      .send({ data: { name: 'German-only Town' } });
    expect(response.status).toBe(200);
    // Linked to nothing rather than across locales; the field is inherited as usual.
    expect(await read(documentId, 'en', 'published')).toEqual({
      name: 'German-only Town',
      country: undefined,
      field: 'Music',
    });
    const status = await request(baseUrl())
      .get('/api/translations/status')
      .query({ type: CITY, target: 'en' })
      .set(tokenHeader());
    const document = status.body.types[0].documents.find(
      (entry: { documentId: string }) => entry.documentId === documentId
    );
    expect(document.factsDiffer).toEqual({ en: ['country'] });
  });
});

describe('admin roles', () => {
  let translator = '';
  let editor = '';
  let documentId = '';

  beforeAll(async () => {
    translator = await adminToken('shared-translator@roles.test', translatorRoleCode('en'));
    editor = await adminToken('shared-editor@roles.test', EDITOR_ROLE_CODE);
    documentId = await city(
      'shared-admin',
      { de: 'Adminstadt', en: 'Admin Town' },
      { country: germany, field: literature }
    );
  });

  it('Übersetzung (en): changing the country of the English version is a 403 naming the field', async () => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=en`)
      .set({ Authorization: `Bearer ${translator}` })
      .send({
        name: 'Admin Town (translated)',
        country: { connect: [{ documentId: france, locale: 'en' }], disconnect: [] },
      });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('"country"');
    expect(await read(documentId, 'en', 'draft')).toMatchObject({
      name: 'Admin Town',
      country: 'Germany (test)',
    });
    expect((await read(documentId, 'de', 'draft')).country).toBe('Deutschland (Test)');
  });

  it('Übersetzung (en): saving the translation with the relations unchanged works', async () => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=en`)
      .set({ Authorization: `Bearer ${translator}` })
      .send({ name: 'Admin Town (translated)', country: { connect: [], disconnect: [] } });
    expect(response.status).toBe(200);
    expect((await read(documentId, 'en', 'draft')).name).toBe('Admin Town (translated)');
  });

  it('the translator sees the shared relations read-only (no update permission on them)', async () => {
    const response = await request(baseUrl())
      .get('/admin/users/me/permissions')
      .set({ Authorization: `Bearer ${translator}` });
    const update = (
      response.body.data as Array<{
        action: string;
        subject: string;
        properties: { fields?: string[] };
      }>
    ).find(
      (permission) =>
        permission.action === 'plugin::content-manager.explorer.update' &&
        permission.subject === CITY
    );
    expect(update?.properties.fields).toEqual(expect.arrayContaining(['name', 'description']));
    expect(update?.properties.fields).not.toContain('country');
    expect(update?.properties.fields).not.toContain('creativeField');
  });

  it('Redaktion: changes the country in the English version, and the German one follows', async () => {
    const response = await request(baseUrl())
      .put(`${CM}/${documentId}?locale=en`)
      .set({ Authorization: `Bearer ${editor}` })
      .send({ country: { connect: [{ documentId: france, locale: 'en' }], disconnect: [] } });
    expect(response.status).toBe(200);
    expect((await read(documentId, 'de', 'draft')).country).toBe('Frankreich (Test)');
  });
});

describe('existing data whose facts differ', () => {
  it('is listed, shown in the translation status, and aligned from German', async () => {
    const documentId = await city(
      'shared-drifted',
      { de: 'Driftstadt', en: 'Drift Town' },
      { country: germany, field: literature }
    );
    // As before this feature: the English version alone linked elsewhere (Strapi per locale).
    const strapi = getStrapi();
    const englishRows = (await strapi.db
      .query(CITY as UID.ContentType)
      .findMany({ where: { documentId, locale: 'en' }, select: ['id'] })) as Array<{ id: number }>;
    const franceRows = (await strapi.db.query(COUNTRY as UID.ContentType).findMany({
      where: { documentId: france, locale: 'en' },
      select: ['id', 'publishedAt'],
    })) as Array<{ id: number; publishedAt: string | null }>;
    const knex = strapi.db.connection;
    await knex('cities_country_lnk')
      .whereIn(
        'city_id',
        englishRows.map((row) => row.id)
      )
      .update({ country_id: franceRows[0].id });

    const service = strapi.plugin('translations').service('shared-relations');
    const only = { uids: [CITY], documentIds: [documentId] };
    const found = await service.differences(only);
    expect(found).toEqual([
      expect.objectContaining({ uid: CITY, documentId, attribute: 'country' }),
    ]);

    const status = await request(baseUrl())
      .get('/api/translations/status')
      .query({ type: CITY, target: 'en' })
      .set(tokenHeader());
    const document = status.body.types[0].documents.find(
      (entry: { documentId: string }) => entry.documentId === documentId
    );
    expect(document.factsDiffer).toEqual({ en: ['country'] });
    const documents = status.body.types[0].documents as Array<{ factsDiffer?: object }>;
    expect(status.body.types[0].locales[0].factsDiffer).toBe(
      documents.filter((entry) => entry.factsDiffer).length
    );

    // The edit view's side panel of the English version says so.
    const editor = await adminToken('shared-drift-editor@roles.test', EDITOR_ROLE_CODE);
    const panel = await request(baseUrl())
      .get('/translations/changes')
      .query({ type: CITY, documentId, locale: 'en' })
      .set({ Authorization: `Bearer ${editor}` });
    expect(panel.status).toBe(200);
    expect(panel.body.factsDiffer).toEqual([{ field: 'country', label: expect.any(String) }]);

    const report = await service.alignAll('de', only);
    expect(report.failed).toEqual([]);
    expect(report.fixed.map((entry: { documentId: string }) => entry.documentId)).toEqual([
      documentId,
    ]);
    expect(await service.differences(only)).toEqual([]);
    expect((await read(documentId, 'en', 'draft')).country).toBe('Germany (test)');
  });
});
