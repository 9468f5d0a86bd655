/**
 * translations in the plugin host (tests/plugin-host): XLIFF export and import fr → it, status,
 * the admin route, and a relation declared shared (Article.author).
 */
import request from 'supertest';
import { xliff12ToJs, jsToXliff12 } from 'xliff';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);

interface Article {
  documentId: string;
  title: string;
  locale: string;
  fallback?: boolean;
  author?: { name: string; locale: string; fallback?: boolean } | null;
}

describe('translations in the plugin host', () => {
  interface StatusBody {
    types: { uid: string; documents: { label: string; states: Record<string, string> }[] }[];
  }
  const stateOf = (body: StatusBody, uid: string, label: string) =>
    body.types.find((type) => type.uid === uid)?.documents.find((doc) => doc.label === label)
      ?.states.it;

  it('exports fr → it, imports the translated file, and reports the documents translated', async () => {
    const statusPath = '/api/translations/status?source=fr&target=it&documents=true';
    const before = await get(statusPath).set(host.token);
    expect(before.status).toBe(200);
    expect(stateOf(before.body, 'api::article.article', 'Seulement en français')).toBe('missing');
    expect(stateOf(before.body, 'api::author.author', 'Bruno')).toBe('missing');

    const exported = await get(
      '/api/translations/export?source=fr&target=it&only=missing&format=xliff12'
    ).set(host.token);
    expect(exported.status).toBe(200);
    const xliff = await xliff12ToJs(exported.text);
    const units = Object.values(xliff.resources).flatMap((file) => Object.values(file));
    expect(units.map((unit) => unit.source)).toEqual(
      expect.arrayContaining(['Seulement en français', 'Pas encore traduit', 'Bruno'])
    );
    for (const unit of units) {
      if (typeof unit.source === 'string') unit.target = `${unit.source} (it)`;
    }

    const imported = await request(host.url)
      .post('/api/translations/import?publish=true')
      .set(host.token)
      .set('Content-Type', 'application/xliff+xml')
      .send(await jsToXliff12(xliff));
    expect(imported.status).toBe(200);

    const italian = await get('/api/articles?locale=it&sort=title:asc&fields[0]=title');
    expect((italian.body.data as Article[]).map((a) => a.title)).toContain(
      'Seulement en français (it)'
    );
    const after = await get(statusPath).set(host.token);
    expect(stateOf(after.body, 'api::article.article', 'Seulement en français')).toBe('translated');
    expect(stateOf(after.body, 'api::author.author', 'Bruno')).toBe('translated');
  });

  it('answers the admin route with an admin session and refuses anonymous readers', async () => {
    expect((await get('/translations/status?target=it').set(host.admin)).status).toBe(200);
    expect((await get('/api/translations/status?target=it')).status).toBe(403);
  });
});

describe('shared relations in the plugin host (Article.author declared shared)', () => {
  const put = (path: string, data: Record<string, unknown>) =>
    request(host.url).put(path).set(host.token).send({ data });
  const post = (path: string, data: Record<string, unknown>) =>
    request(host.url).post(path).set(host.token).send({ data });
  const authorOf = async (id: string, locale: string) =>
    (await get(`/api/articles/${id}?locale=${locale}&populate=author&status=draft`).set(host.token))
      .body.data.author?.name as string | undefined;

  let carla = '';
  let elena = '';
  let dario = '';

  beforeAll(async () => {
    const created = await post('/api/authors?locale=fr', { name: 'Carla' });
    carla = created.body.data.documentId;
    expect((await put(`/api/authors/${carla}?locale=it`, { name: 'Carla (it)' })).status).toBe(200);
    elena = (await post('/api/authors?locale=fr', { name: 'Elena' })).body.data.documentId;
    expect((await put(`/api/authors/${elena}?locale=it`, { name: 'Elena (it)' })).status).toBe(200);
    dario = (await post('/api/authors?locale=fr', { name: 'Dario' })).body.data.documentId;
  });

  it('a new it version starts with the author of fr; a change in fr reaches it, draft and published', async () => {
    const article = (await post('/api/articles?locale=fr', { title: 'Fatti', author: carla })).body
      .data.documentId as string;
    expect((await put(`/api/articles/${article}?locale=it`, { title: 'Fatti (it)' })).status).toBe(
      200
    );
    expect(await authorOf(article, 'it')).toBe('Carla (it)');

    expect((await put(`/api/articles/${article}?locale=fr`, { author: elena })).status).toBe(200);
    expect(await authorOf(article, 'it')).toBe('Elena (it)');
    const published = await get(`/api/articles/${article}?locale=it&populate=author`);
    expect(published.body.data.author.name).toBe('Elena (it)');
  });

  it('refuses an author without an it version with a 400 naming the locale, and keeps both versions', async () => {
    const article = (await post('/api/articles?locale=fr', { title: 'Coerente', author: carla }))
      .body.data.documentId as string;
    expect((await put(`/api/articles/${article}?locale=it`, { title: 'Coerente' })).status).toBe(
      200
    );
    const refused = await put(`/api/articles/${article}?locale=fr`, { author: dario });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"author"');
    expect(refused.body.error.message).toContain('"it"');
    expect(await authorOf(article, 'fr')).toBe('Carla');
    expect(await authorOf(article, 'it')).toBe('Carla (it)');
  });
});
