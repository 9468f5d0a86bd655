/** What the attackers (or the website mix) saw, counted per attack: plain data, mergeable. */
import type { Answer } from './http-client';

export interface Tally {
  requests: number;
  statuses: Record<string, number>;
  /** 5xx answers, except a 503 with `Retry-After` (the documented "busy" refusal). */
  fivexx: number;
  /** 503 with `Retry-After`: the in-flight bound refusing an anonymous miss. */
  busy: number;
  /** Requests without an answer, by cause (reset, refused, timeout at the phase's end). */
  errors: Record<string, number>;
  /** Answers with the right status but wrong content (another query's body, a wrong offset). */
  wrongAnswers: number;
  wrongExamples: string[];
  /** The first few requests answered with a 5xx (`500 POST /graphql …`). */
  fivexxExamples: string[];
  slowestMs: number;
  /** Requests (slow bodies) or sockets (slow headers) the server still held when the phase ended. */
  heldToTheEnd: number;
  socketsOpened: number;
  /** Slow-header sockets the server closed before the phase ended. */
  socketsClosedByServer: number;
  /** Answers the response cache gave (`X-Cache: HIT`). */
  hits: number;
  /** Response body bytes received (what the byte budget charges, about). */
  bytes: number;
  /**
   * 429 and 503 answers by their message with numbers as `#` ("The server is busy and this
   * client has sent more than its share…"), where the body was kept: which guard refused.
   */
  refusals: Record<string, number>;
}

export const emptyTally = (): Tally => ({
  requests: 0,
  statuses: {},
  fivexx: 0,
  busy: 0,
  errors: {},
  wrongAnswers: 0,
  wrongExamples: [],
  fivexxExamples: [],
  slowestMs: 0,
  heldToTheEnd: 0,
  socketsOpened: 0,
  socketsClosedByServer: 0,
  hits: 0,
  bytes: 0,
  refusals: {},
});

/** The message of a refusal's body (REST `error.message`, GraphQL `errors[0].message`). */
export function refusalMessage(body: string): string {
  let message = '(no message)';
  try {
    const parsed = JSON.parse(body) as {
      error?: { message?: unknown };
      errors?: Array<{ message?: unknown }>;
    };
    const found = parsed.error?.message ?? parsed.errors?.[0]?.message;
    if (typeof found === 'string') message = found;
  } catch {
    message = '(not JSON)';
  }
  return message.replace(/\d+/g, '#').slice(0, 100);
}

/**
 * Counts one answer; `wrong` says what is wrong with its content, if anything; `path` names the
 * request in the examples of 5xx.
 */
export function record(tally: Tally, answer: Answer, wrong?: string, path = ''): void {
  tally.requests += 1;
  if (answer.status === 0) {
    const cause = answer.error ?? 'no answer';
    tally.errors[cause] = (tally.errors[cause] ?? 0) + 1;
    return;
  }
  tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
  if (answer.status === 503 && answer.retryAfter !== undefined) tally.busy += 1;
  else if (answer.status >= 500) {
    tally.fivexx += 1;
    const example = `${answer.status} ${path.slice(0, 160)}`;
    if (tally.fivexxExamples.length < 3 && !tally.fivexxExamples.includes(example))
      tally.fivexxExamples.push(example);
  }
  if ((answer.status === 429 || answer.status === 503) && answer.body !== undefined) {
    const message = refusalMessage(answer.body);
    tally.refusals[message] = (tally.refusals[message] ?? 0) + 1;
  }
  if (answer.cache === 'HIT') tally.hits += 1;
  tally.bytes += answer.bytes;
  tally.slowestMs = Math.max(tally.slowestMs, answer.ms);
  if (wrong !== undefined) {
    tally.wrongAnswers += 1;
    if (tally.wrongExamples.length < 3 && !tally.wrongExamples.includes(wrong))
      tally.wrongExamples.push(wrong);
  }
}

export function mergeTallies(tallies: readonly Tally[]): Tally {
  const sum = emptyTally();
  for (const tally of tallies) {
    for (const key of [
      'requests',
      'fivexx',
      'busy',
      'wrongAnswers',
      'heldToTheEnd',
      'socketsOpened',
      'socketsClosedByServer',
      'hits',
      'bytes',
    ] as const)
      sum[key] += tally[key];
    for (const [status, n] of Object.entries(tally.statuses))
      sum.statuses[status] = (sum.statuses[status] ?? 0) + n;
    for (const [cause, n] of Object.entries(tally.errors))
      sum.errors[cause] = (sum.errors[cause] ?? 0) + n;
    for (const [message, n] of Object.entries(tally.refusals))
      sum.refusals[message] = (sum.refusals[message] ?? 0) + n;
    for (const key of ['wrongExamples', 'fivexxExamples'] as const)
      for (const example of tally[key])
        if (sum[key].length < 3 && !sum[key].includes(example)) sum[key].push(example);
    sum.slowestMs = Math.max(sum.slowestMs, tally.slowestMs);
  }
  return sum;
}
