/**
 * Bounds the work in flight: at most `maxInFlight` requests run at once, at most `perClient` of
 * them for one client, so one client cannot take every slot. A request that finds no slot waits
 * in a short queue (at most `queueSize` waiters, `perClient` of them per client) for at most
 * `queueTimeoutMs`; otherwise it is refused.
 *
 * Fair across clients: a freed slot goes to the waiting client with the fewest requests running,
 * and among those to the one served longest ago (round robin), not to the oldest waiter, so a
 * client that queued many requests first cannot hold every slot in turn. A full queue makes room
 * for a client with fewer waiters by refusing the newest waiter of the client with the most.
 *
 * Why a request is refused tells the caller what to answer: `'client-share'` (this client
 * already has its share waiting, or was pushed out for a client with less: 429, its own doing)
 * or `'busy'` (the queue is full of clients under their share, or the wait ran out: 503).
 * Pure: timers only.
 */

export interface GateOptions {
  maxInFlight: number;
  perClient: number;
  queueSize: number;
  queueTimeoutMs: number;
}

/** Gives the slot back; call exactly once when the request is done. */
export type Release = () => void;

/** Why a request got no slot (see the module comment). */
export type Refusal = 'client-share' | 'busy';

interface Waiter {
  key: string;
  resolve: (outcome: Release | Refusal) => void;
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
  /** When each client last got a slot (a sequence number), for the round robin. */
  private readonly lastServed = new Map<string, number>();
  private served = 0;

  constructor(private readonly options: GateOptions) {}

  /** Resolves with a release function once the request may run, or with why it may not. */
  acquire(key: string): Promise<Release | Refusal> {
    if (this.canRun(key)) return Promise.resolve(this.start(key));
    const waiting = this.waiting.get(key) ?? 0;
    if (waiting >= this.options.perClient) return Promise.resolve('client-share');
    if (this.queue.length >= this.options.queueSize && !this.makeRoomFor(waiting)) {
      return Promise.resolve('busy');
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        key,
        resolve,
        timer: setTimeout(() => {
          this.dequeue(waiter);
          resolve('busy');
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

  /**
   * Refuses the newest waiter of the client with the most waiters when that client has at least
   * two more than a newcomer with `waiting` waiters; true when a place was freed.
   */
  private makeRoomFor(waiting: number): boolean {
    let heaviest: string | undefined;
    let most = waiting + 1;
    for (const [key, count] of this.waiting) {
      if (count > most) {
        heaviest = key;
        most = count;
      }
    }
    if (heaviest === undefined) return false;
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      const waiter = this.queue[i];
      if (waiter.key !== heaviest) continue;
      clearTimeout(waiter.timer);
      this.dequeue(waiter);
      waiter.resolve('client-share');
      return true;
    }
    return false;
  }

  private start(key: string): Release {
    this.inFlight += 1;
    increment(this.running, key, 1);
    this.served += 1;
    // Re-inserted so the map stays small: forgotten once the client has nothing running.
    this.lastServed.delete(key);
    this.lastServed.set(key, this.served);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      increment(this.running, key, -1);
      if (!this.running.has(key) && !this.waiting.has(key)) this.lastServed.delete(key);
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

  /**
   * The next waiter to run: of the clients under their share, the one with the fewest requests
   * running, then the one served longest ago; its oldest waiter.
   */
  private next(): Waiter | undefined {
    let best: Waiter | undefined;
    let bestRunning = Number.POSITIVE_INFINITY;
    let bestServed = Number.POSITIVE_INFINITY;
    for (const waiter of this.queue) {
      if (!this.canRun(waiter.key)) continue;
      const running = this.running.get(waiter.key) ?? 0;
      const served = this.lastServed.get(waiter.key) ?? 0;
      if (running < bestRunning || (running === bestRunning && served < bestServed)) {
        best = waiter;
        bestRunning = running;
        bestServed = served;
      }
    }
    return best;
  }

  /** Starts waiters, round robin across clients, while slots are free. */
  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const waiter = this.next();
      if (!waiter) return;
      clearTimeout(waiter.timer);
      this.dequeue(waiter);
      waiter.resolve(this.start(waiter.key));
    }
  }
}
