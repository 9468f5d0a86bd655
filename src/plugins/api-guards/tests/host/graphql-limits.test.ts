/**
 * GraphQL breadth limits in the plugin host (tests/plugin-host: articles and authors), with the
 * default budget: cost, aliases and root fields are refused with a 400 before any resolver runs
 * (no SQL query beyond authentication, counted by the response cache's `X-Query-Count`).
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const BUDGET = 20000;

const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  request(host.url).post('/graphql').send({ query, variables });

/** The SQL queries the host issued for a request (response-cache's `queryCountHeader`). */
function queriesOf(res: request.Response): number {
  const header = res.headers['x-query-count'];
  if (typeof header !== 'string') throw new Error('no X-Query-Count header on the response');
  return Number(header);
}

/** A query that costs `pageSize × (1 + 100 × 2)`. */
const authorsWithArticles = (pageSize: number) =>
  `{ authors(pagination: { pageSize: ${pageSize} }) { name articles(pagination: { pageSize: 100 }) { title author { name } } } }`;

/**
 * SQL queries of a request that no resolver ran for (unknown field: refused by validation): the
 * authentication of the Public role. A refusal may cost that and nothing more.
 */
let baselineQueries: number;

beforeAll(async () => {
  const res = await graphql('{ noSuchField }');
  expect(res.status).toBe(400);
  baselineQueries = queriesOf(res);
});

describe('cost', () => {
  it('refuses a query over the budget with 400, its cost and the budget, before any SQL', async () => {
    // 100 authors × (1 + 100 articles × (1 + 1 author)) = 20100
    const res = await graphql(authorsWithArticles(100));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(
      `Query cost 20100 exceeds the budget of ${BUDGET} (each list counts its page size times what one entry selects)`
    );
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.data).toBeUndefined();
    expect(queriesOf(res)).toBe(baselineQueries);
  });

  it('accepts the same query under the budget', async () => {
    const res = await graphql(authorsWithArticles(99));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.authors.length).toBeGreaterThan(0);
  });

  it('counts page sizes given through variables like literals', async () => {
    const query =
      'query($n: Int) { authors(pagination: { pageSize: $n }) { name articles(pagination: { pageSize: 100 }) { title author { name } } } }';
    const over = await graphql(query, { n: 100 });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].message).toMatch(/^Query cost 20100 exceeds the budget of 20000/);
    const under = await graphql(query, { n: 10 });
    expect(under.status).toBe(200);
  });

  it('counts what fragments select where they are spread', async () => {
    const res = await graphql(`
      query {
        authors(pagination: { pageSize: 100 }) {
          ...withArticles
        }
      }
      fragment withArticles on Author {
        articles(pagination: { pageSize: 100 }) {
          ...article
        }
      }
      fragment article on Article {
        title
        author {
          name
        }
      }
    `);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(queriesOf(res)).toBe(baselineQueries);
  });
});

describe('aliases and root fields', () => {
  const aliased = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: articles(pagination: { pageSize: 1 }) { title }`).join(' ')} }`;

  it('refuses more than 15 aliases', async () => {
    const res = await graphql(aliased(16));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Aliases limit of 15 exceeded, found 16.',
      extensions: { code: 'TOO_MANY_ALIASES' },
    });
    expect(queriesOf(res)).toBe(baselineQueries);
  });

  it('refuses more than 10 root fields, also through fragments', async () => {
    // 9 aliased root fields in the operation and 2 more in a fragment: 11.
    const res = await graphql(
      `{ ${aliased(9).slice(1, -1)} ...more } fragment more on Query { articles { title } authors { name } }`
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'The operation asks for 11 root fields; at most 10 are allowed',
      extensions: { code: 'TOO_MANY_ROOT_FIELDS' },
    });
    expect((await graphql(aliased(10))).status).toBe(200);
  });
});
