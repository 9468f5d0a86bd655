import { RefusalSummary } from '../../server/src/lib/refusal-summary';

describe('RefusalSummary', () => {
  it('says nothing within the interval, then sums up statuses and the busiest clients', () => {
    const summary = new RefusalSummary(60_000);
    const lines: Array<string | null> = [];
    for (let i = 0; i < 5; i += 1) lines.push(summary.record('203.0.113.9', 429, 1_000 + i));
    lines.push(summary.record('198.51.100.1', 503, 30_000));
    expect(lines.every((line) => line === null)).toBe(true);
    expect(summary.record('198.51.100.1', 429, 61_000)).toBe(
      'refused 7 anonymous requests in 60 s (429: 6, 503: 1) from 2 clients; most from 203.0.113.9 (5), 198.51.100.1 (2)'
    );
    // A new interval starts with the next refusal.
    expect(summary.record('203.0.113.9', 429, 62_000)).toBeNull();
    expect(summary.record('203.0.113.9', 429, 122_000)).toMatch(
      /^refused 2 anonymous requests in 60 s/
    );
  });

  it('remembers a bounded number of clients and counts the rest together', () => {
    const summary = new RefusalSummary(1_000);
    for (let i = 0; i < 1500; i += 1)
      summary.record(`10.0.${Math.floor(i / 256)}.${i % 256}`, 429, 0);
    expect(summary.record('10.9.9.9', 429, 1_000)).toMatch(
      /^refused 1501 anonymous requests in 1 s \(429: 1501\) from 1000\+ clients; most from /
    );
  });
});
