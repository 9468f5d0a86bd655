import request from 'supertest';

/** Base URL of the app booted by the global setup. */
export function baseUrl(): string {
  const url = process.env.TEST_BASE_URL;
  if (!url)
    throw new Error('TEST_BASE_URL is not set: run the API tests through jest (global setup)');
  return url;
}

/** An anonymous HTTP client, as a website would be. */
export function anonymous(): request.Agent {
  return request.agent(baseUrl());
}

/** Header of a full-access API token created by the global setup. */
export function tokenHeader(): Record<string, string> {
  const token = process.env.TEST_API_TOKEN;
  if (!token) throw new Error('TEST_API_TOKEN is not set');
  return { Authorization: `Bearer ${token}` };
}

/** Posts a GraphQL query anonymously and returns the response. */
export function graphql(query: string, variables: Record<string, unknown> = {}): request.Test {
  return request(baseUrl()).post('/graphql').send({ query, variables });
}

/**
 * The SQL queries the app issued for this request (`X-Query-Count`, switched on for the tests by
 * the global setup). Counted per request inside the app, so queries of other work running at the
 * same time (background work of earlier tests) are not attributed to it, unlike a listener on
 * the shared database connection.
 */
export function queriesOf(res: request.Response): number {
  const header = res.headers['x-query-count'];
  if (typeof header !== 'string') throw new Error('no X-Query-Count header on the response');
  return Number(header);
}
