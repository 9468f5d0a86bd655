/**
 * Translator workflow over HTTP on the seeded app: status, XLIFF export and import, outdated
 * detection, access. Expectations come from database/seed/ and the app's schemas. Tests that write
 * create their own document or restore what they changed (afterAll, without assertions).
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { anonymous, baseUrl, graphql, queriesOf, tokenHeader } from '../../../helpers/api';
import { seedData } from '../../../helpers/seed-data';
import { getStrapi } from '../../../helpers/strapi';
import type { LocaleStatus } from '../../../../src/plugins/translations/server/src/services/status';
import { exportXliff } from '../../../helpers/xliff-export';

const CITY = 'api::city.city' satisfies UID.ContentType;
const COUNTRY = 'api::country.country' satisfies UID.ContentType;
const CREATIVE_FIELD = 'api::creative-field.creative-field' satisfies UID.ContentType;
const NETWORK = 'api::network.network' satisfies UID.ContentType;
const NETWORK_GOAL = 'api::network-goal.network-goal' satisfies UID.ContentType;
/** The app's localized types, all with translatable text (see src/api/*). */
const GLOSSARY = 'api::glossary-term.glossary-term' satisfies UID.ContentType;
const LOCALIZED_TYPES: UID.ContentType[] = [
  CITY,
  COUNTRY,
  CREATIVE_FIELD,
  GLOSSARY,
  NETWORK_GOAL,
  NETWORK,
];
const DIGEST = 'plugin::translations.translation-digest';
const XLIFF = 'application/xliff+xml';

type Counts = LocaleStatus;
interface StatusBody {
  sourceLocale: string;
  types: Array<{
    uid: string;
    locales: Counts[];
    documents: Array<{ documentId: string; label: string; states: Record<string, string> }>;
  }>;
}

const api = () => request(baseUrl());

async function status(query = ''): Promise<StatusBody> {
  const response = await api().get(`/api/translations/status${query}`).set(tokenHeader());
  expect(response.status).toBe(200);
  return response.body as StatusBody;
}

async function stateOf(documentId: string, uid: UID.ContentType = CITY): Promise<string> {
  const body = await status(`?type=${uid}`);
  return (
    body.types[0].documents.find((doc) => doc.documentId === documentId)?.states.en ?? 'absent'
  );
}

function importFile(xml: string | Buffer, query = ''): request.Test {
  return api()
    .post(`/api/translations/import${query}`)
    .set(tokenHeader())
    .set('Content-Type', XLIFF)
    .send(xml);
}

/**
 * Every en draft of every localized type with its components, to compare before and after: any
 * write changes at least `updatedAt`.
 */
async function enSnapshot(): Promise<string> {
  const strapi = getStrapi();
  const parts: unknown[] = [];
  for (const uid of LOCALIZED_TYPES) {
    const attributes = strapi.contentTypes[uid].attributes as Record<string, { type: string }>;
    const components = Object.keys(attributes).filter(
      (name) => attributes[name].type === 'component'
    );
    const rows = await strapi.db.query(uid).findMany({
      where: { locale: 'en', publishedAt: null },
      populate: Object.fromEntries(components.map((name) => [name, true])),
      orderBy: { documentId: 'asc' },
    });
    parts.push(rows);
  }
  return JSON.stringify(parts);
}

/**
 * The units an export of all seeded content has, counted from database/seed/: one per text
 * field, one per paragraph of a blocks field, one per link label.
 */
function seededUnits(): number {
  const seed = seedData();
  const paragraphs = (value: { de: string[] } | null): number => value?.de.length ?? 0;
  return (
    seed.cities.reduce((sum, city) => sum + 1 + paragraphs(city.description), 0) +
    seed.countries.length +
    seed.creativeFields.reduce((sum, field) => sum + 2 + paragraphs(field.description), 0) +
    seed.networkGoals.length * 2 +
    seed.glossaryTerms.reduce((sum, entry) => sum + 1 + (entry.definition ? 1 : 0), 0) +
    1 +
    paragraphs(seed.network.intro) +
    (seed.network.fundingNote.de ? 1 : 0) +
    seed.network.links.length
  );
}

async function digestRows(): Promise<number> {
  return getStrapi().db.query(DIGEST).count({});
}

