/**
 * The state of the response cache of one Strapi instance (settings, store, query counter, bus,
 * purger, token checks), and the one way content changes reach it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** An anonymous `GET`/`HEAD` the cache can answer before the app sees it (early-hits.ts). */
export interface EarlyHit {
  request: IncomingMessage;
  response: ServerResponse;
  /** The raw path, without the query string. */
  path: string;
}

/**
 * Admission of a hit answered before the app (registered through the `cache` service's
 * `registerHitGuard`): true lets the cache answer it (the guard may listen on `response`, e.g. for
 * `finish` to charge what was sent); false hands the request to the app, through every middleware,
 * where the guard's own middleware answers it. Synchronous and cheap: it runs on every such hit.
 */
export type HitGuard = (hit: EarlyHit) => boolean;

/**
 * Told of every eviction on this instance, after it happened: the evicted tags, or undefined for
 * everything (registered through the `cache` service's `onEviction`). Synchronous and cheap.
 */
export type EvictionListener = (tags: readonly string[] | undefined) => void;

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
  /** Changes published since start (other instances told, shared cache purged): see `batch`. */
  publishedChanges: number;
  /** Guards every hit answered before the app must pass (see `HitGuard`). */
  hitGuards: HitGuard[];
  /** Hits answered before the app since start (the rest went through Koa). */
  earlyHits: number;
  /** Told of every eviction here, local or from another instance (see `EvictionListener`). */
  evictionListeners: EvictionListener[];
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
      publishedChanges: 0,
      hitGuards: [],
      earlyHits: 0,
      evictionListeners: [],
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
  } else {
    runtime.store.evict(tags);
    if (tags.includes(TOKENS)) runtime.tokens.clear();
  }
  for (const listener of runtime.evictionListeners) listener(tags);
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

/** The changes collected by the batch the current async context runs in (see `inBatch`). */
interface Batch {
  changed: boolean;
  tags: Set<string> | undefined;
}
const batches = new AsyncLocalStorage<Batch>();

function addTags(into: { tags: Set<string> | undefined }, tags: Eviction): void {
  if (tags === undefined) into.tags = undefined;
  else for (const tag of tags) into.tags?.add(tag);
}

/** Evicts here once more, then tells the other instances and purges the shared cache: once. */
function publishChange(strapi: Core.Strapi, changed: Eviction): void {
  const runtime = runtimeOf(strapi);
  runtime.publishedChanges += 1;
  evictLocally(runtime, changed);
  runtime.bus?.publish(changed).catch((error: Error) => {
    strapi.log.warn(`[response-cache] could not notify other instances: ${error.message}`);
  });
  purgeShared(strapi, changed);
}

/**
 * Content changed: evict the tags here now, and again once the surrounding transaction commits
 * (a read that started before the commit could otherwise store the old content; the eviction
 * sequence makes the store refuse it), then tell the other instances and purge the shared cache.
 * Writes of one transaction are published together, once; writes inside `inBatch` are only
 * collected and published when the batch ends.
 */
export async function contentChanged(strapi: Core.Strapi, tags: Eviction): Promise<void> {
  const batch = batches.getStore();
  if (batch) {
    batch.changed = true;
    addTags(batch, tags);
    return;
  }
  evictLocally(runtimeOf(strapi), tags);
  const transaction = await currentTransaction(strapi);
  if (!transaction) {
    publishChange(strapi, tags);
    return;
  }
  const pending = pendingCommits.get(transaction.id);
  if (pending) {
    addTags(pending, tags);
    return;
  }
  const created = { tags: tags === undefined ? undefined : new Set(tags) };
  pendingCommits.set(transaction.id, created);
  transaction.onCommit(() => publishChange(strapi, created.tags ? [...created.tags] : undefined));
}

/**
 * Runs `work` and publishes what its writes changed once, when it ends (after the transaction it
 * opens has committed): one local eviction, one bus message, one purge of the shared cache,
 * however many documents it writes. Until then this instance keeps serving what it had cached,
 * which is what the database holds for everyone else until the commit. Published also when
 * `work` fails (what it wrote outside a transaction stays written). A batch inside a batch joins
 * the outer one.
 */
export async function inBatch<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  if (batches.getStore()) return work();
  const batch: Batch = { changed: false, tags: new Set() };
  try {
    return await batches.run(batch, work);
  } finally {
    if (batch.changed) publishChange(strapi, batch.tags ? [...batch.tags] : undefined);
  }
}

/** A message from another instance: evict the same tags here, then purge the shared cache. */
export function remoteChange(strapi: Core.Strapi, tags: Eviction): void {
  evictLocally(runtimeOf(strapi), tags);
  purgeShared(strapi, tags);
}
