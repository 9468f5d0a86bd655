/**
 * A load of many distinct requests, for `npm run bench` (run as a child process, like the
 * autocannon CLI for the single-URL scenarios): each connection picks the next request of a
 * shuffled list, so the reads spread over the whole mix. Reads its job from the JSON file named
 * by the first argument and prints the result as JSON: req/s, latency, errors, and the share of
 * responses the response cache answered (`X-Cache: HIT`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

export interface MixRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface MixJob {
  url: string;
  connections: number;
  durationSeconds: number;
  requests: MixRequest[];
  /** Sent with every request (e.g. `authorization` of a read-only API token). */
  headers?: Record<string, string>;
}

export interface MixResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  responses: number;
  hits: number;
  hitRatio: number;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length - 1; i += 2)
      if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    return undefined;
  }
  // autocannon hands over the raw header names ("X-Cache"): compare case-insensitively.
  const entry = Object.entries((headers ?? {}) as Record<string, unknown>).find(
    ([key]) => key.toLowerCase() === name
  );
  return entry === undefined ? undefined : String(entry[1]);
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as MixJob;
  let next = 0;
  let responses = 0;
  let hits = 0;
  let wrongStatus = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const picked = job.requests[next];
          next = (next + 1) % job.requests.length;
          return {
            ...request,
            method: picked.method,
            path: picked.path,
            body: picked.body,
            headers: {
              ...job.headers,
              ...(picked.body ? { 'content-type': 'application/json' } : {}),
            },
          };
        },
        onResponse: (status: number, _body: string, _context: unknown, headers: unknown) => {
          responses += 1;
          if (status !== 200) wrongStatus += 1;
          if (headerValue(headers, 'x-cache') === 'HIT') hits += 1;
        },
      },
    ],
  });
  const output: MixResult = {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + wrongStatus,
    responses,
    hits,
    hitRatio: responses > 0 ? Number((hits / responses).toFixed(3)) : 0,
  };
  process.stdout.write(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
