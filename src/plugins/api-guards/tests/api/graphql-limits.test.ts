/**
 * GraphQL breadth limits against the booted app: cost, aliases and root fields are refused with
 * a 400 before any resolver runs (no SQL query beyond authentication), with the default budget; every GraphQL query
 * the project documents (README.md, docs/, the demo site in public/site/) passes it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { graphql, queriesOf } from '../../../../../tests/helpers/api';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const BUDGET = 20000;

/** A query that costs `pageSize × (1 + 100 × 2)`. */
const countriesWithCities = (pageSize: number) =>
  `{ countries(pagination: { pageSize: ${pageSize} }) { name cities(pagination: { pageSize: 100 }) { name country { name } } } }`;

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
    // 100 countries × (1 + 100 cities × (1 + 1 country)) = 20100
    const res = await graphql(countriesWithCities(100));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(
      `Query cost 20100 exceeds the budget of ${BUDGET} (each list counts its page size times what one entry selects)`
    );
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.data).toBeUndefined();
    expect(queriesOf(res)).toBe(baselineQueries);
  });

  it('accepts the same query under the budget', async () => {
    const res = await graphql(countriesWithCities(99));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.countries.length).toBeGreaterThan(0);
  });

  it('counts page sizes given through variables like literals', async () => {
    const query =
      'query($n: Int) { countries(pagination: { pageSize: $n }) { name cities(pagination: { pageSize: 100 }) { name country { name } } } }';
    const over = await graphql(query, { n: 100 });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].message).toMatch(/^Query cost 20100 exceeds the budget of 20000/);
    const under = await graphql(query, { n: 10 });
    expect(under.status).toBe(200);
  });

  it('counts what fragments select where they are spread', async () => {
    const res = await graphql(`
      query {
        countries(pagination: { pageSize: 100 }) {
          ...withCities
        }
      }
      fragment withCities on Country {
        cities(pagination: { pageSize: 100 }) {
          ...city
        }
      }
      fragment city on City {
        name
        country {
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
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: networkGoals(pagination: { pageSize: 1 }) { title }`).join(' ')} }`;

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
      `{ ${aliased(9).slice(1, -1)} ...more } fragment more on Query { networkGoals { title } creativeFields { name } }`
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'The operation asks for 11 root fields; at most 10 are allowed',
      extensions: { code: 'TOO_MANY_ROOT_FIELDS' },
    });
    expect((await graphql(aliased(10))).status).toBe(200);
  });
});

/** Files that document GraphQL queries for readers. */
function documentedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  const docs = walk(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md'));
  const site = walk(path.join(ROOT, 'public', 'site')).filter((file) => file.endsWith('.js'));
  return [path.join(ROOT, 'README.md'), ...docs, ...site];
}

/**
 * The GraphQL documents in a file: `"query":"…"` in JSON request bodies (curl examples),
 * fenced ```graphql blocks, and, in a file that talks to /graphql, template literals that parse
 * as GraphQL operations.
 */
function queriesIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/-d\s+'(\{[^']*"query"[^']*\})'/g)) {
    found.push((JSON.parse(match[1]) as { query: string }).query);
  }
  for (const match of text.matchAll(/```graphql\n([\s\S]*?)```/g)) found.push(match[1]);
  const literals = text.includes('/graphql') ? text.matchAll(/`((?:query|\{)[^`$]*\})`/g) : [];
  for (const match of literals) {
    try {
      parse(match[1]);
      found.push(match[1]);
    } catch {
      // not GraphQL
    }
  }
  return [...new Set(found)];
}

describe('documented queries', () => {
  const documented = documentedFiles().flatMap((file) =>
    queriesIn(readFileSync(file, 'utf8')).map(
      (query) => [path.relative(ROOT, file), query] as [string, string]
    )
  );

  it('finds the examples (the README has some, README and docs at least five)', () => {
    expect(documented.filter(([file]) => file === 'README.md').length).toBeGreaterThanOrEqual(2);
    const inDocs = documented.filter(([file]) => file === 'README.md' || file.startsWith('docs'));
    expect(inDocs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(documented)('%s: %s passes the default limits', async (_file, query) => {
    const res = await graphql(query);
    const codes = (res.body.errors ?? []).map(
      (error: { extensions?: { code?: string } }) => error.extensions?.code
    );
    expect(codes).toEqual([]);
    expect(res.status).toBe(200);
  });
});
