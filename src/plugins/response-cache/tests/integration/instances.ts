/**
 * App instances for the response cache's integration tests: tests/helpers/app-instances.ts with
 * the cache on, and a poll for a change to show.
 */
import request from 'supertest';
import {
  createApiToken,
  startInstance as startAppInstance,
  stop,
  type Instance,
} from '../../../../../tests/helpers/app-instances';

export { createApiToken, stop, type Instance };

/** Starts the app (tests/helpers/app-instances.ts) with the response cache on, on its own bus. */
export function startInstance(
  database: string,
  env: Record<string, string> = {}
): Promise<Instance> {
  return startAppInstance(database, {
    CACHE_ENABLED: 'true',
    CACHE_BUS: 'auto',
    REDIS_URL: '',
    ...env,
  });
}

/**
 * Polls an anonymous read until `matches(body)`; resolves with the milliseconds it took, throws
 * after 5 s.
 */
export async function waitFor(
  url: string,
  path: string,
  matches: (body: { data: Array<{ title?: string; name?: string }> | null }) => boolean,
  headers: Record<string, string> = {}
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 5000) {
    const res = await request(url).get(path).set(headers);
    if (res.status === 200 && matches(res.body)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} on ${url} did not show the change within 5 s`);
}
