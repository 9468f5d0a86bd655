/**
 * The one per-request DataLoader registry of the plugin's GraphQL resolvers: batched to-one
 * relations (./batch-to-one.ts) and fallback relations (./fallback-relations.ts) share it. A loader
 * lives as long as the request's context object.
 */
import DataLoader from 'dataloader';

const loaders = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The DataLoader of this request for `key`, created on first use. Keys must tell apart whatever
 * changes the answer (field, locales, status, arguments): aliased root fields of one request may
 * ask for other locales.
 */
export function requestLoader<K, V>(
  context: object,
  key: string,
  create: () => DataLoader<K, V>
): DataLoader<K, V> {
  let perRequest = loaders.get(context);
  if (!perRequest) {
    perRequest = new Map();
    loaders.set(context, perRequest);
  }
  let loader = perRequest.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    perRequest.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/**
 * setImmediate, not DataLoader's default next tick: every sibling resolver finishes its (async
 * but I/O-free) validation first, so one page of parents becomes one batch.
 */
export const batchScheduleFn = (callback: () => void): void => {
  setImmediate(callback);
};
