/**
 * What changed in the source: the digest keeps the source the translation was made from, and
 * the XLIFF export of an outdated unit carries that previous source.
 */
import type { UID } from '@strapi/strapi';
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../../../tests/helpers/api';
import { getStrapi } from '../../../../../tests/helpers/strapi';

const CITY = 'api::city.city' satisfies UID.ContentType;

async function exportFile(query: string): Promise<string> {
  const response = await request(baseUrl())
    .get(`/api/translations/export?${query}`)
    .set(tokenHeader())
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
  expect(response.status).toBe(200);
  return response.body as string;
}

describe('previous source of an outdated unit', () => {
  let documentId = '';

  beforeAll(async () => {
    const documents = getStrapi().documents(CITY);
    const created = await documents.create({
      locale: 'de',
      data: { key: 'source-change-city', name: 'Altstadt am Fluss' } as never,
    });
    documentId = created.documentId;
    await documents.update({
      documentId,
      locale: 'en',
      data: { name: 'Old Town on the River' } as never,
    });
    await documents.update({
      documentId,
      locale: 'de',
      data: { name: 'Neustadt am Fluss' } as never,
    });
  });

  afterAll(async () => {
    await getStrapi().documents(CITY).delete({ documentId, locale: '*' });
  });

  const unitOf = (xml: string): string =>
    new RegExp(`<(unit|trans-unit) id="${CITY}:${documentId}:name".*?</\\1>`).exec(xml)?.[0] ??
    'unit not found';

  it('XLIFF 2.0: change tracking module and a note with the previous source', async () => {
    const unit = unitOf(await exportFile(`target=en&type=${CITY}&only=outdated`));
    expect(unit).toContain(
      '<ctr:changeTrack><ctr:revisions appliesTo="source"><ctr:revision><ctr:item property="content">Altstadt am Fluss</ctr:item></ctr:revision></ctr:revisions></ctr:changeTrack>'
    );
    expect(unit).toContain('Source before the change: Altstadt am Fluss');
    expect(unit).toContain(
      '<source>Neustadt am Fluss</source><target>Old Town on the River</target>'
    );
  });

  it('XLIFF 1.2: alt-trans of type previous-version with the old source and current target', async () => {
    const unit = unitOf(await exportFile(`target=en&type=${CITY}&only=outdated&format=xliff12`));
    expect(unit).toContain(
      '<alt-trans alttranstype="previous-version"><source>Altstadt am Fluss</source><target>Old Town on the River</target></alt-trans>'
    );
  });
});
