/**
 * Per-client fair share of a saturated server. Node answers requests in the order their sockets
 * become readable, so a client with many connections sending cheap requests back to back (cache
 * hits, refusals) gets as many turns as it has connections, and a visitor with one connection
 * waits behind all of them. While the server is saturated, a client that has started more than
 * `factor` times the typical client's requests in the last window is refused (the caller
 * answers 429 and delays it, see ./tarpit.ts), so every client keeps a turn. While the server
 * is not saturated nothing is refused: a busy proxy or a crawler may take what is free.
 *
 * Counted in windows of `windowMs`. The typical client is the median of the previous window's
 * requests per client (of the current window so far when there is no previous one: a client
 * alone is the median and never over), admitted requests only: a mean would be pulled up by the few heavy
 * clients it is meant to hold back (with 8 attackers at a share of twice the mean among 16
 * visitors, the attackers would still take two thirds of the turns), and a refused flood must
 * not raise everyone's share. `minPerWindow` is a floor under the share, so a client is never
 * refused for a handful of requests. Pure: the clock and the saturation signal are passed in.
 * Memory: one counter per client of the current window.
 */

export interface FairShareSettings {
  /** Length of a counting window (ms). */
  windowMs: number;
  /** A client may start this many times the typical (median) client's requests per window. */
  factor: number;
  /** A client is never refused below this many requests in a window. */
  minPerWindow: number;
}

interface WindowCounts {
  startedMs: number;
  perClient: Map<string, number>;
}

const emptyWindow = (startedMs: number): WindowCounts => ({ startedMs, perClient: new Map() });

/** The middle value (the mean of the two middle ones), undefined for none. */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = values.sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export class FairShare {
  private current: WindowCounts = emptyWindow(0);
  /** The previous window's median of requests per client (undefined: no evidence). */
  private typicalPerClient: number | undefined;

  constructor(private readonly settings: FairShareSettings) {}

  private roll(nowMs: number): void {
    const elapsed = nowMs - this.current.startedMs;
    if (elapsed < this.settings.windowMs) return;
    // Only the window just ended speaks for the present; an idle gap leaves no evidence.
    this.typicalPerClient =
      elapsed < 2 * this.settings.windowMs
        ? median([...this.current.perClient.values()])
        : undefined;
    this.current = emptyWindow(nowMs);
  }

  /** The most requests one client may start in the current window while the server is saturated. */
  share(nowMs: number): number {
    this.roll(nowMs);
    // Without a previous window (the first, or after an idle one), the current window so far.
    const typical = this.typicalPerClient ?? median([...this.current.perClient.values()]);
    if (typical === undefined) return Number.POSITIVE_INFINITY;
    return Math.max(this.settings.minPerWindow, this.settings.factor * typical);
  }

  /**
   * Decides for one request of client `key`: true (admitted and counted) unless the server is
   * `saturated` and the client has already started its share in this window.
   */
  admit(key: string, nowMs: number, saturated: boolean): boolean {
    const share = this.share(nowMs);
    const started = this.current.perClient.get(key) ?? 0;
    if (saturated && started >= share) return false;
    this.current.perClient.set(key, started + 1);
    return true;
  }

  /** Clients counted in the current window. */
  get clients(): number {
    return this.current.perClient.size;
  }
}
