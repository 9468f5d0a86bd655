/**
 * `npm run soak`: a bounded load test on loopback (not part of `npm test`).
 *
 * Starts the compiled app (`strapi start`, production mode) on a throw-away seeded SQLite
 * database, then for SOAK_SECONDS (default 60, after a 10 s warm-up that is not measured) runs
 * SOAK_CONCURRENCY (default 8) clients doing a mix of anonymous REST and GraphQL reads and
 * authenticated writes (API token: create and update cities). Afterwards every acknowledged write
 * is read back. Prints the figures and exits 1 unless: zero 5xx, zero lost writes, and the
 * server's RSS grew less than 20% from the first to the last 10 s.
 *
 * `npm run soak -- --hostile`: the same app under attack from one client (issue 16). For
 * SOAK_SECONDS (default 60, after the warm-up) one hostile client (loopback address
 * 127.0.0.66, SOAK_HOSTILE_CONCURRENCY connections, default 16) sends distinct expensive
 * requests back to back (GraphQL lists near and over the cost budget, alias floods, wide REST
 * populates), while SOAK_CONCURRENCY normal readers (each its own loopback address, one request
 * every SOAK_READER_INTERVAL_MS, default 250) read and one writer writes with an API token, and
 * /_health is probed every 200 ms. Prints the normal readers' p50/p99, the hostile requests
 * refused (400 over a limit, 429 rate limited, 503 busy), /_health latency and the RSS; exits 1
 * unless the normal readers' p99 < 500 ms, /_health < 200 ms, no 5xx other than the documented
 * 503 (to the hostile client), and no lost write. It also prints the server's event-loop delay and
 * GC pauses (scripts/lib/event-loop-probe.cjs, preloaded) and, for the slowest /_health probes,
 * what the server's event loop did meanwhile.
 *
 * SOAK_CPU_PROF_DIR=dir: the server runs with `node --cpu-prof` and writes its profile there.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileApp } from './lib/compile-app';
import { freePort } from './lib/free-port';
import { freshSecrets } from '../src/lib/security/secrets';
import { SERVER_NODE_FLAGS } from './lib/server-node-flags';

const APP_DIR = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = 10;
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const WRITE_SHARE = 0.1;
const MAX_RSS_GROWTH = 0.2;
const HOSTILE = process.argv.includes('--hostile');
const HOSTILE_CONCURRENCY = Number(process.env.SOAK_HOSTILE_CONCURRENCY ?? 16);
const READER_INTERVAL_MS = Number(process.env.SOAK_READER_INTERVAL_MS ?? 250);
const MAX_READER_P99_MS = 500;
const MAX_HEALTH_MS = 200;

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
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const probeFile = path.join(dir, 'event-loop.jsonl');
  const nodeArgs = [
    // As `npm start` runs the server.
    ...SERVER_NODE_FLAGS,
    // The server's event-loop delay and GC pauses, second by second.
    `--require=${path.join(__dirname, 'lib', 'event-loop-probe.cjs')}`,
    // SOAK_CPU_PROF_DIR: a V8 CPU profile of the server, written there when it stops.
    ...(process.env.SOAK_CPU_PROF_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.SOAK_CPU_PROF_DIR)}`]
      : []),
  ];
  const strapiBin = path.join(APP_DIR, 'node_modules', '.bin', 'strapi');
  const child = spawn(process.execPath, [...nodeArgs, strapiBin, 'start'], {
    cwd: APP_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'soak.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_LOG_LEVEL: 'error',
      EVENT_LOOP_PROBE_FILE: probeFile,
      ...freshSecrets(),
    },
  });
  try {
    const bootStarted = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`strapi start exited with ${child.exitCode}`);
      const healthy = await fetch(`${base}/_health`).then(
        (res) => res.status === 204,
        () => false
      );
      if (healthy) break;
      if (Date.now() - bootStarted > 300_000) throw new Error('strapi start not healthy in 300 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`Server up (seeded) in ${((Date.now() - bootStarted) / 1000).toFixed(0)} s`);

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
    const token = ((await tokenRes.json()) as { data: { accessKey: string } }).data.accessKey;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    if (HOSTILE) return await runHostile(port, token, child.pid ?? 0, probeFile);

    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    const kinds = { rest: 0, graphql: 0, create: 0, update: 0 };
    /** documentId → the name its last acknowledged write set. */
    const acknowledged = new Map<string, string>();
    let errors = 0;
    let sequence = 0;
    let measuring = false;
    let stop = false;

    const request = async (): Promise<void> => {
      const roll = Math.random();
      const started = Date.now();
      let res: Response;
      if (roll < WRITE_SHARE) {
        const existing = [...acknowledged.keys()];
        const name = `Soak ${(sequence += 1)}`;
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
      if (measuring) {
        latencies.push(Date.now() - started);
        statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
      }
    };
    const client = async () => {
      while (!stop) {
        await request().catch(() => {
          errors += 1;
        });
      }
    };

    const clients = Array.from({ length: CONCURRENCY }, client);
    await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
    measuring = true;
    Object.assign(kinds, { rest: 0, graphql: 0, create: 0, update: 0 });
    const rss: Array<{ second: number; mb: number }> = [];
    const measureStarted = Date.now();
    const sampler = setInterval(() => {
      if (child.pid)
        rss.push({ second: (Date.now() - measureStarted) / 1000, mb: rssMegabytes(child.pid) });
    }, 1000);
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    stop = true;
    clearInterval(sampler);
    await Promise.all(clients);

    let lost = 0;
    for (const [documentId, name] of acknowledged) {
      const res = await fetch(`${base}/api/cities/${documentId}?locale=de`, { headers: auth });
      const body = (await res.json()) as { data?: { name?: string } };
      if (res.status !== 200 || body.data?.name !== name) lost += 1;
    }

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

    const failures = [
      ...(fivexx > 0 ? [`${fivexx} responses with 5xx`] : []),
      ...(errors > 0 ? [`${errors} network errors`] : []),
      ...(lost > 0 ? [`${lost} lost writes`] : []),
      ...(!(growth < MAX_RSS_GROWTH) ? [`RSS grew ${(growth * 100).toFixed(1)}% (limit 20%)`] : []),
    ];
    console.log(failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve(null) : child.once('exit', resolve)
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Timed {
  status: number;
  ms: number;
}

/** One HTTP request over `agent` (which fixes the client's loopback address). */
function send(
  agent: http.Agent,
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: options.method ?? (options.body ? 'POST' : 'GET'),
        headers: {
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started })
        );
      }
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const clientAgent = (localAddress: string, maxSockets: number) =>
  new http.Agent({ keepAlive: true, maxSockets, localAddress } as http.AgentOptions);

