/** The requests the scenarios load, shared so that every scenario measures the same thing. */

export const LIST = '/api/cities?locale=en&pagination[pageSize]=25';

/** The list with its two to-one relations populated (the miss-path target of issue 13). */
export const POPULATED_LIST = `${LIST}&populate[0]=creativeField&populate[1]=country`;

/** The search scenario's request (same in the full run and in `--only search`). */
export const SEARCH_PATH = '/api/search?q=san&locale=en&types=cities';

export const SEARCH_SCENARIO = 'Search cities "san", uncached';

/** A search that needs the forgiving parts: typo candidates, then facets over the hits. */
export const FORGIVING_SEARCH_PATH =
  '/api/search?q=heidleberg&locale=de&facets=creativeField,country';

export const FORGIVING_SEARCH_SCENARIO = 'Search "heidleberg" (typo) + facets, uncached';

export const GRAPHQL_LIST = (pageSize: number) =>
  JSON.stringify({
    query: `{ cities(locale: "en", pagination: { pageSize: ${pageSize} }) { documentId name slug memberSince creativeField { name } country { name } } }`,
  });

/** The creative fields with their cities (a to-many relation) and each city's country. */
export const GRAPHQL_FIELDS = (fallbackLocale?: string) =>
  JSON.stringify({
    query: `{ creativeFields(locale: "en"${fallbackLocale ? `, fallbackLocale: "${fallbackLocale}"` : ''}) { name cities(pagination: { pageSize: 100 }) { name country { name } } } }`,
  });

/**
 * REST's populate of exactly the fields GRAPHQL_FIELDS() selects (same locale, same data): the
 * other half of issue 28's "GraphQL no slower than REST for the same data".
 */
export const REST_FIELDS =
  '/api/creative-fields?locale=en&fields[0]=name&populate[cities][fields][0]=name' +
  '&populate[cities][populate][country][fields][0]=name';
