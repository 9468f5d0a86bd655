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
} from '../../../helpers/app-instances';
import { until } from '../../../helpers/until';

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
 * after 5 s. The poll interval (25 ms) is the resolution of that figure.
 */
export async function waitFor(
  url: string,
  path: string,
  matches: (body: { data: Array<{ title?: string; name?: string }> | null }) => boolean,
  headers: Record<string, string> = {}
): Promise<number> {
  const started = Date.now();
  await until(
    `${path} on ${url} shows the change`,
    async () => {
      const res = await request(url).get(path).set(headers);
      return res.status === 200 && matches(res.body);
    },
    { timeoutMs: 5000, everyMs: 25 }
  );
  return Date.now() - started;
}
