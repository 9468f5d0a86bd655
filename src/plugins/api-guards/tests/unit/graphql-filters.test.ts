import { buildSchema, parse } from 'graphql';
import {
  findLimitProblem,
  operationCost,
  type OperationLimits,
} from '../../server/src/lib/operation-limits';

// The shape of Strapi 5's generated schema with its filter inputs, reduced: operators without
// `$`, relation filters typed by the target's filters input, to-many relations as lists.
const schema = buildSchema(`
  input PaginationArg { pageSize: Int limit: Int }
  input StringFilterInput { eq: String containsi: String in: [String] or: [String] }
  input CityFiltersInput {
    name: StringFilterInput
    country: CountryFiltersInput
    and: [CityFiltersInput] or: [CityFiltersInput] not: CityFiltersInput
  }
  input CountryFiltersInput {
    name: StringFilterInput
    cities: CityFiltersInput
    and: [CountryFiltersInput] or: [CountryFiltersInput] not: CountryFiltersInput
  }
  type Pagination { total: Int! }
  type City { name: String country: Country }
  type Country {
    name: String
    cities(filters: CityFiltersInput, pagination: PaginationArg): [City]!
  }
  type CityEntityResponseCollection { nodes: [City!]! pageInfo: Pagination! }
  type Query {
    cities(filters: CityFiltersInput, pagination: PaginationArg): [City]!
    cities_connection(filters: CityFiltersInput, pagination: PaginationArg): CityEntityResponseCollection
    countries(filters: CountryFiltersInput, pagination: PaginationArg): [Country]!
  }
`);

const limits: OperationLimits = {
  maxCost: 20000,
  maxAliases: 15,
  maxRootFields: 10,
  defaultLimit: 25,
  maxLimit: 100,
  filters: {
    maxRelationDepth: 2,
    maxJoins: 10,
    maxToManyJoins: 2,
    maxInValues: 100,
    maxConditions: 50,
  },
};
const cost = (query: string, variables?: Record<string, unknown>) =>
  operationCost({ schema, document: parse(query), variables }, limits);
const problem = (query: string, variables?: Record<string, unknown>) =>
  findLimitProblem({ schema, document: parse(query), variables }, limits);

/** `or: [branch, …]` with `count` branches across country → cities (one to-many join each). */
const orBranches = (count: number) =>
  `{ or: [${Array.from({ length: count }, () => '{ country: { cities: { name: { containsi: "zzq" } } } }').join(', ')}] }`;

describe('GraphQL filters in the operation cost', () => {
  it('leaves filters without to-many joins at the page-size cost', () => {
    expect(cost('{ cities(filters: { name: { eq: "x" } }) { name } }')).toBe(25);
    expect(cost('{ cities(filters: { country: { name: { eq: "x" } } }) { name } }')).toBe(25);
  });

  it('doubles a list’s cost for each join across a to-many relation', () => {
    expect(cost(`{ cities(filters: ${orBranches(1)}) { name } }`)).toBe(50);
    expect(cost(`{ cities(filters: ${orBranches(2)}) { name } }`)).toBe(100);
    expect(
      cost(
        `{ cities_connection(filters: ${orBranches(2)}, pagination: { pageSize: 10 }) { nodes { name } } }`
      )
    ).toBe(10 * 4 + 1);
  });

  it('reads filters from variables like literals', () => {
    const query = 'query($f: CityFiltersInput) { cities(filters: $f) { name } }';
    expect(cost(query, { f: { country: { cities: { name: { eq: 'x' } } } } })).toBe(50);
  });
});

describe('GraphQL filters over the limits are a BAD_USER_INPUT naming the part at fault', () => {
  it('accepts what websites filter by', () => {
    expect(
      problem('{ cities(filters: { country: { name: { eq: "Austria" } } }) { name } }')
    ).toBeNull();
    expect(problem(`{ cities(filters: ${orBranches(2)}) { name } }`)).toBeNull();
  });

  it('refuses more to-many joins than allowed', () => {
    expect(problem(`{ cities(filters: ${orBranches(3)}) { name } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        'cities: filters join 3 to-many relations; at most 2 are allowed (the one over the limit: filters[or][2][country][cities])',
    });
  });

  it('refuses deep relation chains, also on a nested list', () => {
    expect(
      problem(
        '{ countries { cities(filters: { country: { cities: { country: { name: { eq: "x" } } } } }) { name } } }'
      )?.message
    ).toMatch(/^cities: filters\[country\]\[cities\]\[country\] nests relations 3/);
    expect(
      problem(
        '{ cities(filters: { country: { cities: { country: { name: { eq: "x" } } } } }) { name } }'
      )?.message
    ).toBe(
      'cities: filters[country][cities][country] nests relations 3 levels deep; at most 2 are allowed'
    );
  });

  it('refuses a long in list given as a variable', () => {
    const query = 'query($names: [String]) { cities(filters: { name: { in: $names } }) { name } }';
    const names = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    expect(problem(query, { names })?.message).toBe(
      'cities: filters[name][in] has 1000 values; at most 100 are allowed'
    );
    expect(problem(query, { names: names.slice(0, 100) })).toBeNull();
  });
});
