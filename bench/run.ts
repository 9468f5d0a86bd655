/**
 * `npm run bench`: read performance of the app against a bare Node.js ceiling, on this machine,
 * in one run. Compiles the app, starts it in production mode on a fresh SQLite database (the boot
 * seeds it: seed time and cold start are measured), starts a second instance with
 * CACHE_ENABLED=false on the same database, a stock Strapi of the same version with the same
 * content types on a copy of that database (bench/stock-app.ts), a bare `http` server serving the
 * same bytes, and runs autocannon (a separate process) against each scenario. Prints a table and
 * writes bench/results.json. Loopback only; every process it starts is stopped and every file it
 * writes is removed at the end. The cached scenarios and the ceiling are measured with `wrk`
 * (Debian package `wrk`) too when it is installed: one autocannon process tops out below what a
 * bare Node server can serve on this machine, wrk does not.
 *
 * The "editorial load" scenario reads a mix of over 100 distinct URLs on the cached instance
 * (./mix-load.ts) in alternating rounds without writes and while a city is written every second
 * through the REST API with a token, and prints the read throughput under writes relative to
 * without, the hit ratio of each and the server's CPU time per 1000 reads.
 *
 * The "read-only token" scenario reads the cached REST list, and the same mix, with a read-only
 * API token made through the admin API (such reads are cached per token), against anonymous.
 *
 * `npm run bench -- --only rest` / `--only token`: just the uncached-versus-stock REST lists, or
 * just the token-versus-anonymous cached reads (focusedMain). Alternating rounds also print the
 * server's CPU time per request, steadier than req/s on a shared machine.
 *
 * `npm run bench -- --profile`: instead of the table, CPU profiles (`node --cpu-prof`) of an
 * uncached instance under the REST list with creativeField and country populated, the GraphQL
 * list and GraphQL fields → cities, and where their time goes by area (./profile.ts).
 *
 * `npm run bench -- --only graphql`: only the uncached GraphQL scenarios (list, fields → cities)
 * against stock Strapi, as CPU time per request and in alternating rounds (a few minutes; nothing
 * written to results.json; BENCH_BASELINE adds another checkout). With `--profile`, only the
 * GraphQL profiles (`--only rest`: only the REST profile).
 *
 * `npm run bench -- --only search`: only the search scenario (src/plugins/search), on an uncached
 * instance of its own, with its SQL count, the instance's CPU time per request (the figure least
 * moved by other processes on a shared machine) and the load average: a minute instead of the
 * full run.
 * With `--profile` too: the CPU profile of that scenario instead of the two above.
 *
 * `npm run bench -- --only history`: what recording the version history (src/plugins/history)
 * costs the editorial load's city updates: the server's CPU time per update with history on and
 * with HISTORY_ENABLED=false (two instances on copies of one seeded database, alternating rounds
 * of BENCH_HISTORY_WRITES updates each), and the bytes one history entry takes in SQLite.
 *
 * Compression (./compression.ts): the bytes on the wire of typical reads plain, gzip and br, and
 * the 100-city list plain against br (and gzip), cached and uncached, in alternating rounds (req/s
 * and the server's CPU per request). In the full run and alone with `--only compression`.
 *
 * Env: BENCH_DURATION (seconds per scenario, default 8), BENCH_CONNECTIONS (default 16),
 * BENCH_ROUNDS (alternating rounds, default 3), BENCH_COMPARE_ENV (`--only rest` and
 * `--only graphql`: one more uncached instance with these `NAME=value` variables, e.g. a switch
 * turned off or NODE_OPTIONS).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { compileApp } from '../scripts/lib/compile-app';
import { freshSecrets } from '../src/lib/security/secrets';
import { freePort } from '../scripts/lib/free-port';
import { SERVER_NODE_FLAGS } from '../scripts/lib/server-node-flags';
import { wireBytes, wireBytesTable, type WireBytes } from './compression';
import { editorialRequests, interleave, MIX_CITY_IDS_PATH } from './editorial-mix';
import type { MixRequest, MixResult } from './mix-load';
import { breakdown, breakdownTable, topFunctions, type CpuProfile } from './profile';
import { releaseLines, releaseTimings } from './release';
import { growCities } from './scale';
import { createStockApp } from './stock-app';

const ROOT = path.resolve(__dirname, '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Alternating rounds of the uncached-versus-stock comparison. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LIST = '/api/cities?locale=en&pagination[pageSize]=25';
/** The list with its two to-one relations populated (the miss-path target of issue 13). */
const POPULATED_LIST = `${LIST}&populate[0]=creativeField&populate[1]=country`;
const PROFILE = process.argv.includes('--profile');
/**
 * `--only search`: the search scenario alone; `--only graphql`: the focused GraphQL miss-path run
 * (graphqlMain); `--only rest` / `--only token`: the uncached REST lists against stock, or cached
 * reads with a read-only token against anonymous, or the editorial load alone (`--only editorial`)
 * (focusedMain); `--only xliff`: the translators'
 * full XLIFF export with the translation memory (xliffMain); `--only release`: 116 city versions
 * published as one release against one by one (./release.ts, releaseMain). With `--profile`, only the
 * profiles of search, GraphQL or the populated REST list.
 */
const ONLY_CHOICES = [
  'search',
  'graphql',
  'rest',
  'token',
  'editorial',
  'xliff',
  'history',
  'compression',
  'release',
] as const;
/**
 * `--scale N` (with `--only search`): the seeded content grown to N times its cities per locale
 * (bench/scale.ts) before the search is measured.
 */
const SCALE = (() => {
  const index = process.argv.indexOf('--scale');
  if (index === -1) return 1;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    console.error('--scale takes a whole factor from 1 to 100');
    process.exit(2);
  }
  return value;
})();

const ONLY = (() => {
  const index = process.argv.indexOf('--only');
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  const choice = ONLY_CHOICES.find((known) => known === value);
  if (!choice) {
    console.error(`--only takes one of ${ONLY_CHOICES.join(', ')}, not "${value}"`);
    process.exit(2);
  }
  return choice;
})();
/** The search scenario's request (same in the full run and in `--only search`). */
const SEARCH_PATH = '/api/search?q=san&locale=en&types=cities';
const SEARCH_SCENARIO = 'Search cities "san", uncached';
/** A search that needs the forgiving parts: typo candidates, then facets over the hits. */
const FORGIVING_SEARCH_PATH = '/api/search?q=heidleberg&locale=de&facets=creativeField,country';
const FORGIVING_SEARCH_SCENARIO = 'Search "heidleberg" (typo) + facets, uncached';
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => existsSync(file));
const GRAPHQL_LIST = (pageSize: number) =>
  JSON.stringify({
    query: `{ cities(locale: "en", pagination: { pageSize: ${pageSize} }) { documentId name slug memberSince creativeField { name } country { name } } }`,
  });
/** The creative fields with their cities (a to-many relation) and each city's country. */
const GRAPHQL_FIELDS = (fallbackLocale?: string) =>
  JSON.stringify({
    query: `{ creativeFields(locale: "en"${fallbackLocale ? `, fallbackLocale: "${fallbackLocale}"` : ''}) { name cities(pagination: { pageSize: 100 }) { name country { name } } } }`,
  });
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;
/** Hard stop for the whole run, so a hung process never keeps the machine busy. */
const TIMEOUT_MS = 15 * 60 * 1000;

const children: ChildProcess[] = [];
/** Temporary directories to remove on exit, whatever the outcome. */
const temporaryDirs: string[] = [];

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const secrets = {
  ...freshSecrets(),
};

interface App {
  name: string;
  url: string;
  child: ChildProcess;
  output: string[];
  /** Milliseconds from spawn to the first 200 of the REST list. */
  coldStartMs: number;
}

async function waitFor200(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 200 from ${url} in time`);
}

async function startApp(
  name: string,
  databaseFile: string,
  env: Record<string, string>,
  appDir = ROOT,
  nodeArgs: string[] = []
): Promise<App> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      // Every instance, stock Strapi's included, runs with the Node flags of `npm start`: the
      // comparisons are between code, not runtime settings.
      ...SERVER_NODE_FLAGS,
      ...nodeArgs,
      path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
      'start',
    ],
    {
      cwd: appDir,
      env: {
        ...process.env,
        ...secrets,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: databaseFile,
        SERVE_ADMIN_PANEL: 'false',
        STRAPI_TELEMETRY_DISABLED: 'true',
        STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
        QUERY_COUNT_HEADER: 'true',
        // No line per request (config/logger.ts; stock is configured alike): the request log is
        // the proxy's job in production, and the bench measures the app.
        STRAPI_LOG_LEVEL: 'info',
        // The bench measures reads, not the API rate limiter (api-guards).
        API_RATELIMIT_ENABLED: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  children.push(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${url}${LIST}`, child, Date.now() + 5 * 60 * 1000);
  } catch (error) {
    console.error(output.join(''));
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return { name, url, child, output, coldStartMs: Date.now() - started };
}

