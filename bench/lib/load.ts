/**
 * Load generation and what it measures: autocannon and wrk (separate processes), the read mix
 * (../mix-load.ts), alternating rounds, and the server's CPU time per request from /proc.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MixRequest, MixResult } from '../mix-load';
import { trackChild } from './app';
import { BENCH_DIR, CONNECTIONS, DURATION, ROOT, ROUNDS, WARMUP_ROUNDS } from './options';

export interface Scenario {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expectStatus?: number;
  /** The ceiling: a static server that issues no SQL at all. */
  noDatabase?: boolean;
  /** Seconds of load (default BENCH_DURATION). */
  duration?: number;
  /**
   * Where to count the SQL queries of the same request when the loaded instance runs without the
   * query counter (like stock Strapi): the counting instance.
   */
  countUrl?: string;
  /** Measure with wrk too (the ceiling and the cached scenarios). */
  wrk?: boolean;
  /** The server's process, to measure its CPU time per request in alternating rounds. */
  pid?: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface Result {
  scenario: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  fractionOfCeiling?: number;
  /** SQL queries of one request once warm (a cached scenario: 0 on a hit). */
  queriesPerRequest: number | null;
  /** SQL queries of the first (uncached) request of the scenario. */
  queriesFirstRequest: number | null;
  /** The same scenario under wrk (when installed and asked for). */
  wrk?: LoadFigures;
}

export async function probe(
  scenario: Scenario
): Promise<{ status: number; queries: number | null; headers: Headers; body: Buffer }> {
  const response = await fetch(scenario.url, {
    method: scenario.method ?? 'GET',
    body: scenario.body,
    headers: {
      // Plain bytes unless a scenario asks otherwise, as autocannon and wrk send no
      // Accept-Encoding (fetch would ask for gzip and br and decode them).
      'accept-encoding': 'identity',
      ...(scenario.body ? { 'content-type': 'application/json' } : {}),
      ...scenario.headers,
    },
  });
  const body = Buffer.from(await response.arrayBuffer());
  const header = response.headers.get('x-query-count');
  return {
    status: response.status,
    queries: header === null ? null : Number(header),
    headers: response.headers,
    body,
  };
}

interface AutocannonOutput {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

export async function autocannon(scenario: Scenario): Promise<AutocannonOutput> {
  const args = [
    '--json',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(scenario.duration ?? DURATION),
    '-m',
    scenario.method ?? 'GET',
  ];
  const headers = {
    ...(scenario.body ? { 'content-type': 'application/json' } : {}),
    ...scenario.headers,
  };
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  if (scenario.body) args.push('-b', scenario.body);
  args.push(scenario.url);
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'autocannon'), args, {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  trackChild(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(stdout) as AutocannonOutput;
}

export const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => existsSync(file));

/** Milliseconds of a wrk duration such as `312.00us`, `1.23ms`, `2.01s`. */
function wrkMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return NaN;
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number((Number(match[1]) * factor).toFixed(2));
}

/**
 * The scenario under wrk (2 threads, the same connections and duration as autocannon). A 304
 * scenario counts as correct: wrk counts only statuses ≥ 400 as "Non-2xx or 3xx".
 */
