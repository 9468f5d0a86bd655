/**
 * Delayed refusals. A client refused for its own excess (over its rate, its byte budget, its
 * fair share of a saturated server) gets its `429` only after `delayMs`: an attacker that sends
 * its next request as soon as the last is answered then sends one per `delayMs` per connection
 * instead of thousands a second, and each held request costs the server a timer, not CPU. At
 * most `maxHeld` requests are held at once (each holds a socket); beyond, refusals are answered
 * at once. `releaseAll` answers every held request now (on reload and shutdown). Pure: timers
 * only.
 */

export interface TarpitSettings {
  /** How long a refusal is held before it is answered (ms); 0: not held. */
  delayMs: number;
  /** Most refusals held at once. */
  maxHeld: number;
}

export class Tarpit {
  private readonly held = new Set<() => void>();

  constructor(private readonly settings: TarpitSettings) {}

  /**
   * Settles after `delayMs` (at most `upToMs`, e.g. the refusal's Retry-After), or undefined
   * when the refusal is to be answered at once (no delay, or `maxHeld` reached).
   */
  hold(upToMs = Number.POSITIVE_INFINITY): Promise<void> | undefined {
    const ms = Math.min(this.settings.delayMs, upToMs);
    if (!(ms > 0) || this.held.size >= this.settings.maxHeld) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.held.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.held.add(done);
    });
  }

  /** Answers every held refusal now. */
  releaseAll(): void {
    for (const done of [...this.held]) done();
  }

  /** Refusals held now. */
  get size(): number {
    return this.held.size;
  }
}
