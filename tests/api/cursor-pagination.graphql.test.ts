/**
 * Cursor pagination of the GraphQL `_connection` queries (api-guards, server/src/graphql-cursor.ts):
 * the same pages as offset pagination, the same signed cursors and refusals as REST's
 * `pagination[cursor]` (./cursor-pagination.test.ts), as `BAD_USER_INPUT` with HTTP 400.
 */
import fc from 'fast-check';
import request from 'supertest';
import { baseUrl, graphql, tokenHeader } from '../helpers/api';

interface Node {
  documentId: string;
  name: string;
}

interface Page {
  nodes: Node[];
  pageInfo: { pageSize: number; nextCursor: string | null };
}

/** A query as a token (never cached: both sides of a comparison are computed by the database). */
function asToken(query: string, variables: Record<string, unknown>): request.Test {
  return request(baseUrl()).post('/graphql').set(tokenHeader()).send({ query, variables });
}

const CURSOR_QUERY = `query Cities($locale: I18NLocaleCode, $sort: [String], $filters: CityFiltersInput, $pageSize: Int, $cursor: String, $status: PublicationStatus) {
  cities_connection(locale: $locale, sort: $sort, filters: $filters, status: $status, pagination: { pageSize: $pageSize, cursor: $cursor }) {
    nodes { documentId name }
    pageInfo { pageSize nextCursor }
  }
}`;

const OFFSET_QUERY = `query Cities($locale: I18NLocaleCode, $sort: [String], $filters: CityFiltersInput, $pageSize: Int, $page: Int, $status: PublicationStatus) {
  cities_connection(locale: $locale, sort: $sort, filters: $filters, status: $status, pagination: { pageSize: $pageSize, page: $page }) {
    nodes { documentId name }
    pageInfo { pageCount nextCursor }
  }
}`;

type Variables = Record<string, unknown>;

async function allByCursor(
  variables: Variables,
  send: (query: string, variables: Variables) => request.Test = graphql
): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor = '';
  for (;;) {
    const res = await send(CURSOR_QUERY, { ...variables, cursor });
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    const page = res.body.data.cities_connection as Page;
    pages.push(page);
    if (page.pageInfo.nextCursor === null) return pages;
    cursor = page.pageInfo.nextCursor;
  }
}

async function allByOffset(variables: Variables): Promise<Node[][]> {
  const pages: Node[][] = [];
  for (let page = 1; ; page += 1) {
    const res = await asToken(OFFSET_QUERY, { ...variables, page });
    expect(res.body.errors).toBeUndefined();
    const { nodes, pageInfo } = res.body.data.cities_connection;
    expect(pageInfo.nextCursor).toBeNull();
    if (nodes.length > 0) pages.push(nodes);
    if (page >= pageInfo.pageCount) return pages;
  }
}

const ids = (pages: Node[][]): string[][] =>
  pages.map((page) => page.map((node) => node.documentId));

/** The first page's nextCursor of `variables`. */
async function secondCursor(variables: Variables): Promise<string> {
  const res = await graphql(CURSOR_QUERY, { ...variables, cursor: '' });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.cities_connection.pageInfo.nextCursor as string;
}

function expectRefusal(res: request.Response, message: string): void {
  expect(res.status).toBe(400);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(res.body.errors[0].message).toContain(message);
}

