import type { Core } from '@strapi/strapi';
import type { ListCheckStats } from '../list-checks';
import {
  contentChanged,
  inBatch,
  runtimeOf,
  type EvictionListener,
  type HitGuard,
} from '../runtime';

/**
 * Public service `strapi.plugin('response-cache').service('cache')`: what code outside the plugin
 * may use.
 */
export interface CacheService {
  generation(): number;
  invalidate(): Promise<void>;
  evict(tags: string[]): Promise<void>;
  batch<T>(work: () => Promise<T>): Promise<T>;
  stats(): CacheStats;
  registerHitGuard(guard: HitGuard): void;
  onEviction(listener: EvictionListener): void;
  sharesEvictions(): boolean;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  /** Lists checked after writes: served again (`kept`) or recomputed (`changed`). */
  listChecks: ListCheckStats;
  /**
   * Changes this instance published since start: each told the other instances and purged the
   * shared cache once (one per write outside a transaction, per transaction, per `batch`).
   */
  publishedChanges: number;
  /** Hits answered before the app's middlewares (the plugin README, "Hits before the app"). */
  earlyHits: number;
}

export default ({ strapi }: { strapi: Core.Strapi }): CacheService => ({
  /**
   * A counter bumped by every invalidation (a write here, or a message from another instance over
   * the bus), also when the cache itself is disabled: state derived from the content can be kept
   * for one generation.
   */
  generation(): number {
    return runtimeOf(strapi).store.generation;
  },

  /**
   * Drops the cache here and, once the current transaction commits, on every instance and in the
   * shared cache. For writes
   * no hook sees, such as raw SQL through `strapi.db.connection`.
   */
  invalidate(): Promise<void> {
    return contentChanged(strapi, undefined);
  },

  /**
   * Evicts the entries carrying any of these tags (README, "Cache tags") here and, once the
   * current transaction commits, on every instance and in the shared cache (purger).
   */
  evict(tags: string[]): Promise<void> {
    return contentChanged(strapi, tags);
  },

  /**
   * Runs `work` (typically one `strapi.db.transaction` writing many documents) and evicts what its
   * writes changed once when it ends: one local eviction, one bus message, one purge of the
   * shared cache, instead of one per document written.
   */
  batch<T>(work: () => Promise<T>): Promise<T> {
    return inBatch(strapi, work);
  },

  /** Entries and bytes held now, how list checks went and changes published since start. */
  stats(): CacheStats {
    const { store, listChecks, publishedChanges, earlyHits } = runtimeOf(strapi);
    return {
      entries: store.size,
      bytes: store.bytes,
      listChecks: { ...listChecks.stats },
      publishedChanges,
      earlyHits,
    };
  },

  /**
   * Adds a check every hit answered before the app's middlewares must pass (a plugin whose
   * middleware runs ahead of the cache and must see hits too: rate limits, byte budgets). Call it
   * at register or bootstrap; see `HitGuard` for the contract.
   */
  registerHitGuard(guard: HitGuard): void {
    runtimeOf(strapi).hitGuards.push(guard);
  },

  /**
   * Calls `listener` after every eviction on this instance, with the evicted tags or undefined
   * for everything: a write here, or a message from another instance over the bus (also with the
   * cache disabled). Writes to locales, permissions, media and the core store evict everything,
   * so state derived from them can be dropped on `undefined` instead of being read per request.
   */
  onEviction(listener: EvictionListener): void {
    runtimeOf(strapi).evictionListeners.push(listener);
  },

  /**
   * True when a bus connects this instance to the others (PostgreSQL or Redis): then writes made
   * on another instance reach `onEviction` listeners here too. False on a lone instance (SQLite,
   * `bus: 'none'`); read it at use, since the bus starts in this plugin's bootstrap.
   */
  sharesEvictions(): boolean {
    return runtimeOf(strapi).bus !== undefined;
  },
});