async function startCeiling(capture: {
  headers: Record<string, string>;
  body: Buffer;
}): Promise<string> {
  const port = await freePort();
  const file = path.join(ROOT, '.tmp', `bench-ceiling-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify({ headers: capture.headers, body: capture.body.toString('base64') })
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'ceiling-server.ts'), file, String(port)],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

interface Scenario {
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

interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

interface Result {
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

async function probe(
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

async function autocannon(scenario: Scenario): Promise<AutocannonOutput> {
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
  children.push(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(stdout) as AutocannonOutput;
}

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
function wrk(scenario: Scenario): LoadFigures | undefined {
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
 * by ±15 % between runs.
 */
async function alternate(a: Scenario, b: Scenario): Promise<Alternation> {
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

interface Alternation {
  /** req/s of each round. */
  a: number[];
  b: number[];
  /** CPU milliseconds the server spent per request in each round (null without a pid). */
  cpuA: Array<number | null>;
  cpuB: Array<number | null>;
}

/**
 * CPU time (user + system, milliseconds) a process has used so far, from /proc (Linux), or null.
 * Divided by the requests answered, it is what a request costs the server, which moves far less
 * than req/s when other work shares the cores.
 */
function cpuMs(pid: number | undefined): number | null {
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
function cpuRatio(rounds: Alternation): number | null {
  const mean = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : 0;
  };
  const ours = mean(rounds.cpuA);
  return ours > 0 ? Number((mean(rounds.cpuB) / ours).toFixed(2)) : null;
}

/** One load of BENCH_DURATION: req/s, and the server's CPU per request when its pid is known. */
async function loadRound(
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

async function measure(scenario: Scenario): Promise<Result> {
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
async function mixLoad(
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
    ['--import', 'tsx', path.join(__dirname, 'mix-load.ts'), file],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  );
  children.push(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(file, { force: true });
  return JSON.parse(stdout) as MixResult;
}

/**
 * The read mix of the editorial load: city details in both locales, list pages, fields, goals,
 * the network page and GraphQL queries, each answered 200 before the load starts.
 */
async function editorialMix(base: string): Promise<{ requests: MixRequest[]; cityIds: string[] }> {
  const ids = await probe({ name: 'ids', url: `${base}${MIX_CITY_IDS_PATH}` });
  const cityIds = (
    JSON.parse(ids.body.toString()) as { data: Array<{ documentId: string }> }
  ).data.map((city) => city.documentId);
  const answered: MixRequest[] = [];
  for (const request of editorialRequests(cityIds)) {
    const response = await probe({
      name: 'mix',
      url: `${base}${request.path}`,
      method: request.method,
      body: request.body,
    });
    if (response.status === 200) answered.push(request);
    else
      console.log(`  (left out of the mix: ${response.status} ${request.method} ${request.path})`);
  }
  return { requests: interleave(answered), cityIds };
}

/** Answers each request of a mix once, so that a load starts on a warm cache. */
async function warm(
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

/** The admin JWT of each benched instance (the first admin can be registered only once). */
const adminJwts = new Map<string, Promise<string>>();

async function registerAdmin(base: string): Promise<string> {
  const register = await fetch(`${base}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      firstname: 'Bench',
      lastname: 'Editor',
      email: 'bench@example.com',
      password: 'Bench-Passw0rd',
    }),
  });
  if (!register.ok) throw new Error(`register-admin: ${register.status}`);
  return ((await register.json()) as { data: { token: string } }).data.token;
}

/**
 * An API token of the given type, made through the admin API of a fresh instance: full access
 * for the editorial load's writes, read-only for a website's reads (what the security guide
 * tells a website to use).
 */
async function apiToken(
  base: string,
  type: 'full-access' | 'read-only',
  name = `bench ${type}`
): Promise<string> {
  if (!adminJwts.has(base)) adminJwts.set(base, registerAdmin(base));
  const adminJwt = await (adminJwts.get(base) as Promise<string>);
  const tokenRes = await fetch(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminJwt}` },
    body: JSON.stringify({ name, type, lifespan: null }),
  });
  if (!tokenRes.ok) throw new Error(`api-tokens (${type}): ${tokenRes.status}`);
  return ((await tokenRes.json()) as { data: { accessKey: string } }).data.accessKey;
}

/** The collections whose German rich text the XLIFF timing edits first (all entries with one). */
const OUTDATED_COLLECTIONS = ['cities', 'creative-fields', 'network-goals'];

interface TextBlock {
  type: string;
  children?: Array<{ type: string; text?: string }>;
}

/**
 * A translator's export is worth timing when the source has moved: appends a sentence to the
 * first paragraph of every German `description` of `collections` through the REST API (published
 * at once), so those English blocks are outdated and the export looks them up in the translation
 * memory (the old German text is a fuzzy match of the new one). Returns how many it edited.
 */
async function outdateGermanSources(
  base: string,
  token: string,
  collections: string[]
): Promise<number> {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  let edited = 0;
  for (const collection of collections) {
    for (let page = 1; ; page++) {
      const list = await fetch(
        `${base}/api/${collection}?locale=de&sort=documentId&pagination[pageSize]=100&pagination[page]=${page}`,
        { headers }
      );
      if (!list.ok) throw new Error(`${collection} (de): ${list.status}`);
      const { data, meta } = (await list.json()) as {
        data: Array<{ documentId: string; description?: TextBlock[] | null }>;
        meta: { pagination: { pageCount: number } };
      };
      for (const entry of data) {
        const description = structuredClone(entry.description ?? []);
        const text = description[0]?.children?.find((child) => typeof child.text === 'string');
        if (!text) continue;
        text.text = `${text.text} Seit Langem im Netzwerk aktiv.`;
        const response = await fetch(`${base}/api/${collection}/${entry.documentId}?locale=de`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ data: { description } }),
        });
        if (!response.ok)
          throw new Error(`PUT ${collection} (de): ${response.status} ${await response.text()}`);
        edited += 1;
      }
      if (page >= meta.pagination.pageCount) break;
    }
  }
  return edited;
}

interface XliffExportTiming {
  format: string;
  units: number;
  ms: number;
  bytes: number;
  /** Fuzzy and exact matches from the translation memory attached to the units. */
  memoryMatches: number;
  /** German descriptions edited before the export (their English blocks are outdated). */
  outdatedSources: number;
}

/**
 * The translators' export of the full content into the second locale with the translation memory
 * (issue 14: under 10 s): wall time of `GET /api/translations/export?target=en` in both XLIFF
 * versions, with a full-access token, on the instance the editorial load has written to (so some
 * German sources are newer than their translations and the memory is searched for them).
 */
async function xliffExportTimings(base: string): Promise<XliffExportTiming[]> {
  const token = await apiToken(base, 'full-access', 'bench translations');
  const edited = await outdateGermanSources(base, token, OUTDATED_COLLECTIONS);
  if (edited === 0) throw new Error('XLIFF timing: no German description to edit');
  const timings: XliffExportTiming[] = [];
  for (const format of ['xliff2', 'xliff12']) {
    const started = performance.now();
    const response = await fetch(`${base}/api/translations/export?target=en&format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    if (response.status !== 200)
      throw new Error(`XLIFF export (${format}): ${response.status} ${body.slice(0, 200)}`);
    timings.push({
      format,
      units: Number(response.headers.get('x-translation-units')),
      ms,
      bytes: Buffer.byteLength(body),
      memoryMatches: (body.match(/<mtc:match[ >]|<alt-trans[ >]/g) ?? []).length,
      outdatedSources: edited,
    });
  }
  return timings;
}

interface EditorialLoad {
  distinctUrls: number;
  /** Seconds of each run (a round is one run without writes and one with). */
  durationSeconds: number;
  /** The runs without writes, one per round. */
  withoutWrites: MixResult[];
  /** The runs with a write per second, one per round. */
  withWritesRounds: MixResult[];
  /** The runs with writes together: mean req/s, hit ratio over all their responses. */
  withWrites: MixResult;
  writes: { count: number; failed: number; p50Ms: number; maxMs: number };
  /** Read req/s under writes divided by req/s without, summed over the rounds. */
  relative: number;
  /**
   * The server's CPU time per 1000 reads without writes and with (over all rounds): what the
   * writes and the misses they cause add (`undefined` without the server's pid).
   */
  serverCpuMsPer1000Reads?: { without: number; with: number };
}

