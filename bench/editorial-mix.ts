/**
 * The read mix of the bench's "editorial load" (110 distinct URLs with the 45 cities of the
 * seed): city details in both locales, list pages, fields, goals, the network page and GraphQL
 * queries. Used by `npm run bench` and as the normal website traffic of the hostile soak.
 */
import type { MixRequest } from './mix-load';

/** Lists the first 45 cities' document ids, whose detail pages the mix reads. */
export const MIX_CITY_IDS_PATH =
  '/api/cities?locale=en&sort=key:asc&fields[0]=documentId&pagination[pageSize]=45';

export function editorialRequests(cityIds: readonly string[]): MixRequest[] {
  const get = (urlPath: string): MixRequest => ({ method: 'GET', path: urlPath });
  const gql = (query: string): MixRequest => ({
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query }),
  });
  const requests: MixRequest[] = [];
  for (const locale of ['en', 'de']) {
    for (const id of cityIds)
      requests.push(
        get(`/api/cities/${id}?locale=${locale}&populate[0]=country&populate[1]=creativeField`)
      );
    for (let page = 1; page <= 4; page++)
      requests.push(
        get(
          `/api/cities?locale=${locale}&sort=name:asc&pagination[page]=${page}&pagination[pageSize]=25&populate[0]=country`
        )
      );
    requests.push(get(`/api/creative-fields?locale=${locale}`));
    requests.push(get(`/api/network-goals?locale=${locale}`));
    requests.push(get(`/api/network?locale=${locale}`));
    requests.push(
      gql(
        `{ cities(locale: "${locale}", pagination: { pageSize: 25 }) { documentId name slug creativeField { name } country { name } } }`
      )
    );
    requests.push(
      gql(
        `{ creativeFields(locale: "${locale}") { name cities(pagination: { pageSize: 100 }) { name country { name } } } }`
      )
    );
    requests.push(
      gql(`{ countries(locale: "${locale}", pagination: { pageSize: 100 }) { name } }`)
    );
  }
  return requests;
}

/** Interleaved so that consecutive requests of one connection hit different kinds of URL. */
export function interleave<T>(requests: readonly T[]): T[] {
  return requests
    .map((request, index) => ({ request, order: (index * 7919) % requests.length }))
    .sort((a, b) => a.order - b.order)
    .map(({ request }) => request);
}