describe('cursor pagination of the GraphQL _connection queries', () => {
  it('pages through all cities with nextCursor, null on the last page', async () => {
    const total = (await graphql('{ cities_connection(locale: "de") { pageInfo { total } } }')).body
      .data.cities_connection.pageInfo.total as number;
    const pages = await allByCursor({ locale: 'de', sort: ['name:asc'], pageSize: 100 });
    const nodes = pages.flatMap((page) => page.nodes);
    expect(nodes).toHaveLength(total);
    expect(new Set(nodes.map((node) => node.documentId)).size).toBe(total);
    expect(pages.at(-1)?.pageInfo).toEqual({ pageSize: 100, nextCursor: null });
    for (const page of pages.slice(0, -1)) {
      expect(page.nodes).toHaveLength(100);
      expect(page.pageInfo.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    const names = nodes.map((node) => node.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('answers nextCursor null on offset pages, and offset pages as before', async () => {
    const res = await graphql(
      '{ cities_connection(locale: "en", pagination: { pageSize: 2 }) { nodes { name } pageInfo { total page pageSize pageCount nextCursor } } }'
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.cities_connection.pageInfo).toMatchObject({
      page: 1,
      pageSize: 2,
      nextCursor: null,
    });
  });

  it('is cached like any other read: the same cursor page twice is a hit', async () => {
    const body = { query: CURSOR_QUERY, variables: { locale: 'en', pageSize: 3, cursor: '' } };
    const first = await request(baseUrl()).post('/graphql').send(body);
    const second = await request(baseUrl()).post('/graphql').send(body);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  describe('bad cursors are a 400 BAD_USER_INPUT that says which', () => {
    const variables = { locale: 'de', sort: ['name'], pageSize: 2 };

    it.each([['not-a-cursor'], ['eyJxIjoiYSJ9.AAAA']])(
      'a malformed cursor (%s)',
      async (cursor) => {
        const res = await graphql(CURSOR_QUERY, { ...variables, cursor });
        expectRefusal(res, 'pagination.cursor is malformed');
        expect(res.body.errors[0].extensions.param).toBe('pagination.cursor');
      }
    );

    it('a tampered cursor (the signature no longer fits)', async () => {
      const [body, mac] = (await secondCursor(variables)).split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      payload.k[0] = 'A';
      const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
      expectRefusal(
        await graphql(CURSOR_QUERY, { ...variables, cursor: forged }),
        'pagination.cursor is malformed'
      );
    });

    it.each([
      ['another sort', { sort: ['slug'] }],
      ['another locale', { locale: 'en' }],
      ['another page size', { pageSize: 3 }],
      ['other filters', { filters: { memberSince: { gt: 2010 } } }],
    ])('a cursor of another query (%s)', async (_what, change) => {
      const cursor = await secondCursor(variables);
      expectRefusal(
        await graphql(CURSOR_QUERY, { ...variables, ...change, cursor }),
        'pagination.cursor belongs to another query'
      );
    });

    it('a REST cursor', async () => {
      const rest = await request(baseUrl()).get(
        '/api/cities?locale=de&sort=name&pagination[pageSize]=2&pagination[cursor]='
      );
      expectRefusal(
        await graphql(CURSOR_QUERY, { ...variables, cursor: rest.body.meta.pagination.nextCursor }),
        'pagination.cursor belongs to another query'
      );
    });

    it.each([
      [
        '{ cities_connection(pagination: { cursor: "", page: 2 }) { nodes { name } } }',
        'pagination.cursor cannot be combined with pagination.page',
      ],
      [
        '{ cities_connection(pagination: { cursor: "", limit: 5 }) { nodes { name } } }',
        'pagination.cursor cannot be combined with pagination.limit',
      ],
      [
        '{ cities_connection(pagination: { cursor: "" }) { pageInfo { total } } }',
        'pagination.cursor pages without counting: ask pageInfo for pageSize and nextCursor, not total',
      ],
      [
        '{ cities_connection(pagination: { cursor: "" }) { ...Info } } fragment Info on CityEntityResponseCollection { pageInfo { pageCount } }',
        'not pageCount',
      ],
      [
        '{ cities_connection(sort: "country.name", pagination: { cursor: "" }) { nodes { name } } }',
        "sort takes the type's own text, number, date or boolean fields",
      ],
      [
        '{ cities_connection(sort: "name:sideways", pagination: { cursor: "" }) { nodes { name } } }',
        'sort direction of "name" must be asc or desc',
      ],
      [
        '{ cities(pagination: { cursor: "" }) { name } }',
        'pagination.cursor pages the root _connection queries',
      ],
      [
        '{ creativeFields { cities_connection(pagination: { cursor: "" }) { nodes { name } } } }',
        'pagination.cursor pages the root _connection queries',
      ],
    ])('%s', async (query, message) => {
      expectRefusal(await graphql(query), message);
    });
  });

  it('yields exactly the offset pages for random sorts, filters and page sizes (uncached)', async () => {
    const fields = ['name', 'slug', 'memberSince', 'latitude', 'website', 'createdAt', 'key'];
    const filters: Array<Variables | undefined> = [
      undefined,
      { memberSince: { gte: 2015 } },
      { country: { isoCode: { in: ['DE', 'IT'] } } },
      { creativeField: { key: { eq: 'design' } } },
      { name: { contains: 'an' } },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            field: fc.constantFrom(...fields),
            direction: fc.constantFrom('asc', 'desc'),
          }),
          { minLength: 1, maxLength: 3, selector: (step) => step.field }
        ),
        fc.constantFrom(...filters),
        fc.constantFrom('de', 'en'),
        fc.integer({ min: 20, max: 100 }),
        async (sort, filter, locale, pageSize) => {
          const sortParam = sort.map((step) => `${step.field}:${step.direction}`);
          const base = {
            status: 'DRAFT',
            locale,
            pageSize,
            ...(filter ? { filters: filter } : {}),
          };
          const pages = await allByCursor({ ...base, sort: sortParam }, asToken);
          const offset = await allByOffset({ ...base, sort: [...sortParam, 'documentId:asc'] });
          expect(ids(pages.map((page) => page.nodes).filter((page) => page.length > 0))).toEqual(
            ids(offset)
          );
        }
      ),
      { numRuns: 8 }
    );
  }, 240_000);
});
