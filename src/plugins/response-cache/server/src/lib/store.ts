/**
 * The in-memory store of responses: an LRU bounded by entries and bytes, indexed by cache tag
 * (lib/tags.ts) so that a write evicts exactly the entries that read what it changed. An eviction
 * sequence makes sure a response computed before an eviction of one of its tags is never stored
 * after it.
 */
import { LRUCache } from 'lru-cache';
import type { HeaderValue } from './http';
import type { ListRead } from './list-reads';

/** One stored response, replayed byte for byte. */
export interface CachedResponse {
  status: number;
  /** Response headers to replay, including ETag and Cache-Control, without X-Cache. */
  headers: Record<string, HeaderValue>;
  body: Buffer;
  etag: string;
  /**
   * Compressed copies of `body` served so far (lib/encoding.ts), each compressed once; they count
   * toward the entry's size like the body.
   */
  variants?: Readonly<Partial<Record<string, { body: Buffer }>>>;
}

/** Bytes of an entry's body and of its compressed variants. */
function entryBytes(entry: CachedResponse): number {
  let bytes = entry.body.length;
  for (const variant of Object.values(entry.variants ?? {})) bytes += variant?.body.length ?? 0;
  return bytes;
}

export interface StoreLimits {
  maxEntries: number;
  maxBytes: number;
  /**
   * Largest entry kept, body and compressed variants together: one large answer must not evict
   * the others (unset: `maxBytes`).
   */
  maxEntryBytes?: number;
}

/** Rough per-entry bookkeeping (key, headers, object overhead) added to the body size. */
const ENTRY_OVERHEAD = 1024;

/** Past evictions remembered per tag; beyond this, in-flight responses are refused wholesale. */
const MAX_REMEMBERED_TAGS = 50_000;

/** What an entry depends on besides its tags: list reads that may be checked again. */
export interface ListDependencies {
  /** Tags whose eviction marks the entry for a check instead of dropping it. */
  checkable: ReadonlySet<string>;
  /** The reads to run again (lib/list-reads.ts). */
  lists: readonly ListRead[];
}

interface Indexed {
  entry: CachedResponse;
  tags: readonly string[];
  lists?: ListDependencies;
  /** Set when a write evicted only checkable tags: served again once its lists are checked. */
  unchecked: boolean;
}

/** An entry waiting for its list check (see {@link ResponseStore.pendingCheck}). */
export interface PendingCheck {
  lists: readonly ListRead[];
  /** Identifies the stored entry: {@link ResponseStore.settleCheck} ignores a replaced one. */
  marker: object;
}

export class ResponseStore {
  private readonly lru: LRUCache<string, Indexed>;
  private readonly keysByTag = new Map<string, Set<string>>();
  /** Sequence number of the last eviction of each tag. */
  private readonly evictedAt = new Map<string, number>();
  private sequence = 0;
  private readonly maxEntryBytes: number;
  /** Sequence number of the last eviction of everything. */
  private clearedAt = 0;

