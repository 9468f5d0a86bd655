/** `npm run bench`: every scenario against the bare Node ceiling and stock Strapi, one table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  apiToken,
  onFreshDatabases,
  startApp,
  startCeiling,
  startStockOnCopy,
  type App,
} from '../lib/app';
import {
  alternate,
  cpuRatio,
  measure,
  mixLoad,
  probe,
  warm,
  WRK,
  type Result,
  type Scenario,
} from '../lib/load';
import { CONNECTIONS, DURATION, ROOT, ROUNDS } from '../lib/options';
import { rssMb } from '../lib/report';
import {
  FORGIVING_SEARCH_PATH,
  FORGIVING_SEARCH_SCENARIO,
  GRAPHQL_FIELDS,
  GRAPHQL_LIST,
  LIST,
  POPULATED_LIST,
  SEARCH_PATH,
  SEARCH_SCENARIO,
} from '../lib/requests';
import { compressionFigures } from './compression';
import { editorialLoad, editorialMix, editorialSummary } from './editorial';
import { xliffExportLine, xliffExportTimings } from './xliff';

export async function main(): Promise<void> {
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  await onFreshDatabases(async ({ databaseFile, stockDatabaseFile }) => {
    const instances = await startInstances(databaseFile, stockDatabaseFile);
    const { cached, uncached, fallback, counting, stock } = instances;
    const targets = await captureTargets(cached);
    const scenarios = fullScenarios({ ...instances, ...targets });
    console.log(
      `Load: autocannon -c ${CONNECTIONS} -d ${DURATION} per scenario (-d ${2 * DURATION} for the uncached/stock lists)`
    );
    const results = await measureAll(scenarios);
    const rps = (name: string) => results.find((r) => r.scenario === name)?.requestsPerSecond ?? 0;
    const uncachedVsStock = await compareUncachedWithStock(scenarios);
    const { editorial, tokenReads } = await editorialAndTokenReads(cached, targets.readOnly, rps);

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
    const queriesByPageSize = {
      10: await queriesAt(counting, 10),
      100: await queriesAt(counting, 100),
    };
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
      seedMs: instances.seedMs,
      rssAfterRunMb: rss,
    };
    writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    printSummary(report, instances);
  });
}

/** `a / b` to two decimals; null when `b` has nothing to divide by. */
function ratio(a: number, b: number): number | null {
  return b > 0 ? Number((a / b).toFixed(2)) : null;
}

/** The instances every scenario runs against, started in this order (the first seeds). */
interface Instances {
  cached: App;
  uncached: App;
  fallback: App;
  counting: App;
  stock: App;
  /** The seed's own figure from the first instance's log; null when it did not print one. */
  seedMs: number | null;
}

async function startInstances(databaseFile: string, stockDatabaseFile: string): Promise<Instances> {
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
  return { cached, uncached, fallback, counting, stock, seedMs };
}

/** What the scenarios need from the running app: the ceiling, an ETag, a detail path, a token. */
interface Targets {
  ceilingUrl: string;
  etag: string;
  detailPath: string;
  readOnly: Record<string, string>;
}

/** Response headers the bare Node ceiling does not repeat (per response or per connection). */
const UNCAPTURED_HEADERS = [
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'x-query-count',
];

async function captureTargets(cached: App): Promise<Targets> {
  const listResponse = await probe({ name: 'capture', url: `${cached.url}${LIST}` });
  const captured: Record<string, string> = {};
  listResponse.headers.forEach((value, name) => {
    if (!UNCAPTURED_HEADERS.includes(name)) captured[name] = value;
  });
  const ceilingUrl = await startCeiling({ headers: captured, body: listResponse.body });
  const etag = listResponse.headers.get('etag') ?? '';

  const detail = await probe({
    name: 'id',
    url: `${cached.url}/api/cities?locale=en&filters[key][$eq]=krakow&fields[0]=documentId`,
  });
  const documentId = (JSON.parse(detail.body.toString()) as { data: Array<{ documentId: string }> })
    .data[0]?.documentId;
  const detailPath = `/api/cities/${documentId}?locale=en&populate[0]=country&populate[1]=creativeField`;

  // What the security guide tells a website to read with: cached per token (response-cache).
  const readOnly = { authorization: `Bearer ${await apiToken(cached.url, 'read-only')}` };
  return { ceilingUrl, etag, detailPath, readOnly };
}

/** Loads every scenario in order; the first (the bare Node ceiling) is the reference. */
async function measureAll(scenarios: Scenario[]): Promise<Result[]> {
  const results: Result[] = [];
  for (const scenario of scenarios) results.push(await measure(scenario));
  const ceiling = results[0].requestsPerSecond;
  for (const result of results)
    result.fractionOfCeiling = Number((result.requestsPerSecond / ceiling).toFixed(3));
  return results;
}

/**
 * Requests per second of the CACHE_ENABLED=false instance divided by stock's (≥ 1: not slower),
 * over alternating rounds of both.
 */
