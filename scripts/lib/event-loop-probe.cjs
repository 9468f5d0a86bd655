/**
 * Preloaded into the server by `npm run soak` (`node --require`, EVENT_LOOP_PROBE_FILE=path):
 * every second appends one JSON line with the event-loop delay of that second (perf_hooks
 * monitorEventLoopDelay: p50, p99, max in ms) and its garbage-collection pauses (count, total
 * and longest in ms, and the longest major one). A stall that delays `/_health` shows up here
 * with its cause: a GC pause, or synchronous work. Plain CommonJS: it runs before the app.
 */
const { appendFileSync } = require('node:fs');
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');

const file = process.env.EVENT_LOOP_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let gc = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  // Where resident memory goes: the JavaScript heap in use and reserved, and memory outside it
  // (Buffers, native addons such as SQLite's page cache).
  const memory = () => {
    const usage = process.memoryUsage();
    const mb = (bytes) => Math.round(bytes / 1048576);
    return {
      heapMb: mb(usage.heapUsed),
      heapTotalMb: mb(usage.heapTotal),
      externalMb: mb(usage.external),
      arrayBuffersMb: mb(usage.arrayBuffers),
      rssMb: mb(usage.rss),
    };
  };
  setInterval(() => {
    const line = {
      t: Date.now(),
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      gc: {
        count: gc.count,
        totalMs: Math.round(gc.totalMs),
        maxMs: Math.round(gc.maxMs),
        majorMaxMs: Math.round(gc.majorMaxMs),
      },
      ...memory(),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
  }, 1000).unref();
}
