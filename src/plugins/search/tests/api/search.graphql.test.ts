import { anonymous, graphql } from '../../../../../tests/helpers/api';

const SEARCH = `
  query Search(
    $q: String!
    $locale: I18NLocaleCode
    $fallbackLocale: I18NLocaleCode
    $types: [String!]
    $pagination: PaginationArg
  ) {
    search(
      q: $q
      locale: $locale
      fallbackLocale: $fallbackLocale
      types: $types
      pagination: $pagination
    ) {
      hits {
        type
        documentId
        name
        slug
        locale
        fallback
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
        },
      ],
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
