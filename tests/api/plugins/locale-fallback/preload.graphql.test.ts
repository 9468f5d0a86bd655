/**
 * The look-ahead of to-one relations (server/src/graphql/preload.ts): when a batch reads the
 * cities of `creativeFields { cities { name country { name } } }`, it reads their countries in
 * the same populated query, and `country` answers from the city. Its answers must be those of the
 * per-parent loaders it replaces. The same selection written inside an inline fragment is left
 * to the loaders (the look-ahead does not follow fragments), so each case sends both and
 * compares data, errors and SQL counts (the look-ahead saves the countries' batch query), and
 * where REST can say the same, compares with REST's populate too.
 */
import { randomBytes } from 'node:crypto';
import { anonymous, graphql, queriesOf, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';

let counter = 0;
/** A root filter that matches everything but makes a fresh cache key (every read a MISS). */
function fresh(): string {
  counter += 1;
  return `filters: { key: { ne: "preload-${Date.now()}-${counter}" } }`;
}

interface Answer {
  data: unknown;
  errors: Array<{ message: string; path: unknown[] }> | undefined;
  queries: number;
}

async function send(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await graphql(query).set(headers);
  expect(res.status).toBe(200);
  expect(res.headers['x-cache']).not.toBe('HIT');
  return {
    data: res.body.data,
    errors: (res.body.errors as Answer['errors'])?.map(({ message, path }) => ({ message, path })),
    queries: queriesOf(res),
  };
}

/**
 * `creativeFields(<root>) { key <relation>(<args>) <members> }` twice: as written (looked ahead)
 * and with the members inside `... on City` (the loaders).
 */
async function bothWays(
  root: string,
  relation: 'cities' | 'cities_connection',
  args: string,
  members: string,
  headers: Record<string, string> = {}
): Promise<{ lookAhead: Answer; loaders: Answer }> {
  const query = (selection: string) => {
    const entries = relation === 'cities' ? selection : `{ nodes ${selection} }`;
    return `{ creativeFields(${root}, sort: "key:asc", ${fresh()}) { key ${relation}${args ? `(${args})` : ''} ${entries} } }`;
  };
  // The first read after a write reloads the locale list: warm up before counting.
  await send(query(`{ ${members} }`), headers);
  const lookAhead = await send(query(`{ ${members} }`), headers);
  const loaders = await send(query(`{ ... on City { ${members} } }`), headers);
  return { lookAhead, loaders };
}

type Field = { key: string; cities: Array<{ name: string; country: { name: string } | null }> };

const countriesOf = (data: unknown): unknown[] =>
  (data as { creativeFields: Field[] }).creativeFields.flatMap((field) =>
    field.cities.map((city) => city.country)
  );

describe('to-one relations read along with a batch (GraphQL look-ahead)', () => {
  const cases = [
    { name: 'en', root: 'locale: "en"', args: 'pagination: { pageSize: 100 }', ahead: true },
    { name: 'de', root: 'locale: "de"', args: 'pagination: { pageSize: 100 }', ahead: true },
    {
      name: 'filters, sort and a page on the relation',
      root: 'locale: "en"',
      args: 'filters: { name: { contains: "a" } }, sort: "name:desc", pagination: { page: 2, pageSize: 4 }',
      ahead: true,
    },
    // Under fallback the fallback resolvers read the cities: nothing is looked ahead.
    {
      name: 'fallbackLocale',
      root: 'locale: "en", fallbackLocale: "de"',
      args: 'pagination: { pageSize: 100 }',
      ahead: false,
    },
  ];

  it.each(cases)('$name: the same answer as the loaders', async ({ root, args, ahead }) => {
    const { lookAhead, loaders } = await bothWays(
      root,
      'cities',
      args,
      'name slug country { name documentId slug }'
    );
    expect(lookAhead.errors).toBeUndefined();
    expect(lookAhead.data).toEqual(loaders.data);
    const countries = countriesOf(lookAhead.data);
    expect(countries.length).toBeGreaterThan(0);
    expect(countries.every((country) => country !== null)).toBe(true);
    // The countries' batch query is saved where the look-ahead applies.
    expect(lookAhead.queries).toBe(ahead ? loaders.queries - 1 : loaders.queries);
  });

  it('serves what REST populates for the same fields', async () => {
    const { lookAhead } = await bothWays(
      'locale: "en"',
      'cities',
      'pagination: { pageSize: 100 }',
      'name country { name }'
    );
    const rest = await anonymous().get(
      '/api/creative-fields?locale=en&sort=key:asc&pagination[pageSize]=100&fields[0]=key&populate[cities][fields][0]=name&populate[cities][populate][country][fields][0]=name'
    );
    expect(rest.status).toBe(200);
    const restFields = (rest.body.data as Field[]).map(({ key, cities }) => ({
      key,
      cities: cities.map(({ name, country }) => ({
        name,
        country: country ? { name: country.name } : null,
      })),
    }));
    expect((lookAhead.data as { creativeFields: Field[] }).creativeFields).toEqual(restFields);
  });

  it('the _connection field: the same answer as the loaders', async () => {
    const { lookAhead, loaders } = await bothWays(
      'locale: "en"',
      'cities_connection',
      'pagination: { start: 2, limit: 5 }',
      'name country { name }'
    );
    expect(lookAhead.errors).toBeUndefined();
    expect(lookAhead.data).toEqual(loaders.data);
    expect(lookAhead.queries).toBeLessThan(loaders.queries);
  });

  it('drafts (status: DRAFT with a token): the same answer as the loaders', async () => {
    const { lookAhead, loaders } = await bothWays(
      'locale: "en", status: DRAFT',
      'cities',
      'pagination: { pageSize: 100 }',
      'name publishedAt country { name publishedAt }',
      tokenHeader()
    );
    expect(lookAhead.errors).toBeUndefined();
    expect(lookAhead.data).toEqual(loaders.data);
    const countries = countriesOf(lookAhead.data) as Array<{ publishedAt: unknown } | null>;
    expect(countries.some((country) => country !== null)).toBe(true);
    expect(countries.every((country) => country === null || country.publishedAt === null)).toBe(
      true
    );
  });

  it('an alias or a second selection of the relation: the same answer as the loaders', async () => {
    const { lookAhead, loaders } = await bothWays(
      'locale: "en"',
      'cities',
      'pagination: { pageSize: 10 }',
      'name country { name } land: country { slug }'
    );
    expect(lookAhead.errors).toBeUndefined();
    expect(lookAhead.data).toEqual(loaders.data);
  });

  describe('a caller who may not read countries', () => {
    let token: { id: number; accessKey: string } | undefined;

    beforeAll(async () => {
      token = (await getStrapi()
        .service('admin::api-token')
        .create({
          name: `preload permissions ${randomBytes(4).toString('hex')}`,
          type: 'custom',
          lifespan: null,
          permissions: ['api::creative-field.creative-field.find', 'api::city.city.find'],
        })) as { id: number; accessKey: string };
    });

    afterAll(async () => {
      if (token) await getStrapi().service('admin::api-token').revoke(token.id);
    });

    it('gets Forbidden on every country, as from the loaders', async () => {
      const { lookAhead, loaders } = await bothWays(
        'locale: "en"',
        'cities',
        'pagination: { pageSize: 5 }',
        'name country { name }',
        { Authorization: `Bearer ${token?.accessKey}` }
      );
      expect(lookAhead.data).toEqual(loaders.data);
      expect(lookAhead.errors).toEqual(loaders.errors);
      const countries = countriesOf(lookAhead.data);
      expect(countries.length).toBeGreaterThan(0);
      expect(countries.every((country) => country === null)).toBe(true);
      expect(lookAhead.errors).toHaveLength(countries.length);
      expect(lookAhead.errors?.every(({ message }) => message === 'Forbidden access')).toBe(true);
    });
  });
});
