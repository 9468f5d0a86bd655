/**
 * The GraphQL `search` in the plugin host (tests/plugin-host: articles and authors, locales fr and
 * it): the same hits as REST, the fallback, and bad arguments as user errors.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';
import { SEARCH } from '../helpers/search-query';

const host = pluginHost();
const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  request(host.url).post('/graphql').send({ query, variables });

describe('GraphQL search in the plugin host', () => {
  it('serves an article missing in it in fr, marked, anonymously', async () => {
    const res = await graphql(SEARCH, { q: 'francais', locale: 'it', fallbackLocale: 'fr' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.search).toEqual({
      hits: [
        {
          type: 'articles',
          documentId: expect.any(String),
          name: 'Seulement en français',
          slug: null,
          locale: 'fr',
          fallback: true,
          match: 'word',
          matchedName: 'Seulement en français',
        },
      ],
      facets: [],
      pageInfo: { total: 1, page: 1, pageSize: 25, pageCount: 1 },
    });
  });

  it('gives the same hits as REST, page by page', async () => {
    const res = await graphql(SEARCH, {
      q: 'b',
      locale: 'fr',
      types: ['articles', 'authors'],
      pagination: { page: 2, pageSize: 1 },
    });
    expect(res.body.errors).toBeUndefined();
    const { body: rest } = await request(host.url).get('/api/search').query({
      q: 'b',
      locale: 'fr',
      types: 'articles,authors',
      'pagination[page]': 2,
      'pagination[pageSize]': 1,
    });
    expect(rest.data).toHaveLength(1);
    expect(
      res.body.data.search.hits.map(({ fallback: _f, ...hit }: { fallback: boolean }) => hit)
    ).toEqual(rest.data);
    expect(res.body.data.search.pageInfo).toEqual(rest.meta.pagination);
    expect(rest.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: 2 });
  });

  it('refuses an unknown locale at validation, like the generated queries (400)', async () => {
    const res = await graphql(`
      {
        search(q: "ada", locale: "xx-nonsense") {
          hits {
            name
          }
        }
      }
    `);
    expect(res.status).toBe(400);
  });

  it('reports an unknown type or a start/limit pagination as a user error', async () => {
    const types = await graphql(SEARCH, { q: 'ada', types: ['networks'] });
    expect(types.body.errors[0]).toMatchObject({
      message: 'Unknown type "networks" in types. Available types: articles, authors.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const pagination = await graphql(SEARCH, { q: 'ada', pagination: { start: 0, limit: 5 } });
    expect(pagination.body.errors[0].message).toBe(
      'search pages with pagination { page, pageSize }'
    );
  });
});
