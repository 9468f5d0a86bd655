/**
 * The state of the response cache of one Strapi instance (settings, store, query counter, bus,
 * purger, token checks), and the one way content changes reach it.
 */
import type { Core } from '@strapi/strapi';
import type { InvalidationBus } from './bus';
import { currentTransaction } from './internals';
import { parseCacheConfig, type RawCacheConfig, type ResponseCacheConfig } from './lib/config';
import { QueryCounter } from './lib/query-counter';
import { ResponseStore } from './lib/store';
import { ALL, TOKENS } from './lib/tags';
import { ListChecker } from './list-checks';
import { createPurger, type Purger } from './purger';
import { TokenChecker } from './tokens';

export const PLUGIN = 'response-cache';

export interface ResponseCacheRuntime {
  config: ResponseCacheConfig;
  store: ResponseStore;
  counter: QueryCounter;
  tokens: TokenChecker;
  /** Checks of cached lists after writes (lib/list-reads.ts). */
  listChecks: ListChecker;
  purger?: Purger;
  bus?: InvalidationBus;
  /** The default locale, read once per generation of "everything" (lib/tags.ts). */
  defaultLocale?: Promise<string | undefined>;
}

const runtimes = new WeakMap<Core.Strapi, ResponseCacheRuntime>();

/** The response cache of this Strapi instance, created on first use from the plugin config. */
export function runtimeOf(strapi: Core.Strapi): ResponseCacheRuntime {
  let runtime = runtimes.get(strapi);
  if (!runtime) {
    const config = parseCacheConfig(strapi.config.get<RawCacheConfig>(`plugin::${PLUGIN}`, {}));
    const store = new ResponseStore(config);
    runtime = {
      config,
      store,
      listChecks: new ListChecker(strapi, store),
      counter: new QueryCounter(),
      tokens: new TokenChecker(strapi),
      purger: createPurger(config.purger),
    };
    runtimes.set(strapi, runtime);
  }
  return runtime;
}

/** Tags to evict, or `undefined` for everything (a change whose reach is not known). */
export type Eviction = readonly string[] | undefined;

/** Evicts here: the matching entries, and what was derived from the evicted content. */
export function evictLocally(runtime: ResponseCacheRuntime, tags: Eviction): void {
  if (tags === undefined) {
    runtime.store.invalidate();
    runtime.tokens.clear();
    runtime.defaultLocale = undefined;
    return;
  }
  runtime.store.evict(tags);
  if (tags.includes(TOKENS)) runtime.tokens.clear();
}

/** Purges the shared cache in front of the app (Varnish, a CDN), if one is configured. */
export function purgeShared(strapi: Core.Strapi, tags: Eviction): void {
  const { purger } = runtimeOf(strapi);
  if (!purger) return;
  purger.purge(tags ?? [ALL]).catch((error: Error) => {
    strapi.log.warn(`[response-cache] ${error.message}`);
  });
}

/** What the transactions in flight have changed so far: their tags, or `undefined` for all. */
const pendingCommits = new WeakMap<object, { tags: Set<string> | undefined }>();

/**
 * Content changed: evict the tags here now, and again once the surrounding transaction commits
 * (a read that started before the commit could otherwise store the old content; the eviction
 * sequence makes the store refuse it), then tell the other instances and purge the shared cache.
 * Writes of one transaction are published together, once.
 */
export async function contentChanged(strapi: Core.Strapi, tags: Eviction): Promise<void> {
  const runtime = runtimeOf(strapi);
  evictLocally(runtime, tags);
  const afterCommit = (changed: Eviction): void => {
    evictLocally(runtime, changed);
    runtime.bus?.publish(changed).catch((error: Error) => {
      strapi.log.warn(`[response-cache] could not notify other instances: ${error.message}`);
    });
    purgeShared(strapi, changed);
  };
  const transaction = await currentTransaction(strapi);
  if (!transaction) {
    afterCommit(tags);
    return;
  }
  const pending = pendingCommits.get(transaction.id);
  if (pending) {
    if (tags === undefined) pending.tags = undefined;
    else for (const tag of tags) pending.tags?.add(tag);
    return;
  }
  const created = { tags: tags === undefined ? undefined : new Set(tags) };
  pendingCommits.set(transaction.id, created);
  transaction.onCommit(() => afterCommit(created.tags ? [...created.tags] : undefined));
}

/** A message from another instance: evict the same tags here, then purge the shared cache. */
export function remoteChange(strapi: Core.Strapi, tags: Eviction): void {
  evictLocally(runtimeOf(strapi), tags);
  purgeShared(strapi, tags);
}
