/**
 * Cursor pagination in the plugin host (tests/plugin-host): another content model, other
 * locales (fr, it), locale fallback.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);
const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  request(host.url).post('/graphql').send({ query, variables });

async function titlesByCursor(query: string): Promise<string[]> {
  const titles: string[] = [];
  let cursor = '';
  for (let page = 0; page < 10; page += 1) {
    const res = await get(`/api/articles?${query}&pagination[cursor]=${cursor}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    titles.push(res.body.data[0].title);
    const next = res.body.meta.pagination.nextCursor as string | null;
    if (next === null) return titles;
    cursor = next;
  }
  throw new Error('cursor pagination did not end');
}

describe('cursor pagination in the plugin host', () => {
  it('pages through the articles one by one, with locale fallback', async () => {
    expect(
      await titlesByCursor('locale=it&fallbackLocale=fr&sort=title&pagination[pageSize]=1')
    ).toEqual(['Buongiorno', 'Seulement en français']);
    expect(await titlesByCursor('locale=fr&sort=title:desc&pagination[pageSize]=1')).toEqual([
      'Seulement en français',
      'Bonjour',
    ]);
  });

  it('refuses to sort on a private field', async () => {
    const res = await get('/api/articles?sort=editorNote&pagination[cursor]=');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('"editorNote" is not one');
  });

  it('refuses a cursor of another locale', async () => {
    const first = await get('/api/articles?locale=fr&pagination[pageSize]=1&pagination[cursor]=');
    const res = await get(
      `/api/articles?locale=it&pagination[pageSize]=1&pagination[cursor]=${first.body.meta.pagination.nextCursor}`
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ param: 'pagination[cursor]' });
  });

  it('pages the GraphQL _connection query of another content type, and refuses a REST cursor', async () => {
    const query = `query Page($cursor: String) {
      articles_connection(locale: "fr", sort: "title:desc", pagination: { pageSize: 1, cursor: $cursor }) {
        nodes { title }
        pageInfo { pageSize nextCursor }
      }
    }`;
    const titles: string[] = [];
    let cursor: string | null = '';
    for (let page = 0; page < 10 && cursor !== null; page += 1) {
      const res = await graphql(query, { cursor });
      expect(res.body.errors).toBeUndefined();
      const { nodes, pageInfo } = res.body.data.articles_connection;
      titles.push(...nodes.map((node: { title: string }) => node.title));
      cursor = pageInfo.nextCursor;
    }
    expect(titles).toEqual(['Seulement en français', 'Bonjour']);
    const rest = await get(
      '/api/articles?locale=fr&sort=title:desc&pagination[pageSize]=1&pagination[cursor]='
    );
    const refused = await graphql(query, { cursor: rest.body.meta.pagination.nextCursor });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].message).toContain('pagination.cursor belongs to another query');
  });
});