async function adminToken(): Promise<string> {
  const strapi = getStrapi();
  const email = `translator-${process.pid}@example.org`;
  const password = 'Translator-Test-1';
  const role = await strapi.service('admin::role').getSuperAdmin();
  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (!existing) {
    await strapi.service('admin::user').create({
      email,
      firstname: 'Test',
      lastname: 'Translator',
      password,
      isActive: true,
      roles: [role.id],
    });
  }
  const response = await api().post('/admin/login').send({ email, password });
  expect(response.status).toBe(200);
  return response.body.data.token as string;
}

describe('access', () => {
  it('closes status, export and import to the Public role', async () => {
    expect((await anonymous().get('/api/translations/status')).status).toBe(403);
    expect((await anonymous().get('/api/translations/export?target=en')).status).toBe(403);
    expect(
      (
        await anonymous()
          .post('/api/translations/import')
          .set('Content-Type', XLIFF)
          .send('<xliff/>')
      ).status
    ).toBe(403);
    expect((await anonymous().get('/translations/status')).status).toBe(401);
  });

  it('serves the status to an API token and to an admin session', async () => {
    const body = await status('?documents=false');
    expect(body.types.map((t) => t.uid).sort()).toEqual([...LOCALIZED_TYPES].sort());
    const admin = await api()
      .get('/translations/status?documents=false')
      .set('Authorization', `Bearer ${await adminToken()}`);
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual(body);
    // Without documents (and without sorting them) the counts are those of the full status.
    const full = await status('');
    expect(body.types).toEqual(full.types.map(({ documents: _documents, ...type }) => type));
  });

  it('never exposes the recorded digests over REST or GraphQL', async () => {
    // Every en city version was written through the Document Service: each has its digest.
    const enCities = await getStrapi()
      .db.query(CITY)
      .count({ where: { locale: 'en', publishedAt: null } });
    expect(enCities).toBeGreaterThanOrEqual(seedData().cities.length);
    expect(
      await getStrapi()
        .db.query(DIGEST)
        .count({ where: { contentType: CITY, targetLocale: 'en' } })
    ).toBe(enCities);
    expect((await anonymous().get('/api/translation-digests')).status).toBe(404);
    expect((await api().get('/api/translation-digests').set(tokenHeader())).status).toBe(404);
    const cities = await anonymous().get(
      '/api/cities?locale=en&populate=*&pagination[pageSize]=100'
    );
    expect(JSON.stringify(cities.body)).not.toMatch(/digest/i);
    const network = await anonymous().get('/api/network?locale=en&populate=*');
    expect(JSON.stringify(network.body)).not.toMatch(/digest/i);
    const query = await graphql('{ translationDigests { sourceDigest } }');
    expect(query.body.errors?.[0]?.message).toMatch(/Cannot query field "translationDigests"/);
    const type = await graphql('{ __type(name: "TranslationDigest") { name } }');
    expect(type.body.data?.__type ?? null).toBeNull();
  });

  it('keeps the digest type out of the content manager and the content-type builder', async () => {
    const admin = { Authorization: `Bearer ${await adminToken()}` };
    const listed = await api().get('/content-manager/content-types').set(admin);
    expect(listed.status).toBe(200);
    const digest = (listed.body.data as Array<{ uid: string; isDisplayed: boolean }>).find(
      (type) => type.uid === DIGEST
    );
    expect(digest).toMatchObject({ uid: DIGEST, isDisplayed: false });
    const builder = await api().get('/content-type-builder/content-types').set(admin);
    expect(builder.status).toBe(200);
    const schema = (builder.body.data as Array<{ uid: string; schema: { visible: boolean } }>).find(
      (type) => type.uid === DIGEST
    );
    expect(schema?.schema.visible).toBe(false);
  });

  it('answers a bad request with 400 and what is wrong', async () => {
    const bad = await api().get('/api/translations/status?target=fr').set(tokenHeader());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/target locale "fr" does not exist/);
    const type = await api()
      .get('/api/translations/export?target=en&type=api::nope.nope')
      .set(tokenHeader());
    expect(type.status).toBe(400);
    expect(type.body.error.message).toMatch(/not a localized content type/);
    const only = await api().get('/api/translations/export?target=en&only=done').set(tokenHeader());
    expect(only.status).toBe(400);
    const nothing = await api()
      .get('/api/translations/export?target=en&only=unknown')
      .set(tokenHeader());
    expect(nothing.status).toBe(204);
  });
});

