/**
 * The in-memory store of responses: an LRU bounded by entries and bytes, with a generation counter
 * so that a response computed before an invalidation is never stored after it.
 */
import { LRUCache } from 'lru-cache';
import type { HeaderValue } from './http';

/** One stored response, replayed byte for byte. */
export interface CachedResponse {
  status: number;
  /** Response headers to replay, including ETag and Cache-Control, without X-Cache. */
  headers: Record<string, HeaderValue>;
  body: Buffer;
  etag: string;
}

export interface StoreLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Rough per-entry bookkeeping (key, headers, object overhead) added to the body size. */
const ENTRY_OVERHEAD = 1024;

export class ResponseStore {
  private readonly lru: LRUCache<string, CachedResponse>;
  private generationCounter = 0;

  constructor(limits: StoreLimits) {
    this.lru = new LRUCache<string, CachedResponse>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (entry, key) => entry.body.length + key.length + ENTRY_OVERHEAD,
    });
  }

  /** The current generation: take it before computing a response, hand it to {@link set}. */
  get generation(): number {
    return this.generationCounter;
  }

  get(key: string): CachedResponse | undefined {
    return this.lru.get(key);
  }

  /**
   * Stores a response computed since `generation` was read. Returns false and stores nothing when
   * content changed in the meantime (the response may predate the change) or the entry is larger
   * than the whole store.
   */
  set(key: string, entry: CachedResponse, generation: number): boolean {
    if (generation !== this.generationCounter) return false;
    if (entry.body.length + key.length + ENTRY_OVERHEAD > this.lru.maxSize) return false;
    this.lru.set(key, entry);
    return true;
  }

  /** Drops every entry and starts a new generation. */
  invalidate(): void {
    this.generationCounter += 1;
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