  constructor(limits: StoreLimits) {
    this.maxEntryBytes = limits.maxEntryBytes ?? limits.maxBytes;
    this.lru = new LRUCache<string, Indexed>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (indexed, key) => entryBytes(indexed.entry) + key.length + ENTRY_OVERHEAD,
      dispose: (indexed, key) => this.unindex(key, indexed.tags),
    });
  }

  /**
   * The current eviction sequence, bumped by every eviction: take it before computing a response,
   * hand it to {@link set}.
   */
  get generation(): number {
    return this.sequence;
  }

  /** The entry to replay, undefined when there is none or it waits for a list check. */
  get(key: string): CachedResponse | undefined {
    const indexed = this.lru.get(key);
    return indexed && !indexed.unchecked ? indexed.entry : undefined;
  }

  /** The list reads to run again before the entry under `key` may be served, if it waits. */
  pendingCheck(key: string): PendingCheck | undefined {
    const indexed = this.lru.peek(key);
    if (!indexed?.unchecked || !indexed.lists) return undefined;
    return { lists: indexed.lists.lists, marker: indexed };
  }

  /**
   * The outcome of a list check that started at `generation`: the entry is served again when its
   * lists answered the same and none of its tags was evicted since, else it is dropped. Returns
   * true when it may be served.
   */
  settleCheck(key: string, check: PendingCheck, generation: number, unchanged: boolean): boolean {
    const indexed = this.lru.peek(key);
    if (indexed !== check.marker) return false;
    if (unchanged && this.isCurrent(indexed.tags, generation)) {
      indexed.unchecked = false;
      return true;
    }
    this.lru.delete(key);
    return false;
  }

  /**
   * True when nothing the response read (its tags) was evicted since `generation` was taken: the
   * response cannot predate a write that concerns it.
   */
  isCurrent(tags: Iterable<string>, generation: number): boolean {
    if (this.clearedAt > generation) return false;
    for (const tag of tags) if ((this.evictedAt.get(tag) ?? 0) > generation) return false;
    return true;
  }

  /**
   * Stores a response computed since `generation` was taken, under the tags of what it read.
   * Returns false and stores nothing when one of those tags was evicted in the meantime, or the
   * body is larger than `maxEntryBytes` (or the entry than the whole store).
   */
  set(
    key: string,
    entry: CachedResponse,
    tags: readonly string[],
    generation: number,
    lists?: ListDependencies
  ): boolean {
    if (!this.isCurrent(tags, generation)) return false;
    if (!this.fits(key, entry)) return false;
    this.lru.set(key, { entry, tags, lists, unchecked: false });
    this.index(key, tags);
    return true;
  }

  /**
   * Replaces the entry under `key` by `next` (the same response with one more compressed variant),
   * provided `current` is still what is stored there, it is not waiting for a list check, and the
   * larger entry fits `maxEntryBytes`. Returns false and changes nothing otherwise: the variant is
   * then served without being kept.
   */
  replace(key: string, current: CachedResponse, next: CachedResponse): boolean {
    const indexed = this.lru.peek(key);
    if (!indexed || indexed.entry !== current || indexed.unchecked) return false;
    if (!this.fits(key, next)) return false;
    // A new object, so that the LRU recomputes the size; its dispose unindexes the key.
    this.lru.set(key, { ...indexed, entry: next });
    this.index(key, indexed.tags);
    return true;
  }

  private fits(key: string, entry: CachedResponse): boolean {
    const bytes = entryBytes(entry);
    return bytes <= this.maxEntryBytes && bytes + key.length + ENTRY_OVERHEAD <= this.lru.maxSize;
  }

  private index(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  /**
   * Drops the entries carrying any of `tags`, except those that carry only checkable ones among
   * them: these wait for a list check. Returns how many were dropped.
   */
  evict(tags: Iterable<string>): number {
    this.sequence += 1;
    if (this.evictedAt.size > MAX_REMEMBERED_TAGS) {
      this.evictedAt.clear();
      this.clearedAt = this.sequence;
    }
    /** Key → true while every evicted tag it carries is checkable. */
    const touched = new Map<string, boolean>();
    for (const tag of tags) {
      this.evictedAt.set(tag, this.sequence);
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of keys) {
        const checkable = this.lru.peek(key)?.lists?.checkable.has(tag) === true;
        touched.set(key, (touched.get(key) ?? true) && checkable);
      }
    }
    let evicted = 0;
    for (const [key, onlyCheckable] of touched) {
      const indexed = this.lru.peek(key);
      if (onlyCheckable && indexed) indexed.unchecked = true;
      else if (this.lru.delete(key)) evicted += 1;
    }
    return evicted;
  }

  /** Drops every entry. */
  invalidate(): void {
    this.sequence += 1;
    this.clearedAt = this.sequence;
    this.evictedAt.clear();
    this.lru.clear();
    this.keysByTag.clear();
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.keysByTag.delete(tag);
    }
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
