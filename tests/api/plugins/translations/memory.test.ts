/**
 * Translation memory over HTTP on the seeded app: filled by publishing (the seed publishes every
 * English version), exported as TMX, used by the XLIFF export for exact pre-fills and fuzzy
 * matches. Expectations come from database/seed/creative-fields.json.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../../../helpers/api';
import { seedData } from '../../../helpers/seed-data';
import { getStrapi } from '../../../helpers/strapi';

const CITY = 'api::city.city' satisfies UID.ContentType;
const api = () => request(baseUrl());

async function text(path: string): Promise<{ status: number; body: string; units?: string }> {
  const response = await api()
    .get(path)
    .set(tokenHeader())
    .buffer(true)
    .parse((res, done) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => done(null, body));
    });
  return {
    status: response.status,
    body: response.body as string,
    units: response.headers['x-translation-units'] as string | undefined,
  };
}

const field = () => seedData().creativeFields[0];

describe('translation memory', () => {
  let documentId = '';

  afterAll(async () => {
    if (documentId) await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
  });

  it('holds the published pairs of the seed, exported as TMX 1.4b to API tokens only', async () => {
    const tmx = await text('/api/translations/tmx');
    expect(tmx.status).toBe(200);
    expect(tmx.body).toContain('<tmx version="1.4">');
    expect(Number(tmx.units)).toBeGreaterThan(seedData().creativeFields.length);
    const { name, description } = field();
    expect(tmx.body).toContain(
      `<tuv xml:lang="de"><seg>${name.de}</seg></tuv><tuv xml:lang="en"><seg>${name.en}</seg></tuv>`
    );
    expect(tmx.body).toContain(`<seg>${description?.en[0]}</seg>`);
    expect((await anonymous().get('/api/translations/tmx')).status).toBe(403);
  });

  it('pre-fills a new unit from an exact match and offers fuzzy matches with their score', async () => {
    const { name, description } = field();
    const paragraph = description?.de[0] ?? '';
    // One word changed: a fuzzy match of the seeded paragraph.
    const changed = paragraph.replace(/^Städte/, 'Orte');
    const created = await getStrapi()
      .documents(CITY)
      .create({
        locale: 'de',
        data: {
          key: 'memory-test-city',
          name: name.de,
          description: [{ type: 'paragraph', children: [{ type: 'text', text: changed }] }],
        } as never,
      });
    documentId = created.documentId;

    const v2 = await text(`/api/translations/export?target=en&type=${CITY}&only=missing`);
    expect(v2.status).toBe(200);
    const nameUnit = new RegExp(`<unit id="${CITY}:${documentId}:name".*?</unit>`).exec(
      v2.body
    )?.[0];
    expect(nameUnit).toContain(
      `<segment state="initial"><source>${name.de}</source><target>${name.en}</target></segment>`
    );
    expect(nameUnit).toContain('Pre-filled from the translation memory (exact match');
    const block = new RegExp(`<unit id="${CITY}:${documentId}:description.0".*?</unit>`).exec(
      v2.body
    )?.[0];
    const quality = /<mtc:match ref="#s1" matchQuality="([\d.]+)"/.exec(block ?? '')?.[1];
    expect(Number(quality)).toBeGreaterThanOrEqual(75);
    expect(Number(quality)).toBeLessThan(100);
    expect(block).toContain(`<target>${description?.en[0]}</target></mtc:match>`);
    expect(block).toContain('<segment id="s1" state="initial">');

    const v12 = await text(
      `/api/translations/export?target=en&type=${CITY}&only=missing&format=xliff12`
    );
    expect(v12.body).toContain(
      `<target state="needs-review-translation" state-qualifier="exact-match">${name.en}</target>`
    );
    expect(v12.body).toMatch(/<alt-trans match-quality="\d+" origin="api::creative-field/);
  });

  it('records the pairs of a version when it is published', async () => {
    await getStrapi()
      .documents(CITY)
      .update({ documentId, locale: 'en', data: { name: 'Memory Test City' } as never });
    const before = await text('/api/translations/tmx');
    expect(before.body).not.toContain('<seg>Memory Test City</seg>');
    await getStrapi().documents(CITY).publish({ documentId, locale: 'de' });
    await getStrapi().documents(CITY).publish({ documentId, locale: 'en' });
    const after = await text('/api/translations/tmx');
    expect(after.body).toContain(
      `<tuv xml:lang="de"><seg>${field().name.de}</seg></tuv><tuv xml:lang="en"><seg>Memory Test City</seg></tuv>`
    );
  });
});
