/**
 * A per-client budget of response bytes (a token bucket: `bytesPerSecond` steadily, up to
 * `burstBytes` saved up). A response is charged after it is sent, when its size is known; a
 * client whose budget is spent is refused until it has refilled. It covers what the request rate
 * limit does not see: cache hits, and misses that are one request but megabytes of answer.
 * Pure: the clock is passed in. Memory: one entry per client that has spent bytes and not yet
 * refilled, swept as the map grows.
 */
export interface ByteBudgetSettings {
  bytesPerSecond: number;
  burstBytes: number;
}

interface Bucket {
  /** Bytes left at `updatedMs` (negative: in debt after a response larger than what was left). */
  bytes: number;
  updatedMs: number;
}

/** Sweep the map for full buckets once it holds this many more entries than after the last sweep. */
const SWEEP_GROWTH = 1024;

export class ByteBudget {
  private readonly buckets = new Map<string, Bucket>();
  private sweepAt = SWEEP_GROWTH;

  constructor(private readonly settings: ByteBudgetSettings) {}

  private level(bucket: Bucket, nowMs: number): number {
    const refilled = ((nowMs - bucket.updatedMs) / 1000) * this.settings.bytesPerSecond;
    return Math.min(this.settings.burstBytes, bucket.bytes + refilled);
  }

  /** Milliseconds until `key` may be answered again, or 0 when its budget has bytes left. */
  waitMs(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const level = this.level(bucket, nowMs);
    if (level > 0) return 0;
    return Math.ceil(((1 - level) / this.settings.bytesPerSecond) * 1000);
  }

  /** Takes `bytes` from the budget of `key` (it may go into debt: the response is already sent). */
  charge(key: string, bytes: number, nowMs: number): void {
    if (!(bytes > 0)) return;
    const bucket = this.buckets.get(key);
    const level = bucket ? this.level(bucket, nowMs) : this.settings.burstBytes;
    this.buckets.set(key, { bytes: level - bytes, updatedMs: nowMs });
    if (this.buckets.size >= this.sweepAt) this.sweep(nowMs);
  }

  /** Forgets the clients whose budgets are full again (they behave as never seen). */
  private sweep(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.level(bucket, nowMs) >= this.settings.burstBytes) this.buckets.delete(key);
    }
    this.sweepAt = this.buckets.size + SWEEP_GROWTH;
  }

  get size(): number {
    return this.buckets.size;
  }
}
