/**
 * The hostile soak's prober: every 0.5 s, from 127.0.0.1, a cached page, `/_health` and an
 * uncached read (a list whose filter changes each time), each on its own, so that a stalled
 * probe does not hold back the next one. What a visitor would see while the attack runs.
 */
import { agentFrom, send, type Answer } from './http-client';

export interface ProbeSummary {
  sent: number;
  /** Probes without the expected status (no answer, a timeout, a 5xx, a 429, …). */
  failed: number;
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers from the response cache (`X-Cache: HIT`). */
  hits: number;
}

export interface ProbeSummaries {
  page: ProbeSummary;
  health: ProbeSummary;
  uncached: ProbeSummary;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

function summarise(answers: readonly Answer[], expected: number): ProbeSummary {
  // A probe without an answer counts at its timeout: it waited at least that long.
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const failures: Record<string, number> = {};
  for (const answer of answers) {
    if (answer.status === expected) continue;
    const cause = answer.status === 0 ? (answer.error ?? 'no answer') : String(answer.status);
    failures[cause] = (failures[cause] ?? 0) + 1;
  }
  return {
    sent: answers.length,
    failed: Object.values(failures).reduce((sum, n) => sum + n, 0),
    failures,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
    hits: answers.filter((answer) => answer.cache === 'HIT').length,
  };
}

export const CACHED_PAGE = '/api/cities?locale=de&pagination[pageSize]=25';
/** Unique over the whole run (and across runs), so that it always misses the cache. */
const RUN = Date.now().toString(36);
export const uncachedRead = (n: number) =>
  `/api/cities?locale=en&pagination[pageSize]=5&filters[name][$notContains]=probe${RUN}-${n}`;

let sent = 0;

export function startProber(
  port: number,
  options: { intervalMs?: number; timeoutMs?: number } = {}
) {
  const agent = agentFrom('127.0.0.1');
  const timeoutMs = options.timeoutMs ?? 5000;
  const pending: Array<Promise<unknown>> = [];
  const answers = { page: [] as Answer[], health: [] as Answer[], uncached: [] as Answer[] };
  const probe = (kind: keyof typeof answers, path: string) =>
    pending.push(
      send(agent, port, path, { timeoutMs }).then((answer) => answers[kind].push(answer))
    );
  const tick = () => {
    probe('page', CACHED_PAGE);
    probe('health', '/_health');
    probe('uncached', uncachedRead((sent += 1)));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 500);
  return {
    async stop(): Promise<ProbeSummaries> {
      clearInterval(timer);
      await Promise.all(pending);
      agent.destroy();
      return {
        page: summarise(answers.page, 200),
        health: summarise(answers.health, 204),
        uncached: summarise(answers.uncached, 200),
      };
    },
  };
}