export function wrk(scenario: Scenario): LoadFigures | undefined {
  if (!WRK) return undefined;
  const args = ['-t2', `-c${CONNECTIONS}`, `-d${scenario.duration ?? DURATION}s`, '--latency'];
  for (const [name, value] of Object.entries(scenario.headers ?? {}))
    args.push('-H', `${name}: ${value}`);
  let script: string | undefined;
  if (scenario.method === 'POST') {
    script = path.join(ROOT, '.tmp', `bench-wrk-${process.pid}.lua`);
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(scenario.body ?? '')}\n`
    );
    args.push('-s', script);
  }
  args.push(scenario.url);
  try {
    const output = execFileSync(WRK, args, { encoding: 'utf8' });
    const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(output);
    const p50 = /^\s+50%\s+(\S+)/m.exec(output);
    const p99 = /^\s+99%\s+(\S+)/m.exec(output);
    const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      output
    );
    const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
    return {
      requestsPerSecond: Math.round(Number(perSecond?.[1] ?? 0)),
      p50Ms: p50 ? wrkMs(p50[1]) : NaN,
      p99Ms: p99 ? wrkMs(p99[1]) : NaN,
      errors: Number(non2xx?.[1] ?? 0) + socketErrors,
    };
  } finally {
    if (script) rmSync(script, { force: true });
  }
}

/**
 * Runs two scenarios in turn, `ROUNDS` times, so that both see the same moments of a shared
 * machine, and returns the req/s of each round: a single run of each, one after the other, moved
 * by ±15 % between runs. `WARMUP_ROUNDS` untimed rounds of each come first: without them the
 * scenario measured first paid alone for the JIT, the prepared statements and the memos of a
 * fresh instance (the fallback chain's first round cost 12.2 CPU ms per request, its third 5.9).
 */
export async function alternate(a: Scenario, b: Scenario): Promise<Alternation> {
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    await loadRound(a);
    await loadRound(b);
  }
  const rounds: Alternation = { a: [], b: [], cpuA: [], cpuB: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const first = await loadRound(a);
    rounds.a.push(first.requestsPerSecond);
    rounds.cpuA.push(first.cpuMsPerRequest);
    const second = await loadRound(b);
    rounds.b.push(second.requestsPerSecond);
    rounds.cpuB.push(second.cpuMsPerRequest);
  }
  return rounds;
}

export interface Alternation {
  /** req/s of each round. */
  a: number[];
  b: number[];
  /** CPU milliseconds the server spent per request in each round (null without a pid). */
  cpuA: Array<number | null>;
  cpuB: Array<number | null>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU time (user + system, milliseconds) a process has used so far, from /proc (Linux), or null.
 * Divided by the requests answered, it is what a request costs the server, which moves far less
 * than req/s when other work shares the cores.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), i.e. 12 and 13 after the name; in ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Stock's (b) mean CPU ms per request divided by ours (a): ≥ 1 means cheaper than stock. */
export function cpuRatio(rounds: Alternation): number | null {
  const mean = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : 0;
  };
  const ours = mean(rounds.cpuA);
  return ours > 0 ? Number((mean(rounds.cpuB) / ours).toFixed(2)) : null;
}

/** One load of BENCH_DURATION: req/s, and the server's CPU per request when its pid is known. */
export async function loadRound(
  scenario: Scenario
): Promise<{ requestsPerSecond: number; cpuMsPerRequest: number | null }> {
  const before = cpuMs(scenario.pid);
  const out = await autocannon({ ...scenario, duration: DURATION });
  const after = cpuMs(scenario.pid);
  return {
    requestsPerSecond: Math.round(out.requests.average),
    cpuMsPerRequest:
      before !== null && after !== null && out.requests.total > 0
        ? Number(((after - before) / out.requests.total).toFixed(2))
        : null,
  };
}

export async function measure(scenario: Scenario): Promise<Result> {
  const first = await probe(scenario);
  const expected = scenario.expectStatus ?? 200;
  if (first.status !== expected) {
    throw new Error(
      `${scenario.name}: expected ${expected}, got ${first.status}: ${first.body.toString().slice(0, 300)}`
    );
  }
  const counted = scenario.countUrl
    ? [
        await probe({ ...scenario, url: scenario.countUrl }),
        await probe({ ...scenario, url: scenario.countUrl }),
      ]
    : [first, await probe(scenario)];
  const out = await autocannon(scenario);
  const wrkFigures = scenario.wrk ? wrk(scenario) : undefined;
  const wrongStatus = Object.entries(out.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expected)
    .reduce((sum, [, { count }]) => sum + count, 0);
  const result: Result = {
    scenario: scenario.name,
    requestsPerSecond: Math.round(out.requests.average),
    p50Ms: out.latency.p50,
    p99Ms: out.latency.p99,
    errors: out.errors + out.timeouts + wrongStatus,
    queriesPerRequest: scenario.noDatabase ? 0 : counted[1].queries,
    queriesFirstRequest: scenario.noDatabase ? 0 : counted[0].queries,
    ...(wrkFigures ? { wrk: wrkFigures } : {}),
  };
  const viaWrk = wrkFigures
    ? `; wrk ${wrkFigures.requestsPerSecond} req/s, p99 ${wrkFigures.p99Ms} ms, ${wrkFigures.errors} errors`
    : '';
  console.log(
    `  ${scenario.name}: ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors${viaWrk}`
  );
  return result;
}

/** Runs ./mix-load.ts against `base` and returns its figures. */
export async function mixLoad(
  base: string,
  requests: MixRequest[],
  durationSeconds: number,
  headers: Record<string, string> = {}
): Promise<MixResult> {
  const file = path.join(ROOT, '.tmp', `bench-mix-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify({ url: base, connections: CONNECTIONS, durationSeconds, requests, headers })
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, 'mix-load.ts'), file],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  );
  trackChild(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(file, { force: true });
  return JSON.parse(stdout) as MixResult;
}

/** Answers each request of a mix once, so that a load starts on a warm cache. */
export async function warm(
  base: string,
  requests: MixRequest[],
  headers: Record<string, string> = {}
): Promise<void> {
  for (const request of requests)
    await probe({
      name: 'warm',
      url: `${base}${request.path}`,
      method: request.method,
      body: request.body,
      headers,
    });
}
