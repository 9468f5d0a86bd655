import type { Core } from '@strapi/strapi';
import type { TestGlobals } from './global-setup';

/**
 * The Strapi instance booted by the global setup. Prefer HTTP in tests; use this only for what
 * a client cannot see (SQL query counts, running a service, checking stored data directly).
 */
export function getStrapi(): Core.Strapi {
  const strapi = (globalThis as typeof globalThis & { __CCN_TEST__?: TestGlobals }).__CCN_TEST__
    ?.strapi;
  if (!strapi) throw new Error('Strapi is not booted: run API tests through jest (global setup)');
  return strapi;
}

/** How many requests the booted app is still handling (none once every handler has finished). */
export function requestsInFlight(): number {
  const count = (globalThis as typeof globalThis & { __CCN_TEST__?: TestGlobals }).__CCN_TEST__
    ?.requestsInFlight;
  if (!count) throw new Error('Strapi is not booted: run API tests through jest (global setup)');
  return count();
}