describe('status', () => {
  it('matches what the API returns, per type and locale', async () => {
    const body = await status();
    const strapi = getStrapi();
    for (const type of body.types) {
      const info = strapi.contentTypes[type.uid as UID.ContentType].info;
      const path =
        strapi.contentTypes[type.uid as UID.ContentType].kind === 'singleType'
          ? info.singularName
          : info.pluralName;
      const count = async (locale: string): Promise<number> => {
        const response = await api()
          .get(`/api/${path}?locale=${locale}&status=draft&pagination[pageSize]=1`)
          .set(tokenHeader());
        if (response.status === 404) return 0;
        expect(response.status).toBe(200);
        return Array.isArray(response.body.data) ? response.body.meta.pagination.total : 1;
      };
      const en = type.locales.find((l) => l.locale === 'en') as Counts;
      expect(en.total).toBe(await count('de'));
      expect(en.translated + en.outdated + en.unknown).toBe(await count('en'));
      expect(en.translated + en.outdated + en.unknown + en.missing).toBe(en.total);
      expect(type.documents).toHaveLength(en.total);
    }
    // Every seeded document has its en version, written by the seed: all translated.
    const seed = seedData();
    const seeded: Record<string, number> = {
      [CITY]: seed.cities.length,
      [COUNTRY]: seed.countries.length,
      [CREATIVE_FIELD]: seed.creativeFields.length,
      [NETWORK_GOAL]: seed.networkGoals.length,
      [NETWORK]: 1,
    };
    for (const [uid, total] of Object.entries(seeded)) {
      expect({ uid, counts: body.types.find((t) => t.uid === uid)?.locales }).toEqual({
        uid,
        counts: [
          {
            locale: 'en',
            total,
            translated: total,
            missing: 0,
            outdated: 0,
            unknown: 0,
            percent: 100,
            // The seed publishes every English version, and nobody has changed a review state.
            review: {
              untranslated: 0,
              'in-translation': 0,
              translated: 0,
              reviewed: 0,
              published: total,
            },
            // The seed links every locale version of a city to the same country and field.
            factsDiffer: 0,
          },
        ],
      });
    }
  });
});

describe('query count', () => {
  it('computes the status of all types with a few queries per type, not one per document', async () => {
    const response = await api().get('/api/translations/status').set(tokenHeader());
    expect(response.status).toBe(200);
    // Sources, their components, target ids, digests and the locales: bounded per type, while
    // the seed has hundreds of documents.
    expect(queriesOf(response)).toBeGreaterThan(0);
    expect(queriesOf(response)).toBeLessThanOrEqual(LOCALIZED_TYPES.length * 6 + 6);
  });
});

describe('round trip on the full seed content', () => {
  it('exports every de→en unit as XLIFF 2.0 and imports it unchanged without changing content', async () => {
    const before = await enSnapshot();
    const xml = await exportXliff('source=de&target=en');
    const units = (xml.match(/<unit /g) ?? []).length;
    expect(units).toBe(seededUnits());
    expect(xml).not.toMatch(/:slug"|:key"|:memberSince"|\.url"|:country"/);

    const response = await importFile(xml);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ units, created: 0, updated: 0, stale: [], skipped: [] });
    expect(response.body.unchanged).toBe(response.body.documents);
    expect(await enSnapshot()).toBe(before);
  });

  it('round-trips the network page through XLIFF 1.2 as well', async () => {
    const before = await enSnapshot();
    const xml = await exportXliff('target=en&type=api::network.network&format=xliff12');
    expect(xml).toContain('version="1.2"');
    expect(xml).toContain(':links.0.label"');
    const response = await importFile(xml);
    expect(response.status).toBe(200);
    expect(response.body.updated).toBe(0);
    expect(await enSnapshot()).toBe(before);
  });
});