/** Several runs of the mix as one: mean req/s and latency, hits over all responses. */
function combined(runs: MixResult[]): MixResult {
  const sum = (pick: (run: MixResult) => number) =>
    runs.reduce((total, run) => total + pick(run), 0);
  const responses = sum((run) => run.responses);
  const hits = sum((run) => run.hits);
  return {
    requestsPerSecond: Math.round(sum((run) => run.requestsPerSecond) / runs.length),
    p50Ms: Math.round(sum((run) => run.p50Ms) / runs.length),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    errors: sum((run) => run.errors),
    responses,
    hits,
    hitRatio: responses > 0 ? Number((hits / responses).toFixed(3)) : 0,
  };
}

/**
 * The read mix in BENCH_ROUNDS alternating rounds: a run without writes, then a run with one city
 * write per second through the REST API (a token, like an editors' tool or an import), as the
 * other comparisons of this bench alternate, so that a drift of the shared machine falls on both
 * sides alike. A short run before the first round, not counted, warms the instance up (the first
 * run of a fresh instance was the slowest of every earlier measurement).
 */
async function editorialLoad(
  base: string,
  { requests, cityIds }: { requests: MixRequest[]; cityIds: string[] },
  serverPid?: number
): Promise<EditorialLoad> {
  const token = await apiToken(base, 'full-access');
  const cpu = {
    without: 0,
    with: 0,
    withoutReads: 0,
    withReads: 0,
    known: serverPid !== undefined,
  };
  const measured = async (side: 'without' | 'with'): Promise<MixResult> => {
    const cpuBefore = cpuMs(serverPid);
    const result = await mixLoad(base, requests, DURATION);
    const cpuAfter = cpuMs(serverPid);
    if (cpuBefore === null || cpuAfter === null) cpu.known = false;
    else if (side === 'without') {
      cpu.without += cpuAfter - cpuBefore;
      cpu.withoutReads += result.responses;
    } else {
      cpu.with += cpuAfter - cpuBefore;
      cpu.withReads += result.responses;
    }
    return result;
  };

  const latencies: number[] = [];
  let failed = 0;
  let written = 0;
  // Every other write changes a shared relation (the city's creative field, in German: the
  // English version follows, issue 23), alternating between two fields; the others the website.
  const fields = (await (
    await fetch(`${base}/api/creative-fields?locale=de&fields[0]=key&sort=key:asc`)
  ).json()) as { data: Array<{ documentId: string }> };
  const fieldIds = fields.data.slice(0, 2).map((field) => field.documentId);
  const writeOncePerSecond = (stopped: () => boolean) =>
    (async () => {
      while (!stopped()) {
        const n = written++;
        const started = Date.now();
        const id = cityIds[n % Math.min(cityIds.length, 10)];
        const shared = n % 2 === 1 && fieldIds.length === 2;
        try {
          const response = await fetch(`${base}/api/cities/${id}?locale=${shared ? 'de' : 'en'}`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({
              data: shared
                ? { creativeField: fieldIds[Math.floor(n / 20) % 2] }
                : { website: `https://example.org/bench-${n}` },
            }),
          });
          await response.arrayBuffer();
          if (!response.ok) failed += 1;
        } catch {
          failed += 1;
        }
        latencies.push(Date.now() - started);
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started)))
        );
      }
    })();

  await mixLoad(base, requests, Math.max(2, Math.round(DURATION / 2)));
  const withoutWrites: MixResult[] = [];
  const withWritesRounds: MixResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    withoutWrites.push(await measured('without'));
    let stop = false;
    const writer = writeOncePerSecond(() => stop);
    withWritesRounds.push(await measured('with'));
    stop = true;
    await writer;
  }

  latencies.sort((a, b) => a - b);
  const total = (runs: MixResult[]) => runs.reduce((sum, run) => sum + run.requestsPerSecond, 0);
  const quiet = total(withoutWrites);
  const perThousand = (ms: number, reads: number) => Math.round((ms * 1000) / reads);
  return {
    distinctUrls: requests.length,
    durationSeconds: DURATION,
    withoutWrites,
    withWritesRounds,
    withWrites: combined(withWritesRounds),
    writes: {
      count: latencies.length,
      failed,
      p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
      maxMs: latencies[latencies.length - 1] ?? 0,
    },
    relative: quiet > 0 ? Number((total(withWritesRounds) / quiet).toFixed(2)) : 0,
    serverCpuMsPer1000Reads:
      cpu.known && cpu.withoutReads > 0 && cpu.withReads > 0
        ? {
            without: perThousand(cpu.without, cpu.withoutReads),
            with: perThousand(cpu.with, cpu.withReads),
          }
        : undefined,
  };
}

function editorialSummary(editorial: EditorialLoad): string {
  const rounds = (runs: MixResult[]) => runs.map((run) => run.requestsPerSecond).join('/');
  const hits = (run: MixResult) => `${(run.hitRatio * 100).toFixed(1)} %`;
  const cpu = editorial.serverCpuMsPer1000Reads;
  return `Editorial load (${editorial.distinctUrls} distinct URLs, ${editorial.withoutWrites.length} alternating rounds of ${editorial.durationSeconds} s without and ${editorial.durationSeconds} s with writes): ${editorial.withWrites.requestsPerSecond} req/s with a city write per second (rounds ${rounds(editorial.withWritesRounds)}, hit ratio ${hits(editorial.withWrites)}, ${editorial.withWrites.errors} errors) vs ${Math.round(editorial.withoutWrites.reduce((sum, run) => sum + run.requestsPerSecond, 0) / editorial.withoutWrites.length)} req/s without (rounds ${rounds(editorial.withoutWrites)}, hit ratio ${hits(combined(editorial.withoutWrites))}): ${(editorial.relative * 100).toFixed(0)} % of the throughput without writes; ${editorial.writes.count} writes (${editorial.writes.failed} failed), p50 ${editorial.writes.p50Ms} ms, max ${editorial.writes.maxMs} ms${cpu ? `; server CPU per 1000 reads ${cpu.without} ms without writes, ${cpu.with} ms with` : ''}`;
}

function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface CompressionFigures {
  wire: WireBytes[];
  /** req/s and CPU ms per request, plain against a coding, per instance. */
  load: Array<{
    instance: string;
    coding: string;
    plainRps: number[];
    codedRps: number[];
    plainCpuMs: Array<number | null>;
    codedCpuMs: Array<number | null>;
  }>;
}

/** The 100-city list: the largest read a website makes on every visit of the city index. */
const COMPRESSION_LIST = '/api/cities?locale=en&pagination[pageSize]=100';

/**
 * Bytes on the wire per coding, then the 100-city list plain against br and gzip on the cached
 * instance (hits replay stored variants) and against br on the uncached one (compressed per
 * request), in alternating rounds.
 */
async function compressionFigures(cached: App, uncached: App): Promise<CompressionFigures> {
  const wire = await wireBytes(cached.url);
  console.log(`\nBytes on the wire (body, per Accept-Encoding):\n${wireBytesTable(wire)}\n`);
  const load: CompressionFigures['load'] = [];
  for (const [app, codings] of [
    [cached, ['br', 'gzip']],
    [uncached, ['br']],
  ] as const) {
    const url = `${app.url}${COMPRESSION_LIST}`;
    for (const coding of codings) {
      for (let i = 0; i < 20; i++)
        await probe({ name: 'warm', url, headers: { 'accept-encoding': coding } });
      const rounds = await alternate(
        { name: 'plain', url, pid: app.child.pid },
        { name: coding, url, headers: { 'accept-encoding': coding }, pid: app.child.pid }
      );
      load.push({
        instance: app.name,
        coding,
        plainRps: rounds.a,
        codedRps: rounds.b,
        plainCpuMs: rounds.cpuA,
        codedCpuMs: rounds.cpuB,
      });
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      console.log(
        `100-city list, ${app.name}: ${coding} ${rounds.b.join('/')} req/s vs plain ${rounds.a.join('/')} (${(sum(rounds.b) / sum(rounds.a)).toFixed(2)}); CPU ms/request ${rounds.cpuB.join('/')} vs ${rounds.cpuA.join('/')}`
      );
    }
  }
  return { wire, load };
}

