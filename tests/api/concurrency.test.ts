/**
 * Concurrent edits (strapi/strapi#20409): parallel writes to one locale never overwrite another
 * locale, and parallel writes to one locale end in exactly one of the written states.
 */
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';

const CITY = 'api::city.city';
const WRITES_PER_LOCALE = 12;

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

/** The text of the first paragraph of a blocks value. */
const firstText = (blocks: Array<{ children: Array<{ text: string }> }>) =>
  blocks[0].children[0].text;

const put = (documentId: string, locale: string, data: Record<string, unknown>) =>
  request(baseUrl())
    .put(`/api/cities/${documentId}?locale=${locale}`)
    .set(tokenHeader())
    .send({ data });

let documentId: string;

beforeAll(async () => {
  const created = await request(baseUrl())
    .post('/api/cities?locale=de')
    .set(tokenHeader())
    .send({
      data: { name: 'Parallelstadt', description: paragraph('Parallelstadt'), memberSince: 2010 },
    })
    .expect(201);
  documentId = created.body.data.documentId;
  await put(documentId, 'en', {
    name: 'Parallel City',
    description: paragraph('Parallel City'),
  }).expect(200);
});

afterAll(async () => {
  if (documentId) await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
});

async function readLocale(locale: string) {
  const res = await anonymous().get(`/api/cities/${documentId}?locale=${locale}`).expect(200);
  return res.body.data as {
    name: string;
    description: Array<{ children: Array<{ text: string }> }>;
    memberSince: number;
  };
}

/** Rows of the document per locale and state, straight from the database. */
async function rowsByLocale(): Promise<Record<string, number>> {
  const rows: Array<{ locale: string; publishedAt: string | null }> = await getStrapi()
    .db.query(CITY)
    .findMany({ where: { documentId } });
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const key = `${row.locale}:${row.publishedAt ? 'published' : 'draft'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrent edits', () => {
  it('parallel writes to en while de is edited never touch the other locale', async () => {
    const writes = Array.from({ length: WRITES_PER_LOCALE }, (_, i) => [
      put(documentId, 'en', {
        name: `Parallel City ${i}`,
        description: paragraph(`Parallel City ${i}`),
      }),
      put(documentId, 'de', {
        name: `Parallelstadt ${i}`,
        description: paragraph(`Parallelstadt ${i}`),
      }),
    ]).flat();
    const responses = await Promise.all(writes);
    expect(responses.map((res) => res.status)).toEqual(writes.map(() => 200));

    const de = await readLocale('de');
    const en = await readLocale('en');
    expect(de.name).toMatch(/^Parallelstadt \d+$/);
    expect(firstText(de.description)).toBe(de.name);
    expect(en.name).toMatch(/^Parallel City \d+$/);
    expect(firstText(en.description)).toBe(en.name);
    // Shared (non-localized) fields are untouched by writes that did not send them.
    expect([de.memberSince, en.memberSince]).toEqual([2010, 2010]);
    expect(await rowsByLocale()).toEqual({
      'de:draft': 1,
      'de:published': 1,
      'en:draft': 1,
      'en:published': 1,
    });
  });

  it('parallel writes to one locale end in one of the written states, never a mix', async () => {
    const writes = Array.from({ length: WRITES_PER_LOCALE * 2 }, (_, i) =>
      put(documentId, 'de', {
        name: `Zustand ${i}`,
        description: paragraph(`Zustand ${i}`),
        memberSince: 2030 + i,
      })
    );
    const responses = await Promise.all(writes);
    expect(responses.map((res) => res.status)).toEqual(writes.map(() => 200));

    const de = await readLocale('de');
    const written = de.name.match(/^Zustand (\d+)$/);
    expect(written).not.toBeNull();
    const i = Number(written?.[1]);
    expect(firstText(de.description)).toBe(`Zustand ${i}`);
    expect(de.memberSince).toBe(2030 + i);
    // memberSince is shared: the en version carries the same value, its own texts are intact.
    const en = await readLocale('en');
    expect(en.memberSince).toBe(de.memberSince);
    expect(en.name).toMatch(/^Parallel City \d+$/);
    expect(await rowsByLocale()).toEqual({
      'de:draft': 1,
      'de:published': 1,
      'en:draft': 1,
      'en:published': 1,
    });
  });
});
