/**
 * locale-fallback in the plugin host (tests/plugin-host: articles and authors, locales fr, it and
 * es with the stored chain es → it → fr): strict locales, fallback and the stored chain, REST and
 * GraphQL, with nothing of this app's content.
 */
import request from 'supertest';
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

describe('locale-fallback in the plugin host', () => {
  it('refuses an unknown locale with a 400 naming the host locales', async () => {
    const res = await get('/api/articles?locale=de');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Unknown locale "de". Available locales: es, fr, it.');
  });

  it('serves the fr-only article in fr, marked, among the it articles (REST, with the relation)', async () => {
    const res = await get(
      '/api/articles?locale=it&fallbackLocale=fr&populate=author&sort=title:asc'
    );
    expect(res.status).toBe(200);
    const articles = res.body.data as Article[];
    expect(articles.map((a) => [a.title, a.locale, a.fallback])).toEqual([
      ['Buongiorno', 'it', false],
      ['Seulement en français', 'fr', true],
    ]);
    expect(articles[0].author).toMatchObject({ name: 'Ada', locale: 'it' });
    expect(articles[1].author).toMatchObject({ name: 'Bruno', locale: 'fr' });
  });

  it('does the same over GraphQL, relation included', async () => {
    const res = await request(host.url)
      .post('/graphql')
      .send({
        query: `{ articles(locale: "it", fallbackLocale: "fr", sort: "title:asc") {
          title locale fallback author { name locale fallback } } }`,
      });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toEqual([
      {
        title: 'Buongiorno',
        locale: 'it',
        fallback: false,
        author: { name: 'Ada', locale: 'it', fallback: false },
      },
      {
        title: 'Seulement en français',
        locale: 'fr',
        fallback: true,
        author: { name: 'Bruno', locale: 'fr', fallback: true },
      },
    ]);
  });

  it('applies the stored chain es → it → fr without a parameter (REST, with the relation)', async () => {
    const res = await get('/api/articles?locale=es&populate=author&sort=title:asc');
    expect(res.status).toBe(200);
    const articles = res.body.data as Article[];
    // No article has es: the translated one comes in it (the chain's first step), the other in fr.
    expect(articles.map((a) => [a.title, a.locale, a.fallback])).toEqual([
      ['Buongiorno', 'it', true],
      ['Seulement en français', 'fr', true],
    ]);
    // Ada has an es version: the it article's author comes in es; Bruno only in fr.
    expect(articles[0].author).toMatchObject({ name: 'Ada', locale: 'es', fallback: false });
    expect(articles[1].author).toMatchObject({ name: 'Bruno', locale: 'fr', fallback: true });
    const none = await get('/api/articles?locale=es&fallbackLocale=none');
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
    const override = await get('/api/articles?locale=es&fallbackLocale=fr&sort=title:asc');
    expect((override.body.data as Article[]).map((a) => a.locale)).toEqual(['fr', 'fr']);
  });

  it('applies the stored chain over GraphQL, relation included', async () => {
    const res = await request(host.url)
      .post('/graphql')
      .send({
        query: `{ articles(locale: "es", sort: "title:asc") {
          title locale fallback author { name locale fallback } } }`,
      });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toEqual([
      {
        title: 'Buongiorno',
        locale: 'it',
        fallback: true,
        author: { name: 'Ada', locale: 'es', fallback: false },
      },
      {
        title: 'Seulement en français',
        locale: 'fr',
        fallback: true,
        author: { name: 'Bruno', locale: 'fr', fallback: true },
      },
    ]);
  });

  describe('empty translated fields under the chain es → it → fr', () => {
    let article = '';
    const setItalianSummary = async (summary: string) => {
      const res = await request(host.url)
        .put(`/api/articles/${article}?locale=it`)
        .set(host.token)
        .send({ data: { summary } });
      expect(res.status).toBe(200);
    };

    beforeAll(async () => {
      const list = await get('/api/articles?locale=it&filters[title][$eq]=Buongiorno');
      article = list.body.data[0].documentId;
      await setItalianSummary('');
    });
    afterAll(() => setItalianSummary('Un articolo tradotto'));

    it('fills the empty summary of the it version from fr and says so (REST and GraphQL)', async () => {
      const res = await get(`/api/articles/${article}?locale=es`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        title: 'Buongiorno',
        locale: 'it',
        fallback: true,
        summary: 'Un article traduit',
        fallbackFields: { summary: 'fr' },
      });
      const gql = await request(host.url)
        .post('/graphql')
        .send({
          query: `{ article(documentId: "${article}", locale: "es") {
            title summary fallbackFields { field locale } } }`,
        });
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.article).toEqual({
        title: 'Buongiorno',
        summary: 'Un article traduit',
        fallbackFields: [{ field: 'summary', locale: 'fr' }],
      });
      const none = await get(`/api/articles/${article}?locale=it&fallbackLocale=none`);
      expect(none.body.data).toMatchObject({ summary: '' });
      expect(none.body.data.fallbackFields).toBeUndefined();
    });
  });
});
