/**
 * The filter limits (lib/filter-measure.ts) against the booted app: the attack URLs —
 * `$or` branches joining to-many relations, long relation chains, hundreds of join terms, long
 * `$in` lists — get a 400 naming the part at fault (REST) or a BAD_USER_INPUT (GraphQL) before
 * any query runs, never a 500; the filters websites use answer the same rows as before.
 */
import { anonymous, graphql, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import type { ApiGuardsConfig } from '../../../../src/plugins/api-guards/server/src/config';

/** `filters[$or][i]<branch>=zzq` for `count` branches, as the attack sent them. */
const orBranches = (count: number, branch: string, root = 'filters') =>
  Array.from({ length: count }, (_, i) => `${root}[$or][${i}]${branch}=zzq`).join('&');
const ACROSS_COUNTRY = '[country][cities][name][$containsi]';
const FOUR_HOPS = '[country][cities][country][cities][name][$containsi]';

interface Row {
  documentId: string;
  name: string;
}
const namesOf = (rows: Row[]) => rows.map((row) => row.name).sort();

describe('REST filters over the limits get a 400 naming the part at fault', () => {
  it.each([
    [
      3,
      'filters join 3 to-many relations; at most 2 are allowed (the one over the limit: filters[$or][2][country][cities])',
    ],
    [
      4,
      'filters join 4 to-many relations; at most 2 are allowed (the one over the limit: filters[$or][2][country][cities])',
    ],
    [
      60,
      'filters join 60 to-many relations; at most 2 are allowed (the one over the limit: filters[$or][2][country][cities])',
    ],
  ])('%i $or branches across country → cities', async (count, message) => {
    const res = await anonymous().get(`/api/cities?locale=de&${orBranches(count, ACROSS_COUNTRY)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', message });
  });

  it('two branches of four relation hops', async () => {
    const res = await anonymous().get(`/api/cities?locale=de&${orBranches(2, FOUR_HOPS)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'filters[$or][0][country][cities][country][cities] nests relations 4 levels deep; at most 2 are allowed'
    );
  });

  it('210 branches joining a to-one relation (over 200 join terms: a 500 before)', async () => {
    const res = await anonymous().get(
      `/api/cities?locale=de&${orBranches(210, '[country][name][$eq]')}`
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('filters join 210 relations; at most 10 are allowed');
  });

  it('an $in of 101 and of 150 values (the second one was "expects a value, not an object")', async () => {
    const values = (count: number) =>
      Array.from({ length: count }, (_, i) => `filters[name][$in][${i}]=c${i}`).join('&');
    for (const count of [101, 150]) {
      const res = await anonymous().get(`/api/cities?locale=de&${values(count)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `filters[name][$in] has ${count} values; at most 100 are allowed`
      );
    }
    const fits = await anonymous().get(`/api/cities?locale=de&${values(100)}`);
    expect(fits.status).toBe(200);
  });

  it('filters inside populate are measured too', async () => {
    const res = await anonymous().get(
      `/api/countries?locale=de&${orBranches(3, ACROSS_COUNTRY, 'populate[cities][filters]')}`
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^populate\[cities\]\[filters\] join 3 to-many relations; at most 2 are allowed/
    );
  });

  it('an API token is held to the same limits (the database cannot answer either way)', async () => {
    const res = await anonymous()
      .get(`/api/cities?locale=de&${orBranches(60, ACROSS_COUNTRY)}`)
      .set(tokenHeader());
    expect(res.status).toBe(400);
  });
});

describe('filters websites use answer as before', () => {
  const list = async (query: string): Promise<Row[]> => {
    const res = await anonymous().get(`/api/cities?locale=de&pagination[pageSize]=100&${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Row[];
  };

  /** Every city with its country's code and its creative field's key, page by page. */
  const allCities = async () => {
    const cities: (Row & {
      country: { isoCode: string } | null;
      creativeField: { key: string } | null;
    })[] = [];
    for (let page = 1; ; page += 1) {
      const res = await anonymous().get(
        `/api/cities?locale=de&pagination[pageSize]=100&pagination[page]=${page}&populate[country][fields][0]=isoCode&populate[creativeField][fields][0]=key`
      );
      expect(res.status).toBe(200);
      cities.push(...res.body.data);
      if (page >= res.body.meta.pagination.pageCount) return cities;
    }
  };

  it('by country, by creative field, $or of names', async () => {
    const cities = await allCities();
    const austrian = cities.filter((city) => city.country?.isoCode === 'AT');
    expect(austrian.length).toBeGreaterThan(1);
    expect(namesOf(await list('filters[country][isoCode][$eq]=AT'))).toEqual(namesOf(austrian));

    const music = cities.filter((city) => city.creativeField?.key === 'music');
    expect(namesOf(await list('filters[creativeField][key][$eq]=music'))).toEqual(namesOf(music));

    const [a, b, c] = cities;
    const byName = `filters[$or][0][name][$eq]=${encodeURIComponent(a.name)}&filters[$or][1][name][$eq]=${encodeURIComponent(b.name)}&filters[$or][2][name][$eq]=${encodeURIComponent(c.name)}`;
    expect(namesOf(await list(byName))).toEqual(namesOf([a, b, c]));
  });

  it('two $or branches across a to-many relation still answer, with the right rows', async () => {
    // Cities whose country has a city named Graz: the Austrian ones.
    const graz = (await list('filters[name][$eq]=Graz'))[0];
    expect(graz).toBeDefined();
    const viaCountry = await list(
      'filters[$or][0][country][cities][name][$eq]=Graz&filters[$or][1][country][cities][name][$eq]=zzq'
    );
    expect(namesOf(viaCountry)).toEqual(namesOf(await list('filters[country][isoCode][$eq]=AT')));
  });
});

describe('GraphQL filters over the limits are a BAD_USER_INPUT before any resolver', () => {
  const branches = (count: number) =>
    `[${Array.from({ length: count }, () => '{ country: { cities: { name: { containsi: "zzq" } } } }').join(', ')}]`;

  it.each([3, 4, 60])('%i or-branches across country → cities', async (count) => {
    const res = await graphql(
      `{ cities(locale: "de", filters: { or: ${branches(count)} }) { name } }`
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toBe(
      `cities: filters join ${count} to-many relations; at most 2 are allowed (the one over the limit: filters[or][2][country][cities])`
    );
  });

  it('an in list of 1000 values given as a variable', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const res = await graphql(
      'query($names: [String]) { cities(locale: "de", filters: { name: { in: $names } }) { name } }',
      { names }
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'cities: filters[name][in] has 1000 values; at most 100 are allowed',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('filters of a nested list (resolved without the document service) are measured too', async () => {
    const res = await graphql(
      '{ countries(locale: "de") { cities(filters: { country: { cities: { country: { name: { eq: "x" } } } } }) { name } } }'
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(
      /^cities: filters\[country\]\[cities\]\[country\] nests relations 3/
    );
  });

  it('two branches still answer the same rows as REST', async () => {
    const res = await graphql(`
      {
        cities(
          locale: "de"
          pagination: { pageSize: 100 }
          filters: {
            or: [
              { country: { cities: { name: { eq: "Graz" } } } }
              { country: { cities: { name: { eq: "zzq" } } } }
            ]
          }
        ) {
          name
        }
      }
    `);
    expect(res.status).toBe(200);
    const rest = await anonymous().get(
      '/api/cities?locale=de&pagination[pageSize]=100&filters[country][isoCode][$eq]=AT'
    );
    expect(namesOf(res.body.data.cities)).toEqual(namesOf(rest.body.data));
  });
});

// PostgreSQL's statement timeout (config/database.ts, DATABASE_STATEMENT_TIMEOUT) exists when the
// booted app runs on PostgreSQL (`npm run test:postgres`, which CI runs); SQLite has none, so
// these cases are not defined there.
if (['postgres', 'pg'].includes(process.env.DATABASE_CLIENT ?? '')) {
  describe('PostgreSQL: the statement timeout backs the limits up', () => {
    const KEY = 'plugin::api-guards.filters';

    it('is set on the app’s connections', async () => {
      const result = (await getStrapi().db.connection.raw('SHOW statement_timeout')) as {
        rows: { statement_timeout: string }[];
      };
      expect(result.rows[0].statement_timeout).toBe('5s');
    });

    it('a read the database stops is a QueryTimeoutError naming the cause', async () => {
      const strapi = getStrapi();
      const read = strapi.db.transaction(async ({ trx }) => {
        // This transaction only: 1 ms stops any statement.
        await trx.raw('SET LOCAL statement_timeout = 1');
        return strapi.documents('api::city.city').findMany({
          locale: 'de',
          filters: {
            $or: [0, 1, 2, 3].map(() => ({ country: { cities: { name: { $containsi: 'zzq' } } } })),
          },
        });
      });
      // By name: the app runs the plugin's compiled code, not this file's import of its source.
      await expect(read).rejects.toMatchObject({
        name: 'QueryTimeoutError',
        message: expect.stringMatching(/stopped this query at its time limit/),
      });
    });

    it('a REST filter the limits would let through that runs too long is a 503, not a 500', async () => {
      const original = getStrapi().config.get(KEY) as ApiGuardsConfig['filters'];
      getStrapi().config.set(KEY, {
        ...original,
        maxRelationDepth: 10,
        maxJoins: 1000,
        maxToManyJoins: 1000,
        maxConditions: 1000,
      });
      try {
        // Four branches of four hops: minutes of row multiplication on any machine (two branches
        // finished within the 5 s limit on an idle one).
        const res = await anonymous().get(`/api/cities?locale=de&${orBranches(4, FOUR_HOPS)}`);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.error).toMatchObject({
          status: 503,
          name: 'QueryTimeoutError',
          message: expect.stringMatching(/stopped this query at its time limit/),
        });
      } finally {
        getStrapi().config.set(KEY, original);
      }
    });

    it('a nested GraphQL list the database stops is a STRAPI_QUERY_TIMEOUT_ERROR, not an internal error', async () => {
      const original = getStrapi().config.get(KEY) as ApiGuardsConfig['filters'];
      getStrapi().config.set(KEY, {
        ...original,
        maxRelationDepth: 10,
        maxJoins: 1000,
        maxToManyJoins: 1000,
        maxConditions: 1000,
      });
      const GRAPHQL_KEY = 'plugin::api-guards.graphql';
      const graphqlLimits = getStrapi().config.get(GRAPHQL_KEY) as ApiGuardsConfig['graphql'];
      getStrapi().config.set(GRAPHQL_KEY, { ...graphqlLimits, maxCost: 10_000_000 });
      const hops =
        '{ country: { cities: { country: { cities: { name: { containsi: "zzq" } } } } } }';
      try {
        // The nested list is loaded by the GraphQL plugin's association resolver, past the
        // Document Service and its middlewares. One country, so one statement runs into the
        // limit: Italy, whose many member cities multiply the joined rows past any time limit.
        const res = await graphql(
          `{ countries(locale: "de", filters: { isoCode: { eq: "IT" } }) { name cities(filters: { or: [${[0, 1, 2, 3].map(() => hops).join(', ')}] }) { name } } }`
        );
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0]).toMatchObject({
          message: expect.stringMatching(/stopped this query at its time limit/),
          path: ['countries', 0, 'cities'],
          extensions: {
            code: 'STRAPI_QUERY_TIMEOUT_ERROR',
            error: { name: 'QueryTimeoutError' },
          },
        });
        // `cities` is a non-null list: GraphQL nulls the country that held it, not the answer.
        expect(res.body.data).toEqual({ countries: [null] });
      } finally {
        getStrapi().config.set(KEY, original);
        getStrapi().config.set(GRAPHQL_KEY, graphqlLimits);
      }
    });
  });
}
