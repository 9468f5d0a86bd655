/**
 * Bounds the work in flight: at most `maxInFlight` requests run at once, at most `perClient` of
 * them for one client, so one client cannot take every slot. A request that finds no slot waits
 * in a short queue (at most `queueSize` waiters, `perClient` of them per client) for at most
 * `queueTimeoutMs`; otherwise it is refused and the caller answers 503. Pure: timers only.
 */

export interface GateOptions {
  maxInFlight: number;
  perClient: number;
  queueSize: number;
  queueTimeoutMs: number;
}

/** Gives the slot back; call exactly once when the request is done. */
export type Release = () => void;

interface Waiter {
  key: string;
  resolve: (release: Release | null) => void;
  timer: NodeJS.Timeout;
}

const increment = (counts: Map<string, number>, key: string, by: number) => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

export class ConcurrencyGate {
  private inFlight = 0;
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(private readonly options: GateOptions) {}

  /** Resolves with a release function once the request may run, or `null` when refused. */
  acquire(key: string): Promise<Release | null> {
    if (this.canRun(key)) return Promise.resolve(this.start(key));
    if (
      this.queue.length >= this.options.queueSize ||
      (this.waiting.get(key) ?? 0) >= this.options.perClient
    ) {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        key,
        resolve,
        timer: setTimeout(() => {
          this.dequeue(waiter);
          resolve(null);
        }, this.options.queueTimeoutMs),
      };
      waiter.timer.unref?.();
      this.queue.push(waiter);
      increment(this.waiting, key, 1);
    });
  }

  /** Requests running and waiting now. */
  stats(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.queue.length };
  }

  private canRun(key: string): boolean {
    return (
      this.inFlight < this.options.maxInFlight &&
      (this.running.get(key) ?? 0) < this.options.perClient
    );
  }

  private start(key: string): Release {
    this.inFlight += 1;
    increment(this.running, key, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      increment(this.running, key, -1);
      this.dispatch();
    };
  }

  private dequeue(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index >= 0) {
      this.queue.splice(index, 1);
      increment(this.waiting, waiter.key, -1);
    }
  }

  /** Starts the oldest waiters whose client is under its share, while slots are free. */
  private dispatch(): void {
    for (const waiter of [...this.queue]) {
      if (this.inFlight >= this.options.maxInFlight) return;
      if (!this.canRun(waiter.key)) continue;
      clearTimeout(waiter.timer);
      this.dequeue(waiter);
      waiter.resolve(this.start(waiter.key));
    }
  }
}
