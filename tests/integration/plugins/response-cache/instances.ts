/**
 * App instances for the response cache's integration tests: tests/helpers/app-instances.ts with
 * the cache on, on its own bus.
 */
import {
  RESPONSE_CACHE_ON,
  startInstance as startAppInstance,
  type Instance,
} from '../../../helpers/app-instances';

/** Starts the app (tests/helpers/app-instances.ts) with the response cache on, on its own bus. */
export function startInstance(
  database: string,
  env: Record<string, string> = {}
): Promise<Instance> {
  return startAppInstance(database, { ...RESPONSE_CACHE_ON, ...env });
}
