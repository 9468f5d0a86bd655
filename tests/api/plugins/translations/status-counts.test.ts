/**
 * The status's counts alone (`documents=false`) come from aggregate queries; with the document
 * list they are its tally, computed document by document as the counts always were. Both must
 * tell the same, on the seed and after documents became outdated, unknown, missing and
 * reviewed in English, on SQLite and PostgreSQL.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import type { TranslationState } from '../../../../src/plugins/translations/server/src/lib/status';
import type { ReviewState } from '../../../../src/plugins/translations/server/src/lib/review';

const CITY = 'api::city.city' satisfies UID.ContentType;
const DIGEST = 'plugin::translations.translation-digest';

interface StatusBody {
  types: Array<{
    uid: string;
    locales: Array<Record<string, unknown> & { locale: string }>;
    documents?: Array<{
      documentId: string;
      states: Record<string, TranslationState>;
      review: Record<string, ReviewState>;
      factsDiffer?: Record<string, string[]>;
    }>;
  }>;
}

async function status(query = ''): Promise<StatusBody> {
  const response = await request(baseUrl())
    .get(`/api/translations/status?${query}`)
    .set(tokenHeader());
  expect(response.status).toBe(200);
  return response.body as StatusBody;
}

/** Counts of the city type in English. */
async function cityCounts(): Promise<Record<string, unknown>> {
  const body = await status(`type=${CITY}&target=en&documents=false`);
  return body.types[0].locales[0];
}

/**
 * The counts alone (`documents=false`, aggregate queries) equal those counted from the document
 * list (the status with its documents, computed document by document as it always was).
 */
async function expectCountsMatchDocuments(): Promise<StatusBody> {
  const full = await status();
  expect(full.types.length).toBeGreaterThan(3);
  const countsOnly = await status('documents=false');
  expect(countsOnly.types).toEqual(full.types.map(({ documents: _, ...type }) => type));
  return full;
}

const created: string[] = [];

afterAll(async () => {
  for (const documentId of created)
    await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
});

describe('translation status counts', () => {
  it('equal the tally of the documents on the seed', async () => {
    const full = await expectCountsMatchDocuments();
    const city = full.types.find((type) => type.uid === CITY);
    expect(Number(city?.locales[0].total)).toBeGreaterThan(400);
  });

  it('equal the tally after documents became outdated, unknown, missing, reviewed', async () => {
    const strapi = getStrapi();
    const before = await cityCounts();
    const city = async (key: string, name: string, english: boolean): Promise<string> => {
      const { documentId } = await strapi.documents(CITY).create({
        locale: 'de',
        data: { name, key } as never,
      });
      created.push(documentId);
      if (english)
        await strapi.documents(CITY).update({
          documentId,
          locale: 'en',
          data: { name: `${name} (en)` } as never,
        });
      return documentId;
    };
    // German only: missing, untranslated.
    await city('status-counts-missing', 'Zählstadt Eins', false);
    // An English draft without a recorded digest: unknown, in translation.
    const unknown = await city('status-counts-unknown', 'Zählstadt Zwei', true);
    await strapi.db.query(DIGEST).deleteMany({
      where: { contentType: CITY, entryDocumentId: unknown, targetLocale: 'en' },
    });
    // Published in English, then the German source changed: outdated, published; then reviewed.
    const outdated = await city('status-counts-outdated', 'Zählstadt Drei', true);
    await strapi.documents(CITY).publish({ documentId: outdated, locale: 'en' });
    await strapi.documents(CITY).update({
      documentId: outdated,
      locale: 'de',
      data: { name: 'Zählstadt Drei (geändert)' } as never,
    });
    let after = await cityCounts();
    expect((after.review as Record<ReviewState, number>).published).toBe(
      (before.review as Record<ReviewState, number>).published + 1
    );
    const review = await request(baseUrl())
      .put('/api/translations/state')
      .set(tokenHeader())
      .send({ type: CITY, documentId: outdated, locale: 'en', state: 'reviewed' });
    expect(review.status).toBe(200);

    after = await cityCounts();
    const was = (name: string) => Number(before[name]);
    expect(after).toMatchObject({
      total: was('total') + 3,
      translated: was('translated'),
      missing: was('missing') + 1,
      unknown: was('unknown') + 1,
      outdated: was('outdated') + 1,
    });
    const reviewBefore = before.review as Record<ReviewState, number>;
    expect(after.review).toEqual({
      ...reviewBefore,
      untranslated: reviewBefore.untranslated + 1,
      'in-translation': reviewBefore['in-translation'] + 1,
      reviewed: reviewBefore.reviewed + 1,
    });
    await expectCountsMatchDocuments();
  });
});