/** A distinct expensive request each time, as an attacker avoiding the cache would send. */
function hostileRequest(n: number): { path: string; body?: string } {
  const gql = (query: string) => ({ path: '/graphql', body: JSON.stringify({ query }) });
  switch (n % 4) {
    case 0: {
      // Under the default budget (cost ≈ 51 × pageSize ≤ 4998): accepted, then limited.
      const pageSize = 60 + (n % 38);
      return gql(
        `{ countries(pagination: { pageSize: ${pageSize} }, filters: { name: { notContains: "${n}" } }) { name cities { name country { name } } } }`
      );
    }
    case 1:
      // The attack of issue 16: hundreds of aliases of a full page.
      return gql(
        `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: cities(pagination: { pageSize: 100 }, filters: { name: { notContains: "${n}" } }) { name country { name } }`).join(' ')} }`
      );
    case 2:
      // Over the cost budget.
      return gql(
        `{ countries(pagination: { pageSize: 100 }, filters: { name: { notContains: "${n}" } }) { cities(pagination: { pageSize: 100 }) { name country { name } } } }`
      );
    default:
      return {
        path: `/api/cities?populate=*&pagination[pageSize]=100&filters[name][$notContains]=${n}`,
      };
  }
}

/** One second of the server's event loop, as scripts/lib/event-loop-probe.cjs writes it. */
interface LoopSecond {
  t: number;
  p50: number;
  p99: number;
  max: number;
  gc: { count: number; totalMs: number; maxMs: number; majorMaxMs: number };
  heapMb: number;
}

function readLoopSeconds(file: string, from: number, to: number): LoopSecond[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LoopSecond)
    .filter((second) => second.t > from && second.t <= to + 1000);
}

async function runHostile(
  port: number,
  token: string,
  pid: number,
  probeFile: string
): Promise<number> {
  const auth = { Authorization: `Bearer ${token}` };
  let measuring = false;
  let stop = false;
  const readerLatencies: number[] = [];
  /** When each measured /_health probe was sent (epoch ms) and how long it took. */
  const healthProbes: Array<{ at: number; ms: number }> = [];
  const readerStatuses = new Map<number, number>();
  const hostileStatuses = new Map<number, number>();
  const count = (map: Map<number, number>, status: number) =>
    map.set(status, (map.get(status) ?? 0) + 1);
  let networkErrors = 0;
  let sequence = 0;
  const acknowledged = new Map<string, string>();

  const reader = async (index: number) => {
    const agent = clientAgent(`127.0.0.${10 + index}`, 1);
    while (!stop) {
      const started = Date.now();
      const useGraphql = Math.random() < 0.4;
      const res = await (
        useGraphql
          ? send(agent, port, '/graphql', { body: JSON.stringify({ query: pick(QUERIES) }) })
          : send(agent, port, pick(READS))
      ).catch(() => null);
      if (!res) networkErrors += 1;
      else if (measuring) {
        readerLatencies.push(res.ms);
        count(readerStatuses, res.status);
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, READER_INTERVAL_MS - (Date.now() - started)))
      );
    }
    agent.destroy();
  };

  // Writes invalidate the cache, so readers keep reaching the miss path (API token: not limited).
  const writer = async () => {
    const agent = clientAgent('127.0.0.9', 1);
    while (!stop) {
      const name = `Soak ${(sequence += 1)}`;
      const existing = [...acknowledged.keys()];
      const headers = { ...auth, 'Content-Type': 'application/json' };
      const body = JSON.stringify({ data: { name, memberSince: 2024 } });
      if (existing.length > 0 && sequence % 2 === 0) {
        const documentId = pick(existing);
        const res = await send(agent, port, `/api/cities/${documentId}?locale=de`, {
          method: 'PUT',
          headers,
          body,
        }).catch(() => null);
        if (res?.status === 200) acknowledged.set(documentId, name);
      } else {
        const created = await fetch(`http://127.0.0.1:${port}/api/cities?locale=de`, {
          method: 'POST',
          headers,
          body,
        }).catch(() => null);
        if (created?.status === 201) {
          const json = (await created.json()) as { data: { documentId: string } };
          acknowledged.set(json.data.documentId, name);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    agent.destroy();
  };

  const hostileAgent = clientAgent('127.0.0.66', HOSTILE_CONCURRENCY);
  let hostileSequence = 0;
  const hostile = async () => {
    while (!stop) {
      const { path: target, body } = hostileRequest((hostileSequence += 1));
      const res = await send(hostileAgent, port, target, { body }).catch(() => null);
      if (!res) networkErrors += 1;
      else if (measuring) count(hostileStatuses, res.status);
    }
  };

  const health = async () => {
    const agent = clientAgent('127.0.0.2', 1);
    while (!stop) {
      const at = Date.now();
      const res = await send(agent, port, '/_health').catch(() => null);
      if (!res) networkErrors += 1;
      else if (measuring) healthProbes.push({ at, ms: res.ms });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    agent.destroy();
  };

  const tasks = [
    ...Array.from({ length: CONCURRENCY }, (_, i) => reader(i)),
    writer(),
    health(),
    ...Array.from({ length: HOSTILE_CONCURRENCY }, hostile),
  ];
  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  measuring = true;
  // This process's own stalls delay its timings too: reported so they are not blamed on the server.
  const ownLoop = monitorEventLoopDelay({ resolution: 10 });
  ownLoop.enable();
  const measureStarted = Date.now();
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMegabytes(pid)), 1000);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  stop = true;
  const measureEnded = Date.now();
  ownLoop.disable();
  clearInterval(sampler);
  await Promise.all(tasks);
  hostileAgent.destroy();

  let lost = 0;
  for (const [documentId, name] of acknowledged) {
    const res = await fetch(`http://127.0.0.1:${port}/api/cities/${documentId}?locale=de`, {
      headers: auth,
    });
    const body = (await res.json()) as { data?: { name?: string } };
    if (res.status !== 200 || body.data?.name !== name) lost += 1;
  }

  const sortedReaders = [...readerLatencies].sort((a, b) => a - b);
  const sortedHealth = healthProbes.map((probe) => probe.ms).sort((a, b) => a - b);
  const slowHealth = healthProbes.filter((probe) => probe.ms >= MAX_HEALTH_MS);
  const loop = readLoopSeconds(probeFile, measureStarted, measureEnded);
  const loopSorted = (pick: (second: LoopSecond) => number) => loop.map(pick).sort((a, b) => a - b);
  const loopP99s = loopSorted((second) => second.p99);
  const maxOf = (values: number[]) => values.reduce((max, v) => Math.max(max, v), 0);
  const ownMs = (ns: number) => (ns / 1e6).toFixed(0);
  const format = (map: Map<number, number>) =>
    [...map]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(', ');
  const total = (map: Map<number, number>, pred: (status: number) => boolean) =>
    [...map].filter(([status]) => pred(status)).reduce((sum, [, n]) => sum + n, 0);
  const readerP99 = percentile(sortedReaders, 0.99);
  const healthMax = sortedHealth[sortedHealth.length - 1] ?? 0;
  const readerFivexx = total(readerStatuses, (status) => status >= 500);
  const hostileFivexx = total(hostileStatuses, (status) => status >= 500 && status !== 503);
  const refused = total(hostileStatuses, (status) => [400, 429, 503].includes(status));
  const hostileTotal = total(hostileStatuses, () => true);

  console.log(
    `\nSoak --hostile: ${SECONDS} s measured (+${WARMUP_SECONDS} s warm-up), loopback; ${CONCURRENCY} normal readers (one request per ${READER_INTERVAL_MS} ms each), 1 writer, 1 hostile client × ${HOSTILE_CONCURRENCY} connections`
  );
  console.log(
    `normal readers: ${readerLatencies.length} requests, statuses ${format(readerStatuses)}; latency ms p50 ${percentile(sortedReaders, 0.5).toFixed(0)}, p99 ${readerP99.toFixed(0)}, max ${(sortedReaders[sortedReaders.length - 1] ?? 0).toFixed(0)}`
  );
  console.log(
    `hostile client: ${hostileTotal} requests, statuses ${format(hostileStatuses)}; refused ${refused} (${((refused / Math.max(1, hostileTotal)) * 100).toFixed(1)}%)`
  );
  console.log(
    `/_health: ${sortedHealth.length} probes, p50 ${percentile(sortedHealth, 0.5).toFixed(0)} ms, p99 ${percentile(sortedHealth, 0.99).toFixed(0)} ms, max ${healthMax.toFixed(1)} ms; ${slowHealth.length} (${((slowHealth.length / Math.max(1, sortedHealth.length)) * 100).toFixed(1)}%) at or over ${MAX_HEALTH_MS} ms`
  );
  if (loop.length > 0) {
    console.log(
      `server event loop (${loop.length} s): delay p99 per second median ${percentile(loopP99s, 0.5)} ms, worst ${maxOf(loopP99s)} ms; max ${maxOf(loop.map((s) => s.max))} ms; seconds with a stall ≥ 100 ms: ${loop.filter((s) => s.max >= 100).length}; GC ${loop.reduce((sum, s) => sum + s.gc.totalMs, 0)} ms in total, longest pause ${maxOf(loop.map((s) => s.gc.maxMs))} ms (major ${maxOf(loop.map((s) => s.gc.majorMaxMs))} ms); heap max ${maxOf(loop.map((s) => s.heapMb))} MB`
    );
  }
  for (const probe of [...slowHealth].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    // The server's seconds that overlap the probe (each line covers the second before it).
    const around = loop.filter((s) => s.t > probe.at && s.t <= probe.at + probe.ms + 1000);
    console.log(
      `  slow /_health ${probe.ms.toFixed(0)} ms at +${((probe.at - measureStarted) / 1000).toFixed(1)} s: server loop max ${maxOf(around.map((s) => s.max))} ms, GC longest ${maxOf(around.map((s) => s.gc.maxMs))} ms`
    );
  }
  console.log(
    `soak client's own event loop: delay p99 ${ownMs(ownLoop.percentile(99))} ms, max ${ownMs(ownLoop.max)} ms`
  );
  console.log(
    `writes acknowledged: ${acknowledged.size} documents, lost: ${lost}; network errors: ${networkErrors}`
  );
  console.log(
    `RSS MB: min ${Math.min(...rss).toFixed(0)}, max ${Math.max(...rss).toFixed(0)}, last ${(rss[rss.length - 1] ?? 0).toFixed(0)}`
  );

  const failures = [
    ...(readerP99 >= MAX_READER_P99_MS ? [`normal readers' p99 ${readerP99.toFixed(0)} ms`] : []),
    ...(healthMax >= MAX_HEALTH_MS ? [`/_health took ${healthMax.toFixed(0)} ms`] : []),
    ...(readerFivexx > 0 ? [`${readerFivexx} 5xx to normal readers`] : []),
    ...(hostileFivexx > 0 ? [`${hostileFivexx} 5xx other than 503 to the hostile client`] : []),
    ...(lost > 0 ? [`${lost} lost writes`] : []),
    ...(networkErrors > 0 ? [`${networkErrors} network errors`] : []),
  ];
  console.log(failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
