/**
 * `npm run bench`: read performance of the app against a bare Node.js ceiling, on this machine,
 * in one run. Compiles the app, starts it in production mode on a fresh SQLite database (the boot
 * seeds it: seed time and cold start are measured), starts a second instance with
 * CACHE_ENABLED=false on the same database, a stock Strapi of the same version with the same
 * content types on a copy of that database (bench/stock-app.ts), a bare `http` server serving the
 * same bytes, and runs autocannon (a separate process) against each scenario. Prints a table and
 * writes bench/results.json. Loopback only; every process it starts is stopped and every file it
 * writes is removed at the end.
 *
 * Env: BENCH_DURATION (seconds per scenario, default 8), BENCH_CONNECTIONS (default 16).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { compileApp } from '../scripts/lib/compile-app';
import { freePort } from '../scripts/lib/free-port';
import { createStockApp } from './stock-app';

const ROOT = path.resolve(__dirname, '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Alternating rounds of the uncached-versus-stock comparison. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LIST = '/api/cities?locale=en&pagination[pageSize]=25';
const GRAPHQL_LIST = (pageSize: number) =>
  JSON.stringify({
    query: `{ cities(locale: "en", pagination: { pageSize: ${pageSize} }) { documentId name slug memberSince creativeField { name } country { name } } }`,
  });
/** The creative fields with their cities (a to-many relation) and each city's country. */
const GRAPHQL_FIELDS = (fallbackLocale?: string) =>
  JSON.stringify({
    query: `{ creativeFields(locale: "en"${fallbackLocale ? `, fallbackLocale: "${fallbackLocale}"` : ''}) { name cities(pagination: { pageSize: 100 }) { name country { name } } } }`,
  });
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
  APP_KEYS: `${randomBytes(16).toString('base64')},${randomBytes(16).toString('base64')}`,
  API_TOKEN_SALT: randomBytes(16).toString('base64'),
  ADMIN_JWT_SECRET: randomBytes(16).toString('base64'),
  TRANSFER_TOKEN_SALT: randomBytes(16).toString('base64'),
  JWT_SECRET: randomBytes(16).toString('base64'),
  ENCRYPTION_KEY: randomBytes(16).toString('base64'),
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
  appDir = ROOT
): Promise<App> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
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
        STRAPI_LOG_LEVEL: 'info',
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
}