async function compareUncachedWithStock(scenarios: Scenario[]) {
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
  return {
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
}

/** The editorial mix without and with writes, then the same mix read with a read-only token. */
async function editorialAndTokenReads(
  cached: App,
  readOnly: Record<string, string>,
  rps: (name: string) => number
) {
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
  return { editorial, tokenReads };
}

/** SQL queries per request for cities with their relations at one page size, REST and GraphQL. */
async function queriesAt(counting: App, pageSize: number) {
  return {
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
  };
}

/** What bench/results.json holds (the summary below prints from it). */
interface Report {
  results: Result[];
  uncachedVsStock: Awaited<ReturnType<typeof compareUncachedWithStock>>;
  fallbackVsPlain: { restList: number | null; graphqlToMany: number | null };
  editorialLoad: Awaited<ReturnType<typeof editorialAndTokenReads>>['editorial'];
  tokenReads: Awaited<ReturnType<typeof editorialAndTokenReads>>['tokenReads'];
  xliffExport: Awaited<ReturnType<typeof xliffExportTimings>>;
  loadAverage: number[];
  queriesByPageSize: Record<10 | 100, Awaited<ReturnType<typeof queriesAt>>>;
  rssAfterRunMb: Record<
    'cachedMb' | 'uncachedMb' | 'fallbackMb' | 'stockMb',
    ReturnType<typeof rssMb>
  >;
}

/** The table and the one-line figures on the console. */
function printSummary(report: Report, { cached, uncached, stock, seedMs }: Instances): void {
  const { uncachedVsStock, tokenReads, fallbackVsPlain, queriesByPageSize } = report;
  const { rounds } = uncachedVsStock;
  const rss = report.rssAfterRunMb;
  for (const line of resultsTable(report.results)) console.log(line);
  if (!WRK) console.log('(wrk not installed: apt-get install wrk to measure with it too)');
  console.log(
    `\nuncached vs stock: ${uncachedVsStock.restList?.toFixed(2) ?? '?'} (REST list; rounds ${rounds.restList.uncached.join('/')} vs ${rounds.restList.stock.join('/')} req/s), ${uncachedVsStock.graphqlList?.toFixed(2) ?? '?'} (GraphQL list; ${rounds.graphqlList.uncached.join('/')} vs ${rounds.graphqlList.stock.join('/')}); req/s of CACHE_ENABLED=false divided by stock Strapi's over ${ROUNDS} alternating rounds, ≥ 1.00 = not slower`
  );
  console.log(
    `uncached vs stock, REST list + creativeField, country: ${uncachedVsStock.restListPopulated?.toFixed(2) ?? '?'} (rounds ${rounds.restListPopulated.uncached.join('/')} vs ${rounds.restListPopulated.stock.join('/')} req/s)`
  );
  console.log(
    `uncached vs stock by CPU time per request (stock's ms / ours): REST list ${uncachedVsStock.byCpuPerRequest.restList ?? '?'}, + creativeField, country ${uncachedVsStock.byCpuPerRequest.restListPopulated ?? '?'}, GraphQL list ${uncachedVsStock.byCpuPerRequest.graphqlList ?? '?'}`
  );
  console.log(editorialSummary(report.editorialLoad));
  console.log(
    `Read-only token, cached per token: REST list ${tokenReads.restList.token} req/s vs ${tokenReads.restList.anonymous} anonymous (${tokenReads.restList.relative?.toFixed(2) ?? '?'}); mix of ${tokenReads.mix.distinctUrls} URLs ${tokenReads.mix.token} req/s vs ${tokenReads.mix.anonymous} anonymous (${tokenReads.mix.relative?.toFixed(2) ?? '?'}), hit ratio ${(tokenReads.mix.tokenHitRatio * 100).toFixed(1)} %, ${tokenReads.mix.tokenErrors} errors`
  );
  console.log(xliffExportLine(report.xliffExport));
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
}

/** Every scenario of the full run, in the order they are loaded. */
function fullScenarios({
  cached,
  uncached,
  fallback,
  counting,
  stock,
  ceilingUrl,
  etag,
  detailPath,
  readOnly,
}: {
  cached: App;
  uncached: App;
  fallback: App;
  counting: App;
  stock: App;
  ceilingUrl: string;
  etag: string;
  detailPath: string;
  readOnly: Record<string, string>;
}): Scenario[] {
  return [
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
}

/** The full run's table: one row per scenario, autocannon and wrk side by side. */
function resultsTable(results: Result[]): string[] {
  const lines: string[] = [];
  const wrkCeiling = results[0].wrk?.requestsPerSecond ?? 0;
  lines.push(
    '\n| Scenario | req/s | of ceiling | p50 ms | p99 ms | errors | wrk req/s | wrk of ceiling | wrk p99 ms | SQL/request (first) |'
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const pct = `${((r.fractionOfCeiling ?? 0) * 100).toFixed(1)} %`;
    const queries =
      r.queriesPerRequest === null ? '–' : `${r.queriesPerRequest} (${r.queriesFirstRequest})`;
    const viaWrk = r.wrk
      ? `${r.wrk.requestsPerSecond}${r.wrk.errors > 0 ? ` (${r.wrk.errors} errors)` : ''} | ${wrkCeiling > 0 ? ((r.wrk.requestsPerSecond / wrkCeiling) * 100).toFixed(1) : '?'} % | ${r.wrk.p99Ms}`
      : '– | – | –';
    lines.push(
      `| ${r.scenario} | ${r.requestsPerSecond} | ${pct} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${viaWrk} | ${queries} |`
    );
  }
  return lines;
}
