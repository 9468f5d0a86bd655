import { anonymous, graphql } from '../../../../../tests/helpers/api';

const SEARCH = `
  query Search(
    $q: String!
    $locale: I18NLocaleCode
    $fallbackLocale: I18NLocaleCode
    $types: [String!]
    $facets: [String!]
    $pagination: PaginationArg
  ) {
    search(
      q: $q
      locale: $locale
      fallbackLocale: $fallbackLocale
      types: $types
      facets: $facets
      pagination: $pagination
    ) {
      hits {
        type
        documentId
        name
        slug
        locale
        fallback
        match
        matchedName
      }
      facets {
        name
        values {
          key
          name
          count
        }
      }
      pageInfo {
        total
        page
        pageSize
        pageCount
      }
    }
  }
`;

describe('GraphQL search', () => {
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

  it('gives the same hits as REST, page by page', async () => {
    const res = await graphql(SEARCH, {
      q: 'san',
      locale: 'de',
      types: ['cities'],
      pagination: { page: 2, pageSize: 3 },
    });
    expect(res.body.errors).toBeUndefined();
    const { body: rest } = await anonymous().get('/api/search').query({
      q: 'san',
      locale: 'de',
      types: 'cities',
      'pagination[page]': 2,
      'pagination[pageSize]': 3,
    });
    expect(
      res.body.data.search.hits.map(({ fallback: _f, ...hit }: { fallback: boolean }) => hit)
    ).toEqual(rest.data);
    expect(res.body.data.search.pageInfo).toEqual(rest.meta.pagination);
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

  it('refuses an unknown locale at validation, like the generated queries (400)', async () => {
    const res = await graphql(`
      {
        search(q: "milan", locale: "xx-nonsense") {
          hits {
            name
          }
        }
      }
    `);
    expect(res.status).toBe(400);
  });

  it('reports an unknown type or a start/limit pagination as a user error', async () => {
    const types = await graphql(SEARCH, { q: 'milan', types: ['networks'] });
    expect(types.body.errors[0]).toMatchObject({
      message:
        'Unknown type "networks" in types. Available types: cities, countries, creative-fields.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const pagination = await graphql(SEARCH, { q: 'milan', pagination: { start: 0, limit: 5 } });
    expect(pagination.body.errors[0].message).toBe(
      'search pages with pagination { page, pageSize }'
    );
  });
});
