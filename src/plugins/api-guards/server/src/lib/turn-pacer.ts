/**
 * Starts at most one admitted request per turn of the event loop.
 *
 * On SQLite a request that reaches Strapi runs as one synchronous stretch (better-sqlite3 is
 * synchronous and the rest of the pipeline continues in microtasks), some tens of milliseconds
 * for a large page. Node reads every socket that became readable in one poll phase and starts
 * each request there, so requests that arrive together run back to back, and a `/_health` probe
 * or a cheap request that arrived with them waits for all of them: the hostile soak measured
 * stalls of 250 to 370 ms from a few accepted expensive requests, with GC pauses under 30 ms.
 * Making every admitted request after the first of a turn wait for a later turn (after the next
 * poll phase) lets the poll phase answer what is waiting between two of them, so a stall is about one
 * request long. On PostgreSQL requests interleave at their queries anyway; the pacing only
 * spreads their starts. Pure: setImmediate only.
 */
export class TurnPacer {
  private startedThisTurn = false;
  private turnScheduled = false;
  private readonly waiting: Array<() => void> = [];

  /** Undefined when the caller may start at once; else a promise of its turn. */
  turn(): Promise<void> | undefined {
    if (!this.startedThisTurn && this.waiting.length === 0) {
      this.markStarted();
      return undefined;
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.scheduleNextTurn();
    });
  }

  /** Requests waiting for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  private markStarted(): void {
    this.startedThisTurn = true;
    this.scheduleNextTurn();
  }

  /**
   * The next turn begins after a poll phase: an immediate queued from within an immediate runs in
   * the check phase of the next loop iteration, after that iteration's poll (one hop alone could
   * run in this iteration's check phase, right after the poll phase that started the request).
   */
  private scheduleNextTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() =>
      setImmediate(() => {
        this.turnScheduled = false;
        this.startedThisTurn = false;
        const next = this.waiting.shift();
        if (next) {
          this.markStarted();
          next();
        }
      })
    );
  }
}
