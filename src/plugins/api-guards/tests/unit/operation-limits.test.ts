import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import {
  findLimitProblem,
  operationCost,
  type OperationLimits,
} from '../../server/src/lib/operation-limits';

// The shape of Strapi 5's generated schema, reduced to what the rules look at.
const schema = buildSchema(`
  input PaginationArg { page: Int pageSize: Int start: Int limit: Int }
  type Pagination { total: Int! page: Int! pageSize: Int! pageCount: Int! }
  type Link { label: String url: String }
  type City {
    name: String
    country: Country
    links: [Link]
    localizations(pagination: PaginationArg): [City]!
  }
  type Country {
    name: String
    cities(pagination: PaginationArg): [City]!
    cities_connection(pagination: PaginationArg): CityEntityResponseCollection
  }
  type CityEntityResponseCollection { nodes: [City!]! pageInfo: Pagination! }
  type Query {
    cities(pagination: PaginationArg): [City]!
    cities_connection(pagination: PaginationArg): CityEntityResponseCollection
    city(documentId: ID!): City
    countries(pagination: PaginationArg): [Country]!
  }
`);

const limits: OperationLimits = {
  maxCost: 1000,
  maxAliases: 3,
  maxRootFields: 3,
  defaultLimit: 25,
  maxLimit: 100,
};
const cost = (query: string, variables?: Record<string, unknown>) =>
  operationCost({ schema, document: parse(query), variables }, limits);
const problem = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  findLimitProblem({ schema, document: parse(query), variables, operationName }, limits);

describe('operation cost', () => {
  it('counts a list as its page size times (1 + what an entry selects)', () => {
    expect(cost('{ cities { name } }')).toBe(25);
    expect(cost('{ cities(pagination: { pageSize: 100 }) { name } }')).toBe(100);
    expect(cost('{ cities(pagination: { limit: 10 }) { name country { name } } }')).toBe(20);
    expect(cost('{ city(documentId: "x") { name country { name } } }')).toBe(2);
  });

  it('multiplies nested lists', () => {
    // 10 countries × (1 + 25 cities × (1 + 1 country))
    expect(
      cost('{ countries(pagination: { pageSize: 10 }) { cities { country { name } } } }')
    ).toBe(10 * (1 + 25 * 2));
    // Lists without pagination (repeatable components) count the default page size too.
    expect(cost('{ city(documentId: "x") { links { url } } }')).toBe(1 + 25);
  });

  it('counts a connection once per entry plus its count query', () => {
    expect(
      cost(
        '{ cities_connection(pagination: { pageSize: 5 }) { nodes { name } pageInfo { total } } }'
      )
    ).toBe(5 * 1 + 1);
    expect(
      cost('{ countries(pagination: { pageSize: 2 }) { cities_connection { nodes { name } } } }')
    ).toBe(2 * (1 + 25 * 1 + 1));
  });

  it('caps page sizes at maxLimit and reads -1 as maxLimit, like the GraphQL plugin', () => {
    expect(cost('{ cities(pagination: { pageSize: 5000 }) { name } }')).toBe(100);
    expect(cost('{ cities(pagination: { limit: -1 }) { name } }')).toBe(100);
  });

  it('reads page sizes from variables like literals', () => {
    expect(
      cost('query($n: Int) { cities(pagination: { pageSize: $n }) { name } }', { n: 40 })
    ).toBe(40);
    expect(
      cost('query($p: PaginationArg) { cities(pagination: $p) { name } }', { p: { limit: 7 } })
    ).toBe(7);
  });

  it('counts fragments where they are spread', () => {
    expect(
      cost(`
        query { cities(pagination: { pageSize: 10 }) { ...c } }
        fragment c on City { name country { name } }
      `)
    ).toBe(20);
  });
});

describe('introspection', () => {
  it('costs nothing, so tools can read the schema in one request', () => {
    const introspection = getIntrospectionQuery();
    expect(cost(introspection)).toBe(0);
    expect(problem(introspection)).toBeNull();
    expect(cost('{ __type(name: "City") { fields { name type { name } } } cities { name } }')).toBe(
      25
    );
  });
});

describe('findLimitProblem', () => {
  it('accepts an operation within every limit', () => {
    expect(problem('{ cities { name } a: countries { name } }')).toBeNull();
  });

  it('refuses a cost over the budget with its cost and the budget', () => {
    expect(
      problem('{ countries(pagination: { pageSize: 20 }) { cities { country { name } } } }')
    ).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      message:
        'Query cost 1020 exceeds the budget of 1000 (each list counts its page size times what one entry selects)',
    });
  });

  it('refuses through variables and fragments', () => {
    const deep = `
      query($n: Int) { countries(pagination: { pageSize: $n }) { ...f } }
      fragment f on Country { cities(pagination: { pageSize: 100 }) { name } }
    `;
    expect(problem(deep, { n: 5 })).toBeNull();
    expect(problem(deep, { n: 10 })).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringMatching(/^Query cost 1010 exceeds the budget of 1000/),
    });
  });

  it('refuses more aliases than allowed, also inside fragments', () => {
    expect(problem('{ a: cities { name } b: cities { name } c: cities { name } }')).toBeNull();
    expect(
      problem(
        '{ a: city(documentId: "1") { x: name y: name } ...f } fragment f on Query { b: city(documentId: "2") { z: name } }'
      )
    ).toEqual({ code: 'TOO_MANY_ALIASES', message: 'Aliases limit of 3 exceeded, found 5.' });
  });

  it('refuses more root fields than allowed, counting fragments and not __typename', () => {
    expect(
      problem('{ __typename cities { name } countries { name } city(documentId: "1") { name } }')
    ).toBeNull();
    expect(
      problem(
        '{ cities { name } ...f } fragment f on Query { countries { name } city(documentId: "1") { name } cities_connection { pageInfo { total } } }'
      )
    ).toEqual({
      code: 'TOO_MANY_ROOT_FIELDS',
      message: 'The operation asks for 4 root fields; at most 3 are allowed',
    });
  });

  it('looks at the named operation only', () => {
    const document = `
      query Small { cities(pagination: { pageSize: 1 }) { name } }
      query Big { countries(pagination: { pageSize: 100 }) { cities(pagination: { pageSize: 100 }) { name } } }
    `;
    expect(problem(document, undefined, 'Small')).toBeNull();
    expect(problem(document, undefined, 'Big')?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
