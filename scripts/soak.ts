/**
 * `npm run soak`: a bounded load test on loopback (not part of `npm test`).
 *
 * Starts the compiled app (`strapi start`, production mode; scripts/lib/soak-server.ts, shared
 * with the hostile soak) on a throw-away seeded SQLite database, then for SOAK_SECONDS (default 60, after a 10 s warm-up that is not measured) runs
 * SOAK_CONCURRENCY (default 8) clients doing a mix of anonymous REST and GraphQL reads and
 * authenticated writes (API token: create and update cities). Afterwards every acknowledged write
 * is read back. Prints the figures and exits 1 unless: zero 5xx, zero lost writes, and the
 * server's RSS grew less than 20% from the first to the last 10 s.
 *
 * `npm run soak -- --hostile`: the attacks of issues 16 and 22 against the same app, each alone
 * and all at once, while a prober times a cached page and /_health (scripts/hostile-soak/).
 *
 * SOAK_CPU_PROF_DIR=dir: the server runs with `node --cpu-prof` and writes its profile there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileApp } from './lib/compile-app';
import { freePort } from './lib/free-port';
import { cpuProfileFlags, startServer } from './lib/soak-server';
import { runHostileSoak } from './hostile-soak';

const APP_DIR = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = 10;
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const WRITE_SHARE = 0.1;
const MAX_RSS_GROWTH = 0.2;
const HOSTILE = process.argv.includes('--hostile');

const READS = [
  '/api/cities?locale=de&pagination[pageSize]=25',
  '/api/cities?locale=en&sort=name:asc&pagination[page]=3',
  '/api/cities?locale=de&populate[0]=country&populate[1]=creativeField&pagination[pageSize]=50',
  '/api/cities?locale=en&filters[memberSince][$gte]=2015&fields[0]=name&fields[1]=slug',
  '/api/countries?locale=de&populate=cities&pagination[pageSize]=10',
  '/api/creative-fields?locale=en',
  '/api/network?locale=de&populate=links',
  '/api/network-goals?locale=en',
];
const QUERIES = [
  '{ cities(locale: "de", pagination: { pageSize: 20 }) { name slug creativeField { name } country { name } } }',
  '{ cities_connection(locale: "en", pagination: { page: 2, pageSize: 25 }) { nodes { name } pageInfo { total } } }',
  '{ creativeFields(locale: "de") { name cityTitle } networkGoals(locale: "en") { title } }',
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const average = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

async function main(): Promise<number> {
  await compileApp({ appDir: APP_DIR });
  const dir = mkdtempSync(path.join(tmpdir(), 'ccn-soak-'));
  const bootStarted = Date.now();
  const server = await startServer({
    dir,
    port: await freePort(),
    env: {},
    // SOAK_CPU_PROF_DIR: a V8 CPU profile of the server, written there when it stops.
    extraNodeFlags: cpuProfileFlags(),
    stderr: 'inherit',
  });
  const { base } = server;
  try {
    console.log(`Server up (seeded) in ${((Date.now() - bootStarted) / 1000).toFixed(0)} s`);
    const token = await fullAccessToken(base);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const { tally, rss } = await runLoad(base, auth, server.pid);
    const lost = await countLostWrites(base, auth, tally.acknowledged);
    const failures = printFigures(tally, rss, lost);
    console.log(failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Registers the first admin and makes a full-access API token with it. */
async function fullAccessToken(base: string): Promise<string> {
  const register = await fetch(`${base}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      firstname: 'S',
      lastname: 'Oak',
      email: 'soak@example.com',
      password: 'Soak-Passw0rd',
    }),
  });
  const adminJwt = ((await register.json()) as { data: { token: string } }).data.token;
  const tokenRes = await fetch(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminJwt}` },
    body: JSON.stringify({ name: 'soak', type: 'full-access', lifespan: null }),
  });
  return ((await tokenRes.json()) as { data: { accessKey: string } }).data.accessKey;
}

/** What the clients counted; statuses and latencies only while measuring (after the warm-up). */
interface Tally {
  statuses: Map<string, number>;
  latencies: number[];
  kinds: { rest: number; graphql: number; create: number; update: number };
  /** documentId → the name its last acknowledged write set. */
  acknowledged: Map<string, string>;
  errors: number;
  sequence: number;
  measuring: boolean;
}

type Auth = Record<string, string>;

