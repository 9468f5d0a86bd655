/**
 * The GraphQL `search` (strapi-plugin-search) over this app's cities: German and English names,
 * typos and the facets by country, as REST finds them. What needs no cities is tested in the
 * plugin host (src/plugins/search/tests/host/search.graphql.test.ts).
 */
import { anonymous, graphql } from '../helpers/api';
import { SEARCH } from '../../src/plugins/search/tests/helpers/search-query';

describe('GraphQL search over the cities', () => {
  it('finds Milan in en by its German name, anonymously', async () => {
    const res = await graphql(SEARCH, { q: 'Mailand', locale: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.search).toEqual({
      hits: [
        {
          type: 'cities',
          documentId: expect.any(String),
          name: 'Milan',
          slug: 'milan',
          locale: 'en',
          fallback: false,
          match: 'exact',
          matchedName: 'Mailand',
        },
      ],
      facets: [],
      pageInfo: { total: 1, page: 1, pageSize: 25, pageCount: 1 },
    });
  });

  it('forgives typos, names the facets like REST', async () => {
    const query = { q: 'heidleberg', locale: 'de', types: 'cities', facets: 'country' };
    const res = await graphql(SEARCH, { ...query, types: ['cities'], facets: ['country'] });
    expect(res.body.errors).toBeUndefined();
    const { body: rest } = await anonymous().get('/api/search').query(query);
    expect(res.body.data.search.hits[0]).toMatchObject({
      name: 'Heidelberg',
      match: 'typo',
      matchedName: 'Heidelberg',
    });
    expect(res.body.data.search.facets).toEqual([
      { name: 'country', values: rest.meta.facets.country },
    ]);
  });
});