describe('outdated detection', () => {
  let documentId = '';
  let germanName = '';
  let englishName = '';

  beforeAll(async () => {
    const krakow = seedData().cities.find((city) => city.key === 'krakow');
    germanName = krakow?.name.de as string;
    englishName = krakow?.name.en as string;
    const city = await getStrapi()
      .documents(CITY)
      .findFirst({ locale: 'de', filters: { key: 'krakow' } });
    documentId = city?.documentId as string;
  });

  it('marks the English version outdated when the German source changes, and a re-import clears it', async () => {
    expect(await stateOf(documentId)).toBe('translated');
    const edit = await api()
      .put(`/api/cities/${documentId}?locale=de`)
      .set(tokenHeader())
      .send({ data: { name: `${germanName} (neu)` } });
    expect(edit.status).toBe(200);
    expect(await stateOf(documentId)).toBe('outdated');
    const counts = (await status(`?type=${CITY}`)).types[0].locales[0];
    expect(counts).toMatchObject({ outdated: 1, translated: seedData().cities.length - 1 });

    const xml = await exportXliff(`target=en&type=${CITY}&only=outdated`);
    expect((xml.match(/<unit /g) ?? []).length).toBe(1);
    expect(xml).toContain(`<source>${germanName} (neu)</source>`);
    const translated = xml.replace(
      `<target>${englishName}</target>`,
      `<target>${englishName} (new)</target>`
    );
    const response = await importFile(translated);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ updated: 1, documents: 1 });
    expect(await stateOf(documentId)).toBe('translated');
    const draft = await api()
      .get(`/api/cities/${documentId}?locale=en&status=draft`)
      .set(tokenHeader());
    expect(draft.body.data.name).toBe(`${englishName} (new)`);
    const published = await anonymous().get(`/api/cities/${documentId}?locale=en`);
    expect(published.body.data.name).toBe(englishName);
  });

  it('keeps the English version outdated when a write names none of its translated fields', async () => {
    await getStrapi()
      .documents(CITY)
      .update({ documentId, locale: 'de', data: { name: `${germanName} (1b)` } as never });
    expect(await stateOf(documentId)).toBe('outdated');
    // A draft update through the Document Service, like every API and admin write.
    const writeWebsite = (website: string | null) =>
      getStrapi()
        .documents(CITY)
        .update({ documentId, locale: 'en', data: { website } as never });
    const seeded = (await getStrapi().documents(CITY).findOne({ documentId, locale: 'en' }))
      ?.website as string | null;
    await writeWebsite('https://example.org/krakow-outdated-test');
    expect(await stateOf(documentId)).toBe('outdated');
    await writeWebsite(seeded);
  });

  it('records the digest when an editor saves the English version in the admin panel', async () => {
    await getStrapi()
      .documents(CITY)
      .update({ documentId, locale: 'de', data: { name: `${germanName} (2)` } as never });
    expect(await stateOf(documentId)).toBe('outdated');
    const save = await api()
      .put(`/content-manager/collection-types/${CITY}/${documentId}?locale=en`)
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({ name: `${englishName} (2)` });
    expect(save.status).toBe(200);
    expect(await stateOf(documentId)).toBe('translated');
  });

  it('gives a discarded English draft the state of the published text it returns to', async () => {
    const discard = async () => {
      const response = await api()
        .post(`/content-manager/collection-types/${CITY}/${documentId}/actions/discard?locale=en`)
        .set('Authorization', `Bearer ${await adminToken()}`)
        .send({});
      expect(response.status).toBe(200);
    };
    const documents = getStrapi().documents(CITY);
    await documents.update({
      documentId,
      locale: 'de',
      data: { name: `${germanName} (3)` } as never,
    });
    expect(await stateOf(documentId)).toBe('outdated');
    await documents.update({
      documentId,
      locale: 'en',
      data: { name: `${englishName} (3)` } as never,
    });
    expect(await stateOf(documentId)).toBe('translated');
    // The draft is the published English text again, translated from an older German text.
    await discard();
    const draft = await documents.findOne({ documentId, locale: 'en' });
    expect(draft?.name).toBe(englishName);
    expect(await stateOf(documentId)).toBe('outdated');

    // Published from the current source, a discarded draft stays translated.
    await documents.update({
      documentId,
      locale: 'en',
      data: { name: `${englishName} (3)` } as never,
      status: 'published',
    });
    await documents.update({
      documentId,
      locale: 'en',
      data: { name: `${englishName} (4)` } as never,
    });
    await discard();
    expect((await documents.findOne({ documentId, locale: 'en' }))?.name).toBe(
      `${englishName} (3)`
    );
    expect(await stateOf(documentId)).toBe('translated');
  });

  it('is translated again once both versions have their seeded texts back', async () => {
    const documents = getStrapi().documents(CITY);
    await documents.update({
      documentId,
      locale: 'de',
      data: { name: germanName } as never,
      status: 'published',
    });
    expect(await stateOf(documentId)).toBe('outdated');
    await documents.update({
      documentId,
      locale: 'en',
      data: { name: englishName } as never,
      status: 'published',
    });
    expect(await stateOf(documentId)).toBe('translated');
    const published = await anonymous().get(`/api/cities/${documentId}?locale=en`);
    expect(published.body.data.name).toBe(englishName);
  });
});

