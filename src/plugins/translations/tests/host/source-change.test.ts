/**
 * What changed in the source, in the plugin host (tests/plugin-host: articles, fr → it): the
 * digest keeps the source the translation was made from, and the XLIFF export of an outdated unit
 * carries that previous source.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const ARTICLE = 'api::article.article';

/** Writes the draft of an article's `locale` version over REST with the host's API token. */
async function writeDraft(path: string, data: Record<string, unknown>, method: 'post' | 'put') {
  const res = await request(host.url)[method](path).set(host.token).send({ data });
  expect(res.status).toBe(method === 'post' ? 201 : 200);
  return res.body.data as { documentId: string };
}

async function exportFile(query: string): Promise<string> {
  const response = await request(host.url)
    .get(`/api/translations/export?${query}`)
    .set(host.token)
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
    ({ documentId } = await writeDraft(
      '/api/articles?locale=fr&status=draft',
      { title: 'Altstadt am Fluss' },
      'post'
    ));
    await writeDraft(
      `/api/articles/${documentId}?locale=it&status=draft`,
      { title: 'Old Town on the River' },
      'put'
    );
    await writeDraft(
      `/api/articles/${documentId}?locale=fr&status=draft`,
      { title: 'Neustadt am Fluss' },
      'put'
    );
  });

  afterAll(async () => {
    for (const locale of ['it', 'fr'])
      await request(host.url)
        .delete(`/api/articles/${documentId}?locale=${locale}`)
        .set(host.token);
  });

  const unitOf = (xml: string): string =>
    new RegExp(`<(unit|trans-unit) id="${ARTICLE}:${documentId}:title".*?</\\1>`).exec(xml)?.[0] ??
    'unit not found';

  it('XLIFF 2.0: change tracking module and a note with the previous source', async () => {
    const unit = unitOf(await exportFile(`source=fr&target=it&type=${ARTICLE}&only=outdated`));
    expect(unit).toContain(
      '<ctr:changeTrack><ctr:revisions appliesTo="source"><ctr:revision><ctr:item property="content">Altstadt am Fluss</ctr:item></ctr:revision></ctr:revisions></ctr:changeTrack>'
    );
    expect(unit).toContain('Source before the change: Altstadt am Fluss');
    expect(unit).toContain(
      '<source>Neustadt am Fluss</source><target>Old Town on the River</target>'
    );
  });

  it('XLIFF 1.2: alt-trans of type previous-version with the old source and current target', async () => {
    const unit = unitOf(
      await exportFile(`source=fr&target=it&type=${ARTICLE}&only=outdated&format=xliff12`)
    );
    expect(unit).toContain(
      '<alt-trans alttranstype="previous-version"><source>Altstadt am Fluss</source><target>Old Town on the River</target></alt-trans>'
    );
  });
});
