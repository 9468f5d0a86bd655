/**
 * What a release does in the other plugins of the app, when they are there: the response cache
 * evicts once per release, and history records each entry as published by the release ("system:
 * release <name>"). Without them the release runs as it is.
 */
import type { Core } from '@strapi/strapi';

interface Actor {
  kind: 'system';
  name: string;
}

interface ActorService {
  runAs<T>(actor: Actor, work: () => Promise<T>): Promise<T>;
}

function actorService(strapi: Core.Strapi): ActorService | undefined {
  const history = strapi.plugin('history');
  if (!history) return undefined;
  let service: unknown;
  try {
    service = history.service('actor');
  } catch {
    // A history plugin without an actor service: nothing to attribute to.
    return undefined;
  }
  const runAs = (service as Partial<ActorService> | undefined)?.runAs;
  return typeof runAs === 'function' ? (service as ActorService) : undefined;
}

/** Runs `work` as the release `name` in history, or plainly without the history plugin. */
export function asRelease<T>(
  strapi: Core.Strapi,
  name: string,
  work: () => Promise<T>
): Promise<T> {
  const service = actorService(strapi);
  if (!service) return work();
  return service.runAs({ kind: 'system', name: `release ${name}` }, work);
}

interface CacheService {
  batch<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Runs `work` as one batch of the `response-cache` plugin, when the app has it: the release's
 * writes are evicted, sent to other instances and purged from a CDN once, not once per entry.
 */
export function asOneCacheChange<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  const cache = strapi.plugin('response-cache');
  if (!cache) return work();
  const service = cache.service('cache') as Partial<CacheService> | undefined;
  if (typeof service?.batch !== 'function') return work();
  return (service as CacheService).batch(work);
}
