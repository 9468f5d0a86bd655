/**
 * miss-path-speedups in the plugin host (tests/plugin-host): uncached reads answer as Strapi does.
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

describe('miss-path-speedups in the plugin host', () => {
  it('answers uncached reads as Strapi does: relations shown, the private field never', async () => {
    // A fresh key each run (the cache would answer a repeated URL): pagination is the variable.
    const res = await get(
      `/api/articles?locale=fr&populate=author&sort=title:asc&pagination[pageSize]=${20 + (Date.now() % 50)}`
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBe('MISS');
    const articles = res.body.data as Array<Article & { editorNote?: string }>;
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.author?.locale === 'fr')).toBe(true);
    expect(articles.every((a) => !('editorNote' in a))).toBe(true);
  });

  it('keeps GraphQL answers uncacheable for browsers with the cache hints off', async () => {
    const res = await request(host.url)
      .post('/graphql')
      .set(host.token)
      .send({ query: '{ articles(locale: "fr") { title } }' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
