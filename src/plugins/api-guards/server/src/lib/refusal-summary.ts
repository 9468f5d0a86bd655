/**
 * Counts the miss path's refusals and sums them up at most once per interval: one log line per
 * minute under a flood instead of one line per refused request (the middleware runs before
 * Strapi's request logger, which would write thousands of lines a second to stdout,
 * synchronously when it is a pipe). Pure: the caller passes the clock and writes the line.
 */

/** Distinct clients remembered per interval; more are counted together (bounded memory). */
const MAX_CLIENTS = 1000;
/** Clients named in the line. */
const TOP = 3;

export class RefusalSummary {
  private started: number | undefined;
  private readonly byStatus = new Map<number, number>();
  private readonly byClient = new Map<string, number>();
  private otherClients = 0;

  constructor(private readonly intervalMs: number) {}

  /** Counts one refusal; returns the summary line when the interval is over, else `null`. */
  record(client: string, status: number, now: number): string | null {
    this.started ??= now;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (this.byClient.has(client) || this.byClient.size < MAX_CLIENTS) {
      this.byClient.set(client, (this.byClient.get(client) ?? 0) + 1);
    } else {
      this.otherClients += 1;
    }
    if (now - this.started < this.intervalMs) return null;
    return this.flush(now);
  }

  private flush(now: number): string {
    const seconds = Math.max(1, Math.round((now - (this.started ?? now)) / 1000));
    const total = [...this.byStatus.values()].reduce((sum, n) => sum + n, 0);
    const statuses = [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    const top = [...this.byClient]
      .sort(([, a], [, b]) => b - a)
      .slice(0, TOP)
      .map(([client, n]) => `${client} (${n})`)
      .join(', ');
    const clients = this.byClient.size + (this.otherClients > 0 ? '+' : '');
    this.started = undefined;
    this.byStatus.clear();
    this.byClient.clear();
    this.otherClients = 0;
    return `refused ${total} anonymous requests in ${seconds} s (${statuses}) from ${clients} clients; most from ${top}`;
  }
}