/** One request of the mix: a write (create or update a city), a REST read or a GraphQL read. */
async function mixedRequest(base: string, auth: Auth, tally: Tally): Promise<void> {
  const { kinds, acknowledged } = tally;
  const roll = Math.random();
  const started = Date.now();
  let res: Response;
  if (roll < WRITE_SHARE) {
    const existing = [...acknowledged.keys()];
    const name = `Soak ${(tally.sequence += 1)}`;
    if (existing.length > 0 && roll < WRITE_SHARE / 2) {
      const documentId = pick(existing);
      res = await fetch(`${base}/api/cities/${documentId}?locale=de`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ data: { name } }),
      });
      if (res.status === 200) acknowledged.set(documentId, name);
      kinds.update += 1;
    } else {
      res = await fetch(`${base}/api/cities?locale=de`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ data: { name, memberSince: 2024 } }),
      });
      if (res.status === 201) {
        const body = (await res.clone().json()) as { data: { documentId: string } };
        acknowledged.set(body.data.documentId, name);
      }
      kinds.create += 1;
    }
  } else if (roll < 0.55) {
    res = await fetch(`${base}${pick(READS)}`);
    kinds.rest += 1;
  } else {
    res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: pick(QUERIES) }),
    });
    kinds.graphql += 1;
  }
  await res.arrayBuffer();
  if (tally.measuring) {
    tally.latencies.push(Date.now() - started);
    tally.statuses.set(String(res.status), (tally.statuses.get(String(res.status)) ?? 0) + 1);
  }
}

type RssSamples = Array<{ second: number; mb: number }>;

/**
 * CONCURRENCY clients for the warm-up and then SECONDS measured, sampling the server's RSS every
 * second while measuring.
 */
async function runLoad(
  base: string,
  auth: Auth,
  pid: number
): Promise<{ tally: Tally; rss: RssSamples }> {
  const tally: Tally = {
    statuses: new Map(),
    latencies: [],
    kinds: { rest: 0, graphql: 0, create: 0, update: 0 },
    acknowledged: new Map(),
    errors: 0,
    sequence: 0,
    measuring: false,
  };
  let stop = false;
  const client = async () => {
    while (!stop) {
      await mixedRequest(base, auth, tally).catch(() => {
        tally.errors += 1;
      });
    }
  };

  const clients = Array.from({ length: CONCURRENCY }, client);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  tally.measuring = true;
  Object.assign(tally.kinds, { rest: 0, graphql: 0, create: 0, update: 0 });
  const rss: RssSamples = [];
  const measureStarted = Date.now();
  const sampler = setInterval(() => {
    if (pid) rss.push({ second: (Date.now() - measureStarted) / 1000, mb: rssMegabytes(pid) });
  }, 1000);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  stop = true;
  clearInterval(sampler);
  await Promise.all(clients);
  return { tally, rss };
}

/** Reads every acknowledged write back: how many documents do not show their last name. */
async function countLostWrites(
  base: string,
  auth: Auth,
  acknowledged: Map<string, string>
): Promise<number> {
  let lost = 0;
  for (const [documentId, name] of acknowledged) {
    const res = await fetch(`${base}/api/cities/${documentId}?locale=de`, { headers: auth });
    const body = (await res.json()) as { data?: { name?: string } };
    if (res.status !== 200 || body.data?.name !== name) lost += 1;
  }
  return lost;
}

/** Prints the figures of the run; returns what failed (empty: pass). */
function printFigures(tally: Tally, rss: RssSamples, lost: number): string[] {
  const { statuses, latencies, kinds, acknowledged, errors } = tally;
  const total = latencies.length;
  const sorted = [...latencies].sort((a, b) => a - b);
  const fivexx = [...statuses]
    .filter(([status]) => status.startsWith('5'))
    .reduce((n, [, c]) => n + c, 0);
  const first = average(rss.filter((s) => s.second <= 10).map((s) => s.mb));
  const last = average(rss.filter((s) => s.second > SECONDS - 10).map((s) => s.mb));
  const growth = (last - first) / first;

  console.log(
    `\nSoak: ${SECONDS} s measured (+${WARMUP_SECONDS} s warm-up), ${CONCURRENCY} clients, loopback`
  );
  console.log(
    `requests: ${total} (${(total / SECONDS).toFixed(1)}/s) — REST ${kinds.rest}, GraphQL ${kinds.graphql}, creates ${kinds.create}, updates ${kinds.update}`
  );
  console.log(
    `statuses: ${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')}; network errors: ${errors}`
  );
  console.log(
    `latency ms: p50 ${percentile(sorted, 0.5)}, p95 ${percentile(sorted, 0.95)}, p99 ${percentile(sorted, 0.99)}, max ${sorted[sorted.length - 1] ?? 0}`
  );
  console.log(`writes acknowledged: ${acknowledged.size} documents, lost: ${lost}`);
  console.log(
    `RSS MB: first 10 s ${first.toFixed(0)}, last 10 s ${last.toFixed(0)}, growth ${(growth * 100).toFixed(1)}%`
  );

  return [
    ...(fivexx > 0 ? [`${fivexx} responses with 5xx`] : []),
    ...(errors > 0 ? [`${errors} network errors`] : []),
    ...(lost > 0 ? [`${lost} lost writes`] : []),
    ...(!(growth < MAX_RSS_GROWTH) ? [`RSS grew ${(growth * 100).toFixed(1)}% (limit 20%)`] : []),
  ];
}

(HOSTILE ? runHostileSoak(process.argv.slice(2)) : main()).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