async function probe(
  scenario: Scenario
): Promise<{ status: number; queries: number | null; headers: Headers; body: Buffer }> {
  const response = await fetch(scenario.url, {
    method: scenario.method ?? 'GET',
    body: scenario.body,
    headers: {
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
  requests: { average: number };
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

/**
 * Runs two scenarios in turn, `ROUNDS` times, so that both see the same moments of a shared
 * machine, and returns the req/s of each round: a single run of each, one after the other, moved
 * by ±15 % between runs.
 */
async function alternate(a: Scenario, b: Scenario): Promise<{ a: number[]; b: number[] }> {
  const rounds = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.a.push(Math.round((await autocannon({ ...a, duration: DURATION })).requests.average));
    rounds.b.push(Math.round((await autocannon({ ...b, duration: DURATION })).requests.average));
  }
  return rounds;
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
  };
  console.log(
    `  ${scenario.name}: ${result.requestsPerSecond} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`
  );
  return result;
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

async function main(): Promise<void> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  const databaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}.db`);
  const stockDatabaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}-stock.db`);
  const removeDatabase = () => {
    for (const file of [databaseFile, stockDatabaseFile])
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  };
  removeDatabase();

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
    console.log('Starting stock Strapi on a copy of the seeded database…');
    // VACUUM INTO: a consistent copy even while the WAL of the running instances is not merged.
    const source = new Database(databaseFile);
    source.exec(`VACUUM INTO '${stockDatabaseFile.replace(/'/g, "''")}'`);
    source.close();
    const stockDir = createStockApp(ROOT);
    temporaryDirs.push(stockDir);
    const stock = await startApp(
      'stock',
      stockDatabaseFile,
      { DATABASE_FILENAME: stockDatabaseFile },
      stockDir
    );

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

    const scenarios: Scenario[] = [
      { name: 'bare Node ceiling (same bytes)', url: ceilingUrl, noDatabase: true },
      { name: 'REST list, cached', url: `${cached.url}${LIST}` },
      // Uncached and stock back to back, so that both see the same load from the rest of the
      // machine, and twice as long: at a few dozen req/s a short run counts too few requests.
      {
        name: 'REST list, uncached (CACHE_ENABLED=false)',
        url: `${uncached.url}${LIST}`,
        countUrl: `${counting.url}${LIST}`,
        duration: 2 * DURATION,
      },
      { name: 'REST list, stock Strapi 5.54', url: `${stock.url}${LIST}`, duration: 2 * DURATION },
      // Search over the names of the 402 cities in both locales (src/plugins/search).
      {
        name: 'Search cities "san", uncached',
        url: `${uncached.url}/api/search?q=san&locale=en&types=cities`,
        countUrl: `${counting.url}/api/search?q=san&locale=en&types=cities`,
      },
      { name: 'REST city detail + populate, cached', url: `${cached.url}${detailPath}` },
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
      },
      {
        name: 'GraphQL list, uncached',
        url: `${uncached.url}/graphql`,
        countUrl: `${counting.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_LIST(25),
        duration: 2 * DURATION,
      },
      {
        name: 'GraphQL list, stock Strapi 5.54',
        url: `${stock.url}/graphql`,
        method: 'POST',
        body: GRAPHQL_LIST(25),
        duration: 2 * DURATION,
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
    const graphqlRounds = await alternate(
      scenario('GraphQL list, uncached'),
      scenario('GraphQL list, stock Strapi 5.54')
    );
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const uncachedVsStock = {
      restList: ratio(sum(restRounds.a), sum(restRounds.b)),
      graphqlList: ratio(sum(graphqlRounds.a), sum(graphqlRounds.b)),
      rounds: {
        restList: { uncached: restRounds.a, stock: restRounds.b },
        graphqlList: { uncached: graphqlRounds.a, stock: graphqlRounds.b },
      },
    };
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

    const rss = {
      cachedMb: rssMb(cached.child.pid),
      uncachedMb: rssMb(uncached.child.pid),
      fallbackMb: rssMb(fallback.child.pid),
      stockMb: rssMb(stock.child.pid),
    };
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      load: { tool: 'autocannon', connections: CONNECTIONS, durationSeconds: DURATION },
      restList: LIST,
      results,
      uncachedVsStock,
      fallbackVsPlain,
      queriesByPageSize,
      coldStartMs: {
        emptyDatabaseWithSeed: cached.coldStartMs,
        seededDatabase: uncached.coldStartMs,
        stockOnSeededCopy: stock.coldStartMs,
      },
      seedMs,
      rssAfterRunMb: rss,
    };
    writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

    console.log(
      '\n| Scenario | req/s | of ceiling | p50 ms | p99 ms | errors | SQL/request (first) |'
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const pct = `${((r.fractionOfCeiling ?? 0) * 100).toFixed(1)} %`;
      const queries =
        r.queriesPerRequest === null ? '–' : `${r.queriesPerRequest} (${r.queriesFirstRequest})`;
      console.log(
        `| ${r.scenario} | ${r.requestsPerSecond} | ${pct} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${queries} |`
      );
    }
    console.log(
      `\nuncached vs stock: ${uncachedVsStock.restList?.toFixed(2) ?? '?'} (REST list; rounds ${restRounds.a.join('/')} vs ${restRounds.b.join('/')} req/s), ${uncachedVsStock.graphqlList?.toFixed(2) ?? '?'} (GraphQL list; ${graphqlRounds.a.join('/')} vs ${graphqlRounds.b.join('/')}); req/s of CACHE_ENABLED=false divided by stock Strapi's over ${ROUNDS} alternating rounds, ≥ 1.00 = not slower`
    );
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
    console.log('Written bench/results.json');
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
    rmSync(path.join(ROOT, '.tmp', `bench-ceiling-${process.pid}.json`), { force: true });
  }
}

const timer = setTimeout(() => {
  console.error(`Benchmark did not finish within ${TIMEOUT_MS / 60000} minutes: stopping.`);
  stopAll();
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopAll();
    process.exit(1);
  }
);