/** `--only compression`: the compression figures alone, on a cached and an uncached instance. */
async function compressionMain(): Promise<void> {
  const { databaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    console.log(`Load average at the start: ${(await loadAverage()).join(', ')}`);
    console.log(
      'Starting the app on an empty database (seeds it), and one with CACHE_ENABLED=false…'
    );
    const cached = await startApp('cached', databaseFile, { QUERY_COUNT_HEADER: 'false' });
    const uncached = await startApp('uncached', databaseFile, {
      CACHE_ENABLED: 'false',
      QUERY_COUNT_HEADER: 'false',
    });
    await compressionFigures(cached, uncached);
    console.log(`Load average at the end: ${(await loadAverage()).join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

async function main(): Promise<void> {
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  const { databaseFile, stockDatabaseFile, removeDatabase } = benchDatabases();

  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });

  try {
    console.log('Starting the app on an empty database (seeds it)…');
    const cached = await startApp('cached', databaseFile, {});
    const seedLine = cached.output.join('').match(/\[seed\][^\n]*in (\d+) ms/);
    const seedMs = seedLine ? Number(seedLine[1]) : null;
    console.log('Starting a second instance with CACHE_ENABLED=false on the seeded database…');
    // Loaded uncached instances run without the query counter (its AsyncLocalStorage costs a few
    // per cent), like stock; a fourth instance with it answers the same requests to count SQL.
    const uninstrumented = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
    const uncached = await startApp('uncached', databaseFile, uninstrumented);
    // The fallback scenarios read all cities per GraphQL request: on an instance of their own,
    // so that the memory of the uncached instance stays comparable between runs.
    console.log('Starting an instance for the fallbackLocale scenarios and one that counts SQL…');
    const fallback = await startApp('fallback', databaseFile, uninstrumented);
    const counting = await startApp('counting', databaseFile, { CACHE_ENABLED: 'false' });
    const stock = await startStockOnCopy(databaseFile, stockDatabaseFile);

    const listResponse = await probe({ name: 'capture', url: `${cached.url}${LIST}` });
    const captured: Record<string, string> = {};
    listResponse.headers.forEach((value, name) => {
      if (
        ![
          'date',
          'connection',
          'keep-alive',
          'content-length',
          'transfer-encoding',
          'x-query-count',
        ].includes(name)
      )
        captured[name] = value;
    });
    const ceilingUrl = await startCeiling({ headers: captured, body: listResponse.body });
    const etag = listResponse.headers.get('etag') ?? '';

    const detail = await probe({
      name: 'id',
      url: `${cached.url}/api/cities?locale=en&filters[key][$eq]=krakow&fields[0]=documentId`,
    });
    const documentId = (
      JSON.parse(detail.body.toString()) as { data: Array<{ documentId: string }> }
    ).data[0]?.documentId;
    const detailPath = `/api/cities/${documentId}?locale=en&populate[0]=country&populate[1]=creativeField`;

    // What the security guide tells a website to read with: cached per token (response-cache).
    const readOnly = { authorization: `Bearer ${await apiToken(cached.url, 'read-only')}` };

    const scenarios: Scenario[] = [
      { name: 'bare Node ceiling (same bytes)', url: ceilingUrl, noDatabase: true, wrk: true },
      { name: 'REST list, cached', url: `${cached.url}${LIST}`, wrk: true },
      {
        name: 'REST list, cached, read-only token',
        url: `${cached.url}${LIST}`,
        headers: readOnly,
        wrk: true,
      },
      // Uncached and stock back to back, so that both see the same load from the rest of the
      // machine, and twice as long: at a few dozen req/s a short run counts too few requests.
      {
        name: 'REST list, uncached (CACHE_ENABLED=false)',
        url: `${uncached.url}${LIST}`,
        countUrl: `${counting.url}${LIST}`,
        duration: 2 * DURATION,
        pid: uncached.child.pid,
      },
      {
        name: 'REST list, stock Strapi 5.54',
        url: `${stock.url}${LIST}`,
        duration: 2 * DURATION,
        pid: stock.child.pid,
      },
      // Search over the names of the cities in both locales (src/plugins/search).
      {
        name: SEARCH_SCENARIO,
        url: `${uncached.url}${SEARCH_PATH}`,
        countUrl: `${counting.url}${SEARCH_PATH}`,
      },
      {
        name: FORGIVING_SEARCH_SCENARIO,
        url: `${uncached.url}${FORGIVING_SEARCH_PATH}`,
        countUrl: `${counting.url}${FORGIVING_SEARCH_PATH}`,
      },
      {
        name: 'REST list + creativeField, country, uncached',
        url: `${uncached.url}${POPULATED_LIST}`,
        countUrl: `${counting.url}${POPULATED_LIST}`,
        duration: 2 * DURATION,
        pid: uncached.child.pid,
      },
      {
        name: 'REST list + creativeField, country, stock Strapi 5.54',
        url: `${stock.url}${POPULATED_LIST}`,
        duration: 2 * DURATION,
        pid: stock.child.pid,
      },
      {
        name: 'REST city detail + populate, cached',
        url: `${cached.url}${detailPath}`,
        wrk: true,
      },
      {
        name: 'REST city detail + populate, uncached',
        url: `${uncached.url}${detailPath}`,
        countUrl: `${counting.url}${detailPath}`,
      },
      {
        name: 'GraphQL list, cached',
        url: `${cached.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_LIST(25),
        wrk: true,
      },
      {
        name: 'GraphQL list, uncached',
        url: `${uncached.url}/graphql`,
        countUrl: `${counting.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_LIST(25),
        duration: 2 * DURATION,
        pid: uncached.child.pid,
      },
      {
        name: 'GraphQL list, stock Strapi 5.54',
        url: `${stock.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_LIST(25),
        duration: 2 * DURATION,
        pid: stock.child.pid,
      },
      // What locale fallback costs, uncached: the same list with and without fallbackLocale.
      {
        name: 'REST list + fallbackLocale, uncached',
        url: `${fallback.url}${LIST}&fallbackLocale=de`,
        countUrl: `${counting.url}${LIST}&fallbackLocale=de`,
        duration: 2 * DURATION,
      },
      {
        name: 'GraphQL fields → cities, uncached',
        url: `${fallback.url}/graphql`,
        countUrl: `${counting.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_FIELDS(),
        duration: 2 * DURATION,
      },
      {
        name: 'GraphQL fields → cities + fallbackLocale, uncached',
        url: `${fallback.url}/graphql`,
        countUrl: `${counting.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_FIELDS('de'),
        duration: 2 * DURATION,
      },
      {
        name: '304 revalidation (If-None-Match)',
        url: `${cached.url}${LIST}`,
        headers: { 'if-none-match': etag },
        expectStatus: 304,
        wrk: true,
      },
    ];
    console.log(
      `Load: autocannon -c ${CONNECTIONS} -d ${DURATION} per scenario (-d ${2 * DURATION} for the uncached/stock lists)`
    );
    const results: Result[] = [];
    for (const scenario of scenarios) results.push(await measure(scenario));
    const ceiling = results[0].requestsPerSecond;
    for (const result of results)
      result.fractionOfCeiling = Number((result.requestsPerSecond / ceiling).toFixed(3));
    const rps = (name: string) => results.find((r) => r.scenario === name)?.requestsPerSecond ?? 0;
    const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(2)) : null);
    /**
     * Requests per second of the CACHE_ENABLED=false instance divided by stock's (≥ 1: not slower),
     * over alternating rounds of both.
     */
    const scenario = (name: string) => scenarios.find((s) => s.name === name) as Scenario;
    console.log(`Uncached vs stock: ${ROUNDS} alternating rounds of ${DURATION} s each…`);
    const restRounds = await alternate(
      scenario('REST list, uncached (CACHE_ENABLED=false)'),
      scenario('REST list, stock Strapi 5.54')
    );
    const populatedRounds = await alternate(
      scenario('REST list + creativeField, country, uncached'),
      scenario('REST list + creativeField, country, stock Strapi 5.54')
    );
    const graphqlRounds = await alternate(
      scenario('GraphQL list, uncached'),
      scenario('GraphQL list, stock Strapi 5.54')
    );
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const uncachedVsStock = {
      restList: ratio(sum(restRounds.a), sum(restRounds.b)),
      restListPopulated: ratio(sum(populatedRounds.a), sum(populatedRounds.b)),
      graphqlList: ratio(sum(graphqlRounds.a), sum(graphqlRounds.b)),
      /**
       * Stock's CPU time per request divided by the uncached instance's (mean over the rounds):
       * the same comparison by what a request costs the server, steadier than req/s on a
       * shared machine.
       */
      byCpuPerRequest: {
        restList: cpuRatio(restRounds),
        restListPopulated: cpuRatio(populatedRounds),
        graphqlList: cpuRatio(graphqlRounds),
      },
      rounds: {
        restList: { uncached: restRounds.a, stock: restRounds.b },
        restListPopulated: { uncached: populatedRounds.a, stock: populatedRounds.b },
        graphqlList: { uncached: graphqlRounds.a, stock: graphqlRounds.b },
      },
      cpuMsPerRequest: {
        restList: { uncached: restRounds.cpuA, stock: restRounds.cpuB },
        restListPopulated: { uncached: populatedRounds.cpuA, stock: populatedRounds.cpuB },
        graphqlList: { uncached: graphqlRounds.cpuA, stock: graphqlRounds.cpuB },
      },
    };
    console.log(
      `Editorial load: a mix of distinct URLs on the cached instance, ${ROUNDS} alternating rounds of ${DURATION} s without writes and ${DURATION} s with a city write per second…`
    );
    const mix = await editorialMix(cached.url);
    const editorial = await editorialLoad(cached.url, mix, cached.child.pid);
    console.log(
      `Read-only token: the same mix with a read-only API token, ${DURATION} s (the last run without writes is the anonymous figure)…`
    );
    await warm(cached.url, mix.requests, readOnly);
    const tokenMix = await mixLoad(cached.url, mix.requests, DURATION, readOnly);
    const anonymousMix = editorial.withoutWrites[editorial.withoutWrites.length - 1];
    /** Cached reads with a read-only API token (cached per token) against anonymous ones. */
    const tokenReads = {
      restList: {
        anonymous: rps('REST list, cached'),
        token: rps('REST list, cached, read-only token'),
        relative: ratio(rps('REST list, cached, read-only token'), rps('REST list, cached')),
      },
      mix: {
        distinctUrls: mix.requests.length,
        anonymous: anonymousMix.requestsPerSecond,
        token: tokenMix.requestsPerSecond,
        relative: ratio(tokenMix.requestsPerSecond, anonymousMix.requestsPerSecond),
        tokenHitRatio: tokenMix.hitRatio,
        tokenErrors: tokenMix.errors,
      },
    };

    console.log('XLIFF export of the full content (en) with the translation memory…');
    const xliffExport = await xliffExportTimings(cached.url);

    /** Requests per second with fallbackLocale divided by without (uncached instance). */
    const fallbackVsPlain = {
      restList: ratio(
        rps('REST list + fallbackLocale, uncached'),
        rps('REST list, uncached (CACHE_ENABLED=false)')
      ),
      graphqlToMany: ratio(
        rps('GraphQL fields → cities + fallbackLocale, uncached'),
        rps('GraphQL fields → cities, uncached')
      ),
    };

    // N+1 check: queries per request at two page sizes, on the counting instance.
    const queriesAt = async (pageSize: number) => ({
      rest: (
        await probe({
          name: 'q',
          url: `${counting.url}/api/cities?locale=en&pagination[pageSize]=${pageSize}&populate[0]=creativeField&populate[1]=country`,
        })
      ).queries,
      graphql: (
        await probe({
          name: 'q',
          url: `${counting.url}/graphql`,
          method: 'POST',
          body: GRAPHQL_LIST(pageSize),
        })
      ).queries,
    });
    const queriesByPageSize = { 10: await queriesAt(10), 100: await queriesAt(100) };
    const compression = await compressionFigures(cached, uncached);

    const rss = {
      cachedMb: rssMb(cached.child.pid),
      uncachedMb: rssMb(uncached.child.pid),
      fallbackMb: rssMb(fallback.child.pid),
      stockMb: rssMb(stock.child.pid),
    };
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      load: {
        tools: WRK ? ['autocannon', 'wrk -t2'] : ['autocannon'],
        connections: CONNECTIONS,
        durationSeconds: DURATION,
      },
      restList: LIST,
      results,
      uncachedVsStock,
      fallbackVsPlain,
      editorialLoad: editorial,
      tokenReads,
      xliffExport,
      loadAverage: (await import('node:os')).loadavg().map((value) => Number(value.toFixed(2))),
      queriesByPageSize,
      compression,
      coldStartMs: {
        emptyDatabaseWithSeed: cached.coldStartMs,
        seededDatabase: uncached.coldStartMs,
        stockOnSeededCopy: stock.coldStartMs,
      },
      seedMs,
      rssAfterRunMb: rss,
    };
    writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

    const wrkCeiling = results[0].wrk?.requestsPerSecond ?? 0;
    console.log(
      '\n| Scenario | req/s | of ceiling | p50 ms | p99 ms | errors | wrk req/s | wrk of ceiling | wrk p99 ms | SQL/request (first) |'
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const pct = `${((r.fractionOfCeiling ?? 0) * 100).toFixed(1)} %`;
      const queries =
        r.queriesPerRequest === null ? '–' : `${r.queriesPerRequest} (${r.queriesFirstRequest})`;
      const viaWrk = r.wrk
        ? `${r.wrk.requestsPerSecond}${r.wrk.errors > 0 ? ` (${r.wrk.errors} errors)` : ''} | ${wrkCeiling > 0 ? ((r.wrk.requestsPerSecond / wrkCeiling) * 100).toFixed(1) : '?'} % | ${r.wrk.p99Ms}`
        : '– | – | –';
      console.log(
        `| ${r.scenario} | ${r.requestsPerSecond} | ${pct} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${viaWrk} | ${queries} |`
      );
    }
    if (!WRK) console.log('(wrk not installed: apt-get install wrk to measure with it too)');
    console.log(
      `\nuncached vs stock: ${uncachedVsStock.restList?.toFixed(2) ?? '?'} (REST list; rounds ${restRounds.a.join('/')} vs ${restRounds.b.join('/')} req/s), ${uncachedVsStock.graphqlList?.toFixed(2) ?? '?'} (GraphQL list; ${graphqlRounds.a.join('/')} vs ${graphqlRounds.b.join('/')}); req/s of CACHE_ENABLED=false divided by stock Strapi's over ${ROUNDS} alternating rounds, ≥ 1.00 = not slower`
    );
    console.log(
      `uncached vs stock, REST list + creativeField, country: ${uncachedVsStock.restListPopulated?.toFixed(2) ?? '?'} (rounds ${populatedRounds.a.join('/')} vs ${populatedRounds.b.join('/')} req/s)`
    );
    console.log(
      `uncached vs stock by CPU time per request (stock's ms / ours): REST list ${uncachedVsStock.byCpuPerRequest.restList ?? '?'}, + creativeField, country ${uncachedVsStock.byCpuPerRequest.restListPopulated ?? '?'}, GraphQL list ${uncachedVsStock.byCpuPerRequest.graphqlList ?? '?'}`
    );
    console.log(editorialSummary(editorial));
    console.log(
      `Read-only token, cached per token: REST list ${tokenReads.restList.token} req/s vs ${tokenReads.restList.anonymous} anonymous (${tokenReads.restList.relative?.toFixed(2) ?? '?'}); mix of ${tokenReads.mix.distinctUrls} URLs ${tokenReads.mix.token} req/s vs ${tokenReads.mix.anonymous} anonymous (${tokenReads.mix.relative?.toFixed(2) ?? '?'}), hit ratio ${(tokenReads.mix.tokenHitRatio * 100).toFixed(1)} %, ${tokenReads.mix.tokenErrors} errors`
    );
    console.log(xliffExportLine(xliffExport));
    console.log(
      `fallbackLocale vs none: ${fallbackVsPlain.restList?.toFixed(2) ?? '?'} (REST list), ${fallbackVsPlain.graphqlToMany?.toFixed(2) ?? '?'} (GraphQL fields → cities); req/s with fallbackLocale=de divided by without, uncached`
    );
    console.log(
      `SQL queries, cities with creativeField + country: pageSize 10 → REST ${queriesByPageSize[10].rest}, GraphQL ${queriesByPageSize[10].graphql}; pageSize 100 → REST ${queriesByPageSize[100].rest}, GraphQL ${queriesByPageSize[100].graphql}`
    );
    console.log(
      `Cold start to first 200: ${cached.coldStartMs} ms on an empty database (seed included), ${uncached.coldStartMs} ms on the seeded one`
    );
    console.log(`Full seed on the empty database: ${seedMs ?? '?'} ms`);
    console.log(`Cold start of stock Strapi on the seeded copy: ${stock.coldStartMs} ms`);
    console.log(
      `RSS after the run: ${rss.cachedMb} MB (cached instance), ${rss.uncachedMb} MB (uncached instance), ${rss.fallbackMb} MB (fallback scenarios' instance), ${rss.stockMb} MB (stock)`
    );
    console.log(`Load average (1, 5, 15 min) at the end: ${report.loadAverage.join(', ')}`);
    console.log('Written bench/results.json');
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
    rmSync(path.join(ROOT, '.tmp', `bench-ceiling-${process.pid}.json`), { force: true });
  }
}

