/**
 * Whether the server is saturated: the share of time the event loop was busy (event-loop
 * utilization, `performance.eventLoopUtilization`) over the last `sampleMs`, at or above
 * `busyAbove`. Sampled when asked, at most once per `sampleMs` (no timer of its own): a server
 * that answers nothing needs no answer either. `busyAbove: 0` means always saturated.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export class Saturation {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private lastMs = 0;
  private busy = false;

  constructor(
    private readonly busyAbove: number,
    private readonly sampleMs = 100
  ) {}

  saturated(nowMs: number): boolean {
    if (this.busyAbove <= 0) return true;
    if (nowMs - this.lastMs >= this.sampleMs) {
      const now = performance.eventLoopUtilization();
      this.busy = performance.eventLoopUtilization(now, this.last).utilization >= this.busyAbove;
      this.last = now;
      this.lastMs = nowMs;
    }
    return this.busy;
  }
}
