/**
 * releases in the plugin host (tests/plugin-host: a localized article, locales fr and it): what
 * the plugin promises holds with another content model and other locales.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);
const post = (path: string, data: Record<string, unknown>) =>
  request(host.url).post(path).set(host.token).send({ data });

describe('releases in the plugin host', () => {
  it('publishes an article in fr and it together, and refuses a locale the host does not have', async () => {
    const article = (await post('/api/articles?locale=fr&status=draft', { title: 'Lancement' }))
      .body.data.documentId as string;
    await request(host.url)
      .put(`/api/articles/${article}?locale=it&status=draft`)
      .set(host.token)
      .send({ data: { title: 'Lancio' } })
      .expect(200);
    const entry = (locale: string) => ({
      uid: 'api::article.article',
      documentId: article,
      locale,
    });

    const wrong = await post('/api/releases', { name: 'x', entries: [entry('de')] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('unknown locale de (the app has es, fr, it)');

    const created = await post('/api/releases', {
      name: 'Lancement',
      entries: [entry('fr'), entry('it')],
    });
    expect(created.status).toBe(201);
    expect((await get(`/api/articles/${article}?locale=it`)).status).toBe(404);
    const ran = await request(host.url)
      .post(`/api/releases/${created.body.data.id}/publish`)
      .set(host.token)
      .expect(200);
    expect(ran.body.data.status).toBe('done');
    expect((await get(`/api/articles/${article}?locale=it`)).body.data.title).toBe('Lancio');
    expect((await get(`/api/articles/${article}?locale=fr`)).body.data.title).toBe('Lancement');
  });

  it('answers the admin route with an admin session and refuses anonymous readers', async () => {
    expect((await get('/releases').set(host.admin)).status).toBe(200);
    expect((await get('/api/releases')).status).toBe(403);
  });
});
