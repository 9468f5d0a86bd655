/**
 * history in the plugin host (tests/plugin-host: articles and authors, locales fr and it): a
 * content model the plugin knows nothing of, recorded, compared and restored.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const ARTICLE = 'api::article.article';

describe('history in the plugin host', () => {
  it('records an article written over REST, compares and restores the first version', async () => {
    const created = await request(host.url)
      .post('/api/articles?locale=it&status=draft')
      .set(host.token)
      .send({ data: { title: 'Storia', summary: 'Una storia breve.' } });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    try {
      const updated = await request(host.url)
        .put(`/api/articles/${documentId}?locale=it&status=draft`)
        .set(host.token)
        .send({ data: { summary: 'Una storia molto lunga.' } });
      expect(updated.status).toBe(200);

      const list = await request(host.url)
        .get('/api/history/versions')
        .set(host.token)
        .query({ uid: ARTICLE, documentId, locale: 'it' });
      expect(list.status).toBe(200);
      expect(
        list.body.data.map((v: { action: string; changedFields: string[] }) => [
          v.action,
          v.changedFields,
        ])
      ).toEqual([
        ['update', ['summary']],
        ['create', ['title', 'summary']],
      ]);
      const first = list.body.data[1].id as number;

      const compare = await request(host.url)
        .get(`/history/versions/${first}/compare`)
        .set(host.admin);
      expect(compare.status).toBe(200);
      const summary = compare.body.data.fields.find(
        (field: { field: string }) => field.field === 'summary'
      );
      expect(summary.changed).toBe(true);
      expect(summary.diff).toEqual(
        expect.arrayContaining([
          { op: 'delete', text: 'molto lunga' },
          { op: 'insert', text: 'breve' },
        ])
      );

      const restored = await request(host.url)
        .post(`/api/history/versions/${first}/restore`)
        .set(host.token);
      expect(restored.status).toBe(200);
      expect(restored.body.data).toMatchObject({ title: 'Storia', summary: 'Una storia breve.' });
    } finally {
      await request(host.url).delete(`/api/articles/${documentId}?locale=it`).set(host.token);
    }
  });

  it('gives anonymous readers 403', async () => {
    const res = await request(host.url).get(`/api/history/versions?uid=${ARTICLE}&documentId=x`);
    expect(res.status).toBe(403);
  });
});