/**
 * `--profile`: an uncached instance per scenario, started under `node --cpu-prof`, loaded for
 * twice BENCH_DURATION and stopped with SIGINT (Strapi exits cleanly, V8 writes the profile);
 * prints the breakdown of the samples taken under load and the functions with most self time.
 * Profiles stay in .tmp/bench-profiles/ (open them in Chrome DevTools or speedscope); the
 * breakdowns go to bench/profile.json.
 */
async function profileMain(): Promise<void> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const databaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}.db`);
  const profileDir = path.join(ROOT, '.tmp', 'bench-profiles');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const removeDatabase = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  };
  removeDatabase();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  const uncachedEnv = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
  const allScenarios: Array<Omit<Scenario, 'url'> & { path: string; file: string }> = [
    {
      name: 'REST list + creativeField, country, uncached',
      path: POPULATED_LIST,
      file: 'rest-list',
    },
    {
      name: 'GraphQL list, uncached',
      path: '/graphql',
      method: 'POST',
      body: GRAPHQL_LIST(25),
      file: 'graphql-list',
    },
    {
      name: 'GraphQL fields → cities, uncached',
      path: '/graphql',
      method: 'POST',
      body: GRAPHQL_FIELDS(),
      file: 'graphql-fields',
    },
  ];
  const scenarios: Array<Omit<Scenario, 'url'> & { path: string; file: string }> =
    ONLY === 'search'
      ? [{ name: SEARCH_SCENARIO, path: SEARCH_PATH, file: 'search' }]
      : allScenarios.filter((scenario) =>
          ONLY === 'graphql'
            ? scenario.method === 'POST'
            : ONLY === 'rest'
              ? scenario.method !== 'POST'
              : true
        );
  const report: Record<string, unknown> = { date: new Date().toISOString() };
  try {
    console.log('Seeding a fresh database…');
    const seeder = await startApp('seed', databaseFile, uncachedEnv);
    seeder.child.kill('SIGTERM');
    await new Promise((resolve) => seeder.child.once('exit', resolve));
    for (const scenario of scenarios) {
      const dir = path.join(profileDir, scenario.file);
      mkdirSync(dir, { recursive: true });
      const app = await startApp(`profile ${scenario.file}`, databaseFile, uncachedEnv, ROOT, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
      ]);
      const loaded = { ...scenario, url: `${app.url}${scenario.path}`, duration: 2 * DURATION };
      for (let i = 0; i < 30; i++) await probe(loaded);
      const loadStart = Date.now();
      const out = await autocannon(loaded);
      const loadEnd = Date.now();
      const exited = new Promise((resolve) => app.child.once('exit', resolve));
      app.child.kill('SIGINT');
      await exited;
      const exitAt = Date.now();
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${scenario.name}: no .cpuprofile written in ${dir}`);
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
      // The profile's clock is not the wall clock: place the load window back from its end.
      const fromUs = profile.endTime - (exitAt - loadStart) * 1000;
      const toUs = profile.endTime - (exitAt - loadEnd) * 1000;
      const result = breakdown(profile, fromUs, toUs);
      const top = topFunctions(profile, 15, fromUs, toUs);
      console.log(
        `\n${breakdownTable(`${scenario.name} (${Math.round(out.requests.average)} req/s under autocannon -c ${CONNECTIONS})`, result)}`
      );
      console.log('\nMost self time:');
      for (const fn of top) console.log(`  ${fn.ms} ms  ${fn.name}`);
      console.log(`Profile: ${path.relative(ROOT, path.join(dir, file))}`);
      report[scenario.file] = {
        scenario: scenario.name,
        requestsPerSecond: Math.round(out.requests.average),
        ...result,
        topFunctions: top,
      };
    }
    report.loadAverage = (await import('node:os'))
      .loadavg()
      .map((value) => Number(value.toFixed(2)));
    // A partial run does not overwrite the profile of the full one.
    const reportFile = ONLY ? `profile-${ONLY}.json` : 'profile.json';
    writeFileSync(path.join(ROOT, 'bench', reportFile), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten bench/${reportFile}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

/**
 * `--only search`: a seeded database, an instance counting SQL (it seeds) and an uncached one
 * without the counter, then the search scenario as in the full run. Prints its figures and the
 * load average; writes nothing under bench/.
 */
async function searchMain(): Promise<void> {
  const { databaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    console.log('Starting an instance that counts SQL (seeds the database) and an uncached one…');
    const counting = await startApp('counting', databaseFile, { CACHE_ENABLED: 'false' });
    if (SCALE > 1) {
      console.log(`Growing the content to ${SCALE}× its cities per locale through the REST API…`);
      const token = await apiToken(counting.url, 'full-access', 'bench scale');
      const growth = await growCities(counting.url, token, SCALE);
      console.log(
        `Cities per locale: ${growth.before} → ${growth.after} in ${growth.seconds} s (German and English versions written)`
      );
    }
    const uncached = await startApp('uncached', databaseFile, {
      CACHE_ENABLED: 'false',
      QUERY_COUNT_HEADER: 'false',
    });
    const os = await import('node:os');
    const loadBefore = os.loadavg().map((value) => value.toFixed(2));
    console.log(`Load: autocannon -c ${CONNECTIONS} -d ${DURATION}`);
    const searches = [
      { name: SEARCH_SCENARIO, path: SEARCH_PATH },
      { name: FORGIVING_SEARCH_SCENARIO, path: FORGIVING_SEARCH_PATH },
    ];
    for (const search of searches) {
      const cpuBefore = cpuMs(uncached.child.pid);
      const result = await measure({
        name: search.name,
        url: `${uncached.url}${search.path}`,
        countUrl: `${counting.url}${search.path}`,
      });
      const cpuAfter = cpuMs(uncached.child.pid);
      // CPU time of the instance per request: unlike req/s and latency, barely moved by other
      // processes competing for the cores.
      const requests = result.requestsPerSecond * DURATION;
      const cpuPerRequest =
        cpuBefore !== null && cpuAfter !== null && requests > 0
          ? `${((cpuAfter - cpuBefore) / requests).toFixed(2)} ms`
          : '?';
      console.log(`\n${result.scenario}: ${cpuPerRequest} CPU of the instance per request`);
      console.log(
        `${result.scenario}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors, ${result.queriesPerRequest} SQL/request (first ${result.queriesFirstRequest})`
      );
    }
    const loadAfter = os.loadavg().map((value) => value.toFixed(2));
    console.log(
      `Load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after (${os.cpus().length} CPUs)`
    );
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

/** One line of the XLIFF export timings, with the issue's ceiling of 10 s. */
function xliffExportLine(timings: XliffExportTiming[]): string {
  const parts = timings.map(
    (timing) =>
      `${timing.format} ${timing.units} units, ${(timing.bytes / 1024 / 1024).toFixed(1)} MB, ${timing.memoryMatches} memory matches in ${timing.ms} ms`
  );
  const slowest = Math.max(...timings.map((timing) => timing.ms));
  return `XLIFF export of the full content (en, with the translation memory, ${timings[0]?.outdatedSources ?? 0} German descriptions edited first): ${parts.join('; ')} (${slowest < 10_000 ? 'under' : 'OVER'} the 10 s ceiling)`;
}

/**
 * `--only xliff`: a fresh seeded instance, then the full XLIFF export in both versions, as in the
 * full run but without the editorial writes before it (so the memory is searched only for what
 * the seed left untranslated). Prints, writes nothing under bench/.
 */
async function xliffMain(): Promise<void> {
  const { databaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    console.log('Starting an instance on an empty database (seeds it)…');
    const app = await startApp('xliff', databaseFile, {});
    console.log(xliffExportLine(await xliffExportTimings(app.url)));
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

/** One city update of the editorial load (./editorialLoad): a website, or a shared relation. */
async function editorialWrite(
  base: string,
  token: string,
  cityIds: string[],
  fieldIds: string[],
  n: number
): Promise<void> {
  const id = cityIds[n % Math.min(cityIds.length, 10)];
  const shared = n % 2 === 1 && fieldIds.length === 2;
  const response = await fetch(`${base}/api/cities/${id}?locale=${shared ? 'de' : 'en'}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      data: shared
        ? { creativeField: fieldIds[Math.floor(n / 20) % 2] }
        : { website: `https://example.org/bench-${n}` },
    }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`city update ${n}: ${response.status}`);
}

/**
 * Bytes per history entry in an SQLite file: the table and its index pages (dbstat) over the
 * entries, and the JSON the entries hold (values, changed fields) alone.
 */
function historyStorage(databaseFile: string): {
  entries: number;
  bytesPerEntry: number | null;
  jsonBytesPerEntry: number;
} {
  const database = new Database(databaseFile, { readonly: true });
  try {
    const { entries, json } = database
      .prepare(
        'SELECT count(*) AS entries, coalesce(sum(length("values") + length(changed_fields)), 0) AS json FROM history_entries'
      )
      .get() as { entries: number; json: number };
    let pages: number | null = null;
    try {
      pages = (
        database
          .prepare(
            "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN ('history_entries', 'history_entries_version_lookup')"
          )
          .get() as { bytes: number }
      ).bytes;
    } catch {
      // SQLite built without the dbstat table: the JSON figure alone.
    }
    return {
      entries,
      bytesPerEntry: pages !== null && entries > 0 ? Math.round(pages / entries) : null,
      jsonBytesPerEntry: entries > 0 ? Math.round(json / entries) : 0,
    };
  } finally {
    database.close();
  }
}

/**
 * `--only history`: the server CPU time of the editorial load's city updates with the version
 * history recorded and with HISTORY_ENABLED=false, in alternating rounds on two instances of one
 * seeded database; then the storage one entry takes.
 */
async function historyMain(): Promise<void> {
  const { databaseFile, stockDatabaseFile: copyFile, removeDatabase } = benchDatabases();
  const writes = Number(process.env.BENCH_HISTORY_WRITES ?? 100);
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    console.log('Starting an instance with history on an empty database (seeds it)…');
    const on = await startApp('history on', databaseFile, {});
    const seeded = historyStorage(databaseFile);
    const source = new Database(databaseFile);
    source.exec(`VACUUM INTO '${copyFile.replace(/'/g, "''")}'`);
    source.close();
    console.log('Starting an instance with HISTORY_ENABLED=false on a copy…');
    const off = await startApp('history off', copyFile, {
      DATABASE_FILENAME: copyFile,
      HISTORY_ENABLED: 'false',
    });
    const cities = (await (
      await fetch(
        `${on.url}/api/cities?locale=en&fields[0]=key&sort=key:asc&pagination[pageSize]=10`
      )
    ).json()) as { data: Array<{ documentId: string }> };
    const fields = (await (
      await fetch(`${on.url}/api/creative-fields?locale=de&fields[0]=key&sort=key:asc`)
    ).json()) as { data: Array<{ documentId: string }> };
    const cityIds = cities.data.map((city) => city.documentId);
    const fieldIds = fields.data.slice(0, 2).map((field) => field.documentId);
    const sides = [
      { name: 'on', app: on, token: await apiToken(on.url, 'full-access'), cpu: 0, n: 0 },
      { name: 'off', app: off, token: await apiToken(off.url, 'full-access'), cpu: 0, n: 0 },
    ];
    const run = async (side: (typeof sides)[number], count: number) => {
      const before = cpuMs(side.app.child.pid);
      for (let i = 0; i < count; i++)
        await editorialWrite(side.app.url, side.token, cityIds, fieldIds, side.n++);
      const after = cpuMs(side.app.child.pid);
      if (before === null || after === null) throw new Error('no CPU time from /proc');
      return after - before;
    };
    for (const side of sides) await run(side, 20); // warm-up
    const perRound: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so a busier minute of the machine hits both.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      const figures: string[] = [];
      for (const side of order) {
        const ms = await run(side, writes);
        side.cpu += ms;
        figures.push(`${side.name} ${(ms / writes).toFixed(2)}`);
      }
      perRound.push(figures.join(', '));
    }
    const [withHistory, without] = sides.map((side) => side.cpu / (writes * ROUNDS));
    const storage = historyStorage(databaseFile);
    console.log(
      `\nCity updates (editorial load), server CPU ms per update, ${ROUNDS} rounds of ${writes}:`
    );
    console.log(`  per round: ${perRound.join(' | ')}`);
    console.log(
      `  history on ${withHistory.toFixed(2)} ms, off ${without.toFixed(2)} ms: ` +
        `+${(((withHistory - without) / without) * 100).toFixed(1)} %`
    );
    console.log(
      `History storage (SQLite): ${storage.entries} entries (${seeded.entries} from the seed), ` +
        `${storage.bytesPerEntry ?? '?'} bytes per entry with its index, ` +
        `${storage.jsonBytesPerEntry} of them JSON (values, changed fields)`
    );
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

/** `--only release`: the release scenario (./release.ts) on a freshly seeded instance. */
async function releaseMain(): Promise<void> {
  const { databaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    console.log('Starting an instance on an empty database (seeds it)…');
    const app = await startApp('release', databaseFile, { QUERY_COUNT_HEADER: 'false' });
    const token = await apiToken(app.url, 'full-access');
    for (const line of releaseLines(await releaseTimings(app.url, token))) console.log(line);
    console.log(`Load average (1, 5, 15 min): ${(await loadAverage()).join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

/**
 * The run's SQLite files under .tmp (the app's and stock Strapi's copy), removed now so a run
 * starts empty; `removeDatabase` removes them again at the end, with their WAL files.
 */
function benchDatabases(): {
  databaseFile: string;
  stockDatabaseFile: string;
  removeDatabase: () => void;
} {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const databaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}.db`);
  const stockDatabaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}-stock.db`);
  const removeDatabase = () => {
    for (const file of [databaseFile, stockDatabaseFile])
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  };
  removeDatabase();
  return { databaseFile, stockDatabaseFile, removeDatabase };
}

/**
 * Stock Strapi of the same version (./stock-app.ts) on a copy of the seeded database. VACUUM INTO
 * makes a consistent copy even while the WAL of the running instances is not merged.
 */
async function startStockOnCopy(databaseFile: string, stockDatabaseFile: string): Promise<App> {
  console.log('Starting stock Strapi on a copy of the seeded database…');
  const source = new Database(databaseFile);
  source.exec(`VACUUM INTO '${stockDatabaseFile.replace(/'/g, "''")}'`);
  source.close();
  const stockDir = createStockApp(ROOT);
  temporaryDirs.push(stockDir);
  return startApp('stock', stockDatabaseFile, { DATABASE_FILENAME: stockDatabaseFile }, stockDir);
}

/** The load average (1, 5, 15 min), rounded: the machine is shared. */
async function loadAverage(): Promise<number[]> {
  return (await import('node:os')).loadavg().map((value) => Number(value.toFixed(2)));
}

/**
 * `--only rest`: the uncached instance against stock Strapi on the REST list, plain and with
 * creativeField and country populated, in BENCH_ROUNDS alternating rounds (what a change to the
 * miss path is judged by). `--only token`: the cached REST list and the editorial read mix,
 * anonymous against a read-only API token. A minute or two each instead of the whole bench's ten;
 * prints, writes nothing.
 */
async function focusedMain(only: string): Promise<void> {
  if (only !== 'rest' && only !== 'token' && only !== 'editorial')
    throw new Error(`--only takes "rest", "token" or "editorial", not "${only}"`);
  const { databaseFile, stockDatabaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  const ratio = (a: number[], b: number[]) => {
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return sum(b) > 0 ? (sum(a) / sum(b)).toFixed(2) : '?';
  };
  const warmUp = async (...urls: Array<{ url: string; headers?: Record<string, string> }>) => {
    for (const { url, headers } of urls)
      for (let i = 0; i < 20; i++) await probe({ name: 'warm', url, headers });
  };
  try {
    console.log(`Load average at the start: ${(await loadAverage()).join(', ')}`);
    if (only === 'rest') {
      console.log('Starting the app with CACHE_ENABLED=false on an empty database (seeds it)…');
      const uninstrumented = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
      const variants = [
        { label: 'uncached', app: await startApp('uncached', databaseFile, uninstrumented) },
      ];
      // BENCH_COMPARE_ENV="NAME=value …": one more uncached instance with these variables, e.g.
      // a switch of the miss path turned off, measured in the same run (before/after).
      const compare = compareEnv();
      if (compare) {
        variants.push({
          label: `uncached with ${compare.text}`,
          app: await startApp('compare', databaseFile, { ...uninstrumented, ...compare.env }),
        });
      }
      const stock = await startStockOnCopy(databaseFile, stockDatabaseFile);
      for (const [name, urlPath] of [
        ['REST list', LIST],
        ['REST list + creativeField, country', POPULATED_LIST],
      ]) {
        for (const { label, app } of variants) {
          await warmUp({ url: `${app.url}${urlPath}` }, { url: `${stock.url}${urlPath}` });
          const rounds = await alternate(
            { name, url: `${app.url}${urlPath}`, pid: app.child.pid },
            { name, url: `${stock.url}${urlPath}`, pid: stock.child.pid }
          );
          console.log(
            `${name}, ${label} vs stock: ${ratio(rounds.a, rounds.b)} by req/s (rounds ${rounds.a.join('/')} vs ${rounds.b.join('/')}, ${ROUNDS} × ${DURATION} s each), ${cpuRatio(rounds) ?? '?'} by CPU time per request (${rounds.cpuA.join('/')} vs ${rounds.cpuB.join('/')} ms)`
          );
        }
      }
    } else if (only === 'editorial') {
      console.log('Starting the app on an empty database (seeds it)…');
      const cached = await startApp('cached', databaseFile, {});
      const editorial = await editorialLoad(
        cached.url,
        await editorialMix(cached.url),
        cached.child.pid
      );
      console.log(editorialSummary(editorial));
    } else {
      console.log('Starting the app on an empty database (seeds it)…');
      const cached = await startApp('cached', databaseFile, {});
      const readOnly = { authorization: `Bearer ${await apiToken(cached.url, 'read-only')}` };
      const url = `${cached.url}${LIST}`;
      await warmUp({ url }, { url, headers: readOnly });
      const rounds = await alternate(
        { name: 'anonymous', url },
        { name: 'read-only token', url, headers: readOnly }
      );
      console.log(
        `REST list, cached: read-only token vs anonymous ${ratio(rounds.b, rounds.a)} (rounds ${rounds.b.join('/')} vs ${rounds.a.join('/')} req/s)`
      );
      const { requests } = await editorialMix(cached.url);
      await warm(cached.url, requests, readOnly);
      const anonymous = await mixLoad(cached.url, requests, 2 * DURATION);
      const token = await mixLoad(cached.url, requests, 2 * DURATION, readOnly);
      console.log(
        `Mix of ${requests.length} URLs, cached: read-only token ${token.requestsPerSecond} req/s (hit ratio ${(token.hitRatio * 100).toFixed(1)} %, ${token.errors} errors) vs anonymous ${anonymous.requestsPerSecond} req/s (hit ratio ${(anonymous.hitRatio * 100).toFixed(1)} %): ${ratio([token.requestsPerSecond], [anonymous.requestsPerSecond])}`
      );
    }
    console.log(`Load average at the end: ${(await loadAverage()).join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

const timer = setTimeout(() => {
  console.error(`Benchmark did not finish within ${TIMEOUT_MS / 60000} minutes: stopping.`);
  stopAll();
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();

/**
 * BENCH_COMPARE_ENV="NAME=value …" (`--only rest` and `--only graphql`): one more uncached instance
 * with these variables, measured in the same run (before/after a switch or a Node flag).
 */
function compareEnv(): { text: string; env: Record<string, string> } | null {
  const text = (process.env.BENCH_COMPARE_ENV ?? '').trim();
  if (text === '') return null;
  const env = Object.fromEntries(
    text
      .split(/\s+/)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])
  );
  return { text, env };
}

/**
 * `--only graphql`: the uncached GraphQL scenarios of the full run (list, fields → cities) on an
 * uncached instance against stock Strapi on a copy of the same database, and their SQL per
 * request on a counting instance. Prints, writes nothing. Two measures:
 *
 * - CPU milliseconds per request: the server's CPU time (/proc/<pid>/stat) over `BENCH_CPU_REQUESTS`
 *   requests sent four at a time. It hardly depends on what else the machine runs, so it is the
 *   figure to compare on a shared machine; 1000 / it is what one core could serve.
 * - req/s under autocannon in `ROUNDS` alternating rounds, as in the full run.
 *
 * `BENCH_BASELINE=<dir>`: another checkout of this app, already compiled (`npm run build:plugins`
 * and a run of the bench there), started as a third instance on the same database: before and
 * after a change in one run.
 */
async function graphqlMain(): Promise<void> {
  const { databaseFile, stockDatabaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  const cpuRequests = Number(process.env.BENCH_CPU_REQUESTS ?? 60);
  const baselineDir = process.env.BENCH_BASELINE;
  const uncachedEnv = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
  try {
    console.log('Starting an uncached instance on an empty database (seeds it), one counting SQL…');
    const uncached = await startApp('uncached', databaseFile, uncachedEnv);
    const counting = await startApp('counting', databaseFile, { CACHE_ENABLED: 'false' });
    const instances = [{ label: 'uncached', app: uncached }];
    const compare = compareEnv();
    if (compare) {
      const app = await startApp('compare', databaseFile, { ...uncachedEnv, ...compare.env });
      instances.push({ label: `with ${compare.text}`, app });
    }
    if (baselineDir) {
      console.log(`Starting the baseline (${baselineDir}) on the same database…`);
      const app = await startApp('baseline', databaseFile, uncachedEnv, path.resolve(baselineDir));
      instances.push({ label: 'baseline', app });
    }
    const stock = await startStockOnCopy(databaseFile, stockDatabaseFile);
    instances.push({ label: 'stock', app: stock });
    // Stock reads fields → cities with some 400 queries: fewer requests for the CPU time.
    const pairs = [
      { name: 'GraphQL list', body: GRAPHQL_LIST(25), requests: cpuRequests },
      {
        name: 'GraphQL fields → cities',
        body: GRAPHQL_FIELDS(),
        requests: Math.ceil(cpuRequests / 3),
      },
    ];
    const lines: string[] = [];
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    for (const { name, body, requests } of pairs) {
      const at = (base: string): Scenario => ({
        name,
        url: `${base}/graphql`,
        method: 'POST',
        body,
      });
      const expected = (await probe(at(stock.url))).body.toString();
      for (const { label, app } of instances) {
        const answer = await probe(at(app.url));
        if (answer.status !== 200) throw new Error(`${name}: status ${answer.status} (${label})`);
        if (answer.body.toString() !== expected)
          console.log(`  (${name}: the ${label} answer differs from stock's)`);
        for (let i = 0; i < 5; i++) await probe(at(app.url));
      }
      await probe(at(counting.url));
      const counted = await probe(at(counting.url));

      console.log(`${name}: CPU time of ${requests} requests on each instance…`);
      const cpu: Record<string, number> = {};
      for (const { label, app } of instances) {
        const before = cpuMs(app.child.pid) ?? 0;
        for (let sent = 0; sent < requests; sent += 4)
          await Promise.all(
            Array.from({ length: Math.min(4, requests - sent) }, () => probe(at(app.url)))
          );
        cpu[label] = ((cpuMs(app.child.pid) ?? 0) - before) / requests;
      }
      console.log(`${name}: ${ROUNDS} alternating rounds of ${DURATION} s…`);
      const rounds: Record<string, number[]> = {};
      for (let round = 0; round < ROUNDS; round++)
        for (const { label, app } of instances)
          (rounds[label] ??= []).push(
            Math.round((await autocannon({ ...at(app.url), duration: DURATION })).requests.average)
          );
      const figures = instances.map(({ label }) => {
        const versusStock = (sum(rounds[label]) / Math.max(1, sum(rounds.stock))).toFixed(2);
        const cpuVersusStock = (cpu.stock / Math.max(0.01, cpu[label])).toFixed(2);
        return `  ${label}: ${cpu[label].toFixed(1)} CPU ms/request (${cpuVersusStock}× stock), ${rounds[label].join('/')} req/s (${versusStock}× stock)`;
      });
      const result = [`${name} (${counted.queries ?? '?'} SQL queries per request):`, ...figures];
      console.log(result.join('\n'));
      lines.push(...result);
    }
    console.log(`\n${lines.join('\n')}`);
    const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2));
    console.log(`Load average (1, 5, 15 min) at the end: ${load.join(', ')}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

(PROFILE
  ? profileMain()
  : ONLY === 'search'
    ? searchMain()
    : ONLY === 'graphql'
      ? graphqlMain()
      : ONLY === 'rest' || ONLY === 'token' || ONLY === 'editorial'
        ? focusedMain(ONLY)
        : ONLY === 'xliff'
          ? xliffMain()
          : ONLY === 'history'
            ? historyMain()
            : ONLY === 'compression'
              ? compressionMain()
              : ONLY === 'release'
                ? releaseMain()
                : main()
).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopAll();
    process.exit(1);
  }
);