describe('rich text, stale units and rejected files', () => {
  let documentId = '';
  let translatedXml = '';
  const richDescription = [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Die ' },
        { type: 'text', text: 'Stadt', bold: true },
        { type: 'text', text: ' „liegt“ am ' },
        {
          type: 'link',
          url: 'https://de.wikipedia.org/wiki/Rhein',
          children: [{ type: 'text', text: 'Rhein', italic: true }],
        },
        { type: 'text', text: ' & <Fluss> 🎉.' },
      ],
    },
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'Geschichte' }] },
  ];

  beforeAll(async () => {
    const created = await getStrapi()
      .documents(CITY)
      .create({
        locale: 'de',
        data: {
          key: 'translation-test-city',
          name: 'Übersetzungsstadt',
          description: richDescription,
        } as never,
      });
    documentId = created.documentId;
  });

  let deleted = false;

  afterAll(async () => {
    // Only when a test failed before the last one deleted it.
    if (!deleted) await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
  });

  async function missingFile(): Promise<string> {
    const xml = await exportXliff(`target=en&type=${CITY}&only=missing`);
    expect(xml).toContain(`${CITY}:${documentId}:name`);
    return xml;
  }

  /** Translates the test city's units; `description.0` moves the link before the bold code. */
  function translate(
    xml: string,
    paragraph = '<pc id="2" type="link"><pc id="3" type="fmt" subType="xlf:i">Rhine</pc></pc> city &amp; &lt;river&gt; is <pc id="1" type="fmt" subType="xlf:b">the</pc> “best” 🎉.'
  ): string {
    return xml
      .replace(
        '<source>Übersetzungsstadt</source>',
        '<source>Übersetzungsstadt</source><target>Translation City</target>'
      )
      .replace(
        /(<unit id="[^"]+:description\.0"[^>]*>.*?<\/source>)/,
        `$1<target>${paragraph}</target>`
      )
      .replace(
        '<source>Geschichte</source>',
        '<source>Geschichte</source><target>History</target>'
      );
  }

  it('is missing in English until imported; the import creates a draft with the formatting moved, not lost', async () => {
    expect(await stateOf(documentId)).toBe('missing');
    const xml = await missingFile();
    expect(xml).toContain('<pc id="1" type="fmt" subType="xlf:b">Stadt</pc>');
    expect(xml).toContain(
      '<pc id="2" type="link"><pc id="3" type="fmt" subType="xlf:i">Rhein</pc></pc>'
    );

    const dry = await importFile(translate(xml), '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 1 });
    expect(await stateOf(documentId)).toBe('missing');

    translatedXml = translate(xml);
    const response = await importFile(translatedXml);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1, documents: 1 });
    expect(await stateOf(documentId)).toBe('translated');
    const en = await api()
      .get(`/api/cities/${documentId}?locale=en&status=draft`)
      .set(tokenHeader());
    expect(en.body.data.name).toBe('Translation City');
    expect(en.body.data.slug).toBe('translation-city');
    expect(en.body.data.key).toBe('translation-test-city');
    expect(en.body.data.description).toEqual([
      {
        type: 'paragraph',
        children: [
          {
            type: 'link',
            url: 'https://de.wikipedia.org/wiki/Rhein',
            children: [{ type: 'text', text: 'Rhine', italic: true }],
          },
          { type: 'text', text: ' city & <river> is ' },
          { type: 'text', text: 'the', bold: true },
          { type: 'text', text: ' “best” 🎉.' },
        ],
      },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'History' }] },
    ]);
    expect((await anonymous().get(`/api/cities/${documentId}?locale=en`)).status).toBe(404);
  });

  it('publishes only on request', async () => {
    const response = await importFile(translatedXml, '?publish=true');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ documents: 1, unchanged: 1, published: 1 });
    const published = await anonymous().get(`/api/cities/${documentId}?locale=en`);
    expect(published.status).toBe(200);
    expect(published.body.data.name).toBe('Translation City');
  });

  describe('rejects the whole file with a clear error and writes nothing', () => {
    let valid = '';
    let before = '';
    let rows = 0;

    beforeAll(async () => {
      valid = await exportXliff(`target=en&type=${CITY}`);
      before = await enSnapshot();
      rows = await digestRows();
    });

    async function expectNothingWritten(): Promise<void> {
      expect(await enSnapshot()).toBe(before);
      expect(await digestRows()).toBe(rows);
    }

    /** The file also changes a valid unit, which must not be written either. */
    const withValidEdit = (xml: string): string =>
      xml.replace('<target>Translation City</target>', '<target>Changed City</target>');

    it('malformed XML', async () => {
      const response = await importFile(withValidEdit(valid).replace('</file>', ''));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /not well-formed XML: .* at line \d+, column \d+/
      );
      await expectNothingWritten();
    });

    it('an unknown unit id', async () => {
      const xml = withValidEdit(valid).replace(
        `${CITY}:${documentId}:description.1`,
        `${CITY}:nosuchdocument0000000000:name`
      );
      const response = await importFile(xml);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /unit api::city\.city:nosuchdocument0000000000:name: no City document/
      );
      const field = await importFile(
        withValidEdit(valid).replace(
          `${CITY}:${documentId}:description.1`,
          `${CITY}:${documentId}:key`
        )
      );
      expect(field.body.error.message).toMatch(
        new RegExp(`unit ${CITY}:${documentId}:key: "key" is not a translatable field`)
      );
      await expectNothingWritten();
    });

    it('a target locale that does not exist', async () => {
      const response = await importFile(
        withValidEdit(valid).replace('trgLang="en"', 'trgLang="fr"')
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/target locale "fr" does not exist/);
      await expectNothingWritten();
    });

    it('broken inline codes', async () => {
      const lost = withValidEdit(valid).replace(
        /(<target>)<pc id="2" type="link"><pc id="3" type="fmt" subType="xlf:i">Rhine<\/pc><\/pc>/,
        '$1Rhine'
      );
      expect(lost === withValidEdit(valid)).toBe(false);
      const response = await importFile(lost);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        new RegExp(
          `unit ${CITY}:${documentId}:description\\.0: inline codes "2", "3" missing in the target`
        )
      );
      const invented = withValidEdit(valid).replace(
        '<target>History</target>',
        '<target><pc id="7">History</pc></target>'
      );
      expect((await importFile(invented)).body.error.message).toMatch(
        /inline code "7" does not exist in the source/
      );
      await expectNothingWritten();
    });

    it('an oversized file', async () => {
      const huge = Buffer.alloc(10 * 1024 * 1024 + 1, ' ');
      const response = await importFile(huge);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/larger than the limit of 10485760 bytes/);
      await expectNothingWritten();
    });

    it('an unsupported XLIFF version', async () => {
      const response = await importFile(valid.replace('version="2.0"', 'version="3.0"'));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/unsupported XLIFF version "3.0"/);
      await expectNothingWritten();
    });
  });

  it('reports stale units and imports them only with acceptStale', async () => {
    const strapi = getStrapi();
    const changed = [
      richDescription[0],
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Geschichte der Stadt' }] },
    ];
    await strapi
      .documents(CITY)
      .update({ documentId, locale: 'de', data: { description: changed } as never });
    const edited = translatedXml.replace('<target>History</target>', '<target>Story</target>');
    const skipped = await importFile(edited);
    expect(skipped.status).toBe(200);
    expect(skipped.body.stale).toEqual([
      {
        unit: `${CITY}:${documentId}:description.1`,
        message: 'the source text changed since the export',
      },
    ]);
    expect(JSON.stringify(skipped.body.skipped)).toMatch(/field description not imported/);
    let en = await api().get(`/api/cities/${documentId}?locale=en&status=draft`).set(tokenHeader());
    expect(en.body.data.description[1].children[0].text).toBe('History');
    expect(await stateOf(documentId)).toBe('outdated');

    const accepted = await importFile(edited, '?acceptStale=true');
    expect(accepted.status).toBe(200);
    en = await api().get(`/api/cities/${documentId}?locale=en&status=draft`).set(tokenHeader());
    expect(en.body.data.description[1].children[0].text).toBe('Story');
    // Translated from a source that has changed since: still outdated.
    expect(await stateOf(documentId)).toBe('outdated');
  });

  it('forgets the document and its digests when it is deleted', async () => {
    await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
    deleted = true;
    const remaining = await getStrapi()
      .db.query(DIGEST)
      .count({ where: { entryDocumentId: documentId } });
    expect(remaining).toBe(0);
    const counts = (await status(`?type=${CITY}&documents=false`)).types[0].locales[0];
    expect(counts.total).toBe(seedData().cities.length);
  });
});
