/**
 * No N+1: a list with relations costs as many SQL queries at pageSize 100 as at 10, over REST
 * (populate) and GraphQL (the locale-fallback plugin's per-request batching,
 * src/plugins/locale-fallback/server/src/graphql/batch-to-one.ts and batch-to-many.ts). Counts
 * come from the per-request `X-Query-Count` header (response-cache plugin, QUERY_COUNT_HEADER=true
 * in the tests), so work running at the same time is never attributed to the request measured.
 */
import type request from 'supertest';
import { anonymous, graphql, queriesOf } from '../helpers/api';

let counter = 0;
/** A query parameter that matches everything but makes a fresh cache key (every read a MISS). */
function fresh(): string {
  counter += 1;
  return `filters[documentId][$ne]=n1-test-${Date.now()}-${counter}`;
}

describe('no N+1: SQL queries of a city list with creativeField and country', () => {
  async function countQueries(send: () => Promise<request.Response>): Promise<number> {
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBe('MISS');
    return queriesOf(res);
  }

  const rest = (pageSize: number) => () =>
    anonymous().get(
      `/api/cities?locale=en&pagination[pageSize]=${pageSize}&populate[0]=creativeField&populate[1]=country&${fresh()}`
    );
  const gql = (pageSize: number) => () =>
    graphql(
      `{ cities(locale: "en", pagination: { pageSize: ${pageSize} }, filters: { name: { ne: "n1-${Date.now()}-${pageSize}" } }) { name creativeField { name } country { name } } }`
    );

  it('REST: pageSize 100 costs as many queries as pageSize 10', async () => {
    // The first read after a write reloads the locale list (the locale-fallback plugin's locales
    // service, src/plugins/locale-fallback/server/src/services/locales.ts); measure the steady
    // state.
    await countQueries(rest(5));
    const small = await countQueries(rest(10));
    const large = await countQueries(rest(100));
    expect(large).toBe(small);
  });

  it('GraphQL: pageSize 100 costs as many queries as pageSize 10, with every relation resolved', async () => {
    // The first GraphQL request of a process loads lazily initialised state; measure the steady state.
    await countQueries(gql(5));
    const small = await countQueries(gql(10));
    const large = await countQueries(gql(100));
    expect(large).toBe(small);
    // Same relations as REST's populate, city by city.
    const res = await gql(100)();
    const cities = res.body.data.cities as Array<{
      name: string;
      creativeField: { name: string } | null;
      country: { name: string } | null;
    }>;
    const restRes = await rest(100)();
    const expected = (
      restRes.body.data as Array<{
        name: string;
        creativeField: { name: string } | null;
        country: { name: string } | null;
      }>
    ).map((city) => [city.name, city.creativeField?.name, city.country?.name]);
    expect(cities.map((city) => [city.name, city.creativeField?.name, city.country?.name])).toEqual(
      expected
    );
    expect(cities).toHaveLength(100);
  });
});
