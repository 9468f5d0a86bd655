/**
 * The state of the response cache of one Strapi instance (settings, store, query counter, bus),
 * and the one way content changes reach it.
 */
import type { Core } from '@strapi/strapi';
import type { InvalidationBus } from './bus';
import { currentTransaction } from './internals';
import { parseCacheConfig, type RawCacheConfig, type ResponseCacheConfig } from './lib/config';
import { QueryCounter } from './lib/query-counter';
import { ResponseStore } from './lib/store';

export const PLUGIN = 'response-cache';

export interface ResponseCacheRuntime {
  config: ResponseCacheConfig;
  store: ResponseStore;
  counter: QueryCounter;
  bus?: InvalidationBus;
}

const runtimes = new WeakMap<Core.Strapi, ResponseCacheRuntime>();

/** The response cache of this Strapi instance, created on first use from the plugin config. */
export function runtimeOf(strapi: Core.Strapi): ResponseCacheRuntime {
  let runtime = runtimes.get(strapi);
  if (!runtime) {
    const config = parseCacheConfig(strapi.config.get<RawCacheConfig>(`plugin::${PLUGIN}`, {}));
    runtime = { config, store: new ResponseStore(config), counter: new QueryCounter() };
    runtimes.set(strapi, runtime);
  }
  return runtime;
}

/** Transactions that already have an after-commit invalidation queued (a seed writes 1000 rows). */
const pendingCommits = new WeakSet<object>();

/**
 * Content changed: drop the local cache now, and again once the surrounding transaction commits
 * (a read that started before the commit could otherwise store the old content; the generation
 * bump of the second invalidation makes the store refuse it), then tell the other instances.
 */
export async function contentChanged(strapi: Core.Strapi): Promise<void> {
  const runtime = runtimeOf(strapi);
  runtime.store.invalidate();
  const afterCommit = (): void => {
    runtime.store.invalidate();
    runtime.bus?.publish().catch((error: Error) => {
      strapi.log.warn(`[response-cache] could not notify other instances: ${error.message}`);
    });
  };
  const transaction = await currentTransaction(strapi);
  if (!transaction) {
    afterCommit();
    return;
  }
  if (pendingCommits.has(transaction.id)) return;
  pendingCommits.add(transaction.id);
  transaction.onCommit(afterCommit);
}
