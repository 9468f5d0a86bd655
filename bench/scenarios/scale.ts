/**
 * `npm run bench -- --scale 10,100 [--db sqlite,postgres]`: the app at 1× and at each factor of
 * today's cities per locale, on each database (default both): the seed, then the content grown
 * by ../generate-content.ts (bulk SQL copies, then the search index rebuilt), an uncached instance
 * started on it each time, and what a visitor, a crawler and a translator wait for, measured
 * sequentially (p50 of BENCH_SCALE_SAMPLES requests): cold start, list page 1, the last list page
 * (offset), a filter by relation, search, the sitemap, the XLIFF export and the import of its file
 * as a dry run, each with the instance's peak RSS during it, the translation status, and the RSS of a cached instance with its response cache full. Prints a table with the growth per step and writes it, with the
 * load average, to bench/<date>-scale.md. Throw-away databases only; each is removed at the end.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseEnv, runOnPostgresServer } from '../../scripts/lib/database-env';
import { apiToken, onFreshDatabases, startApp, stopAll, trackChild, type App } from '../lib/app';
import { BENCH_DIR, ROOT, SCALE_DATABASES, SCALES } from '../lib/options';
import { loadAverage } from '../lib/report';
import { LIST, SEARCH_PATH } from '../lib/requests';

const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 15);
/** Cities of one creative field: a filter through a relation. */
const FILTER =
  '/api/cities?locale=en&filters[creativeField][key][$eq]=music&pagination[pageSize]=25';

interface Figures {
  factor: number;
  citiesPerLocale: number;
  generationS: number | null;
  coldStartMs: number;
  listMs: number;
  deepPage: number;
  deepMs: number;
  filterMs: number;
  searchMs: number;
  sitemapMs: number;
  sitemapBytes: number;
  sitemapFiles: number;
  xliffMs: number;
  xliffBytes: number;
  /** Resident set before the export, and its peak during the export (reset in between). */
  rssBeforeXliffMb: number | null;
  peakRssMb: number | null;
  /** The import of the exported file as a dry run, and the peak resident set during it. */
  xliffImportMs: number;
  importPeakRssMb: number | null;
  statusMs: number;
  /** Resident set (MB) of a cached instance once its cache holds CACHE_MAX_BYTES of answers. */
  cacheFullRssMb: number | null;
  /** Bytes of distinct answers sent to fill it. */
  cacheFillBytes: number;
}

/** The response cache's byte limit of the measured instance (its default: 64 MiB). */
const CACHE_MAX_BYTES = Number(process.env.CACHE_MAX_BYTES ?? 64 * 1024 * 1024);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)].toFixed(1));
}

/** Milliseconds of one request (the body read to the end), failing on anything but 200. */
async function timed(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

async function p50(url: string, headers: Record<string, string> = {}): Promise<number> {
  await timed(url, headers);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) times.push((await timed(url, headers)).ms);
  return median(times);
}

/** VmHWM (peak resident set) of a process in MB, from /proc. */
async function peakRssMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

/**
 * Resets the peak resident set of a process to its current one (`clear_refs` 5, Linux ≥ 4.0), so
 * that the next VmHWM is the peak of what runs after: one request's, not the sitemap's before it.
 */
function resetPeakRss(pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** VmRSS (current resident set) of a process in MB, from /proc. */
function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

/**
 * Distinct anonymous list pages (populated, 100 per page, by locale, sort and page; then other
 * page sizes), each a miss the cache stores, until the answers sent add up to 1.25 × its byte
 * limit: past it the cache evicts, so it holds as much as it ever will. Then the instance's RSS.
 */
async function fillCache(base: string): Promise<{ bytes: number }> {
  let bytes = 0;
  const target = CACHE_MAX_BYTES * 1.25;
  for (let pageSize = 100; pageSize >= 20 && bytes < target; pageSize -= 1) {
    for (const locale of ['de', 'en']) {
      for (const sort of ['name', 'slug', 'memberSince', 'key']) {
        for (let page = 1; bytes < target; page++) {
          const url = `${base}/api/cities?locale=${locale}&sort=${sort}&populate=*&pagination[pageSize]=${pageSize}&pagination[page]=${page}`;
          const answer = await timed(url);
          const data = (JSON.parse(answer.body) as { data: unknown[] }).data;
          if (data.length === 0) break;
          bytes += Buffer.byteLength(answer.body);
        }
        if (bytes >= target) break;
      }
      if (bytes >= target) break;
    }
  }
  return { bytes };
}

/** Runs ../generate-content.ts against the database; its JSON line. */
async function generate(
  env: Record<string, string>,
  factor: number
): Promise<{ after: number; seconds: number; indexSeconds: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, 'generate-content.ts'), String(factor)],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  trackChild(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0)
    throw new Error(`generate-content ${factor}: exit ${code}: ${stderr.slice(-500)}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

async function measureApp(
  app: App,
  token: string
): Promise<Omit<Figures, 'factor' | 'generationS' | 'cacheFullRssMb' | 'cacheFillBytes'>> {
  const base = app.url;
  const auth = { Authorization: `Bearer ${token}` };
  const first = JSON.parse((await timed(`${base}${LIST}`)).body) as {
    meta: { pagination: { pageCount: number; total: number } };
  };
  const deepPage = first.meta.pagination.pageCount;
  const sitemap = await timed(`${base}/sitemap.xml`);
  let sitemapMs = sitemap.ms;
  let sitemapBytes = Buffer.byteLength(sitemap.body);
  const files = [...sitemap.body.matchAll(/<loc>([^<]+\/sitemap-[^<]+\.xml)<\/loc>/g)].map(
    (match) => new URL(match[1]).pathname
  );
  if (sitemap.body.includes('<sitemapindex')) {
    // Each file is computed on its own request: the slowest is what a crawler waits for.
    for (const file of files) {
      const answer = await timed(`${base}${file}`);
      sitemapMs = Math.max(sitemapMs, answer.ms);
      sitemapBytes += Buffer.byteLength(answer.body);
    }
  }
  const rssBeforeXliffMb = rssMb(app.child.pid);
  resetPeakRss(app.child.pid);
  const xliff = await timed(`${base}/api/translations/export?target=en&format=xliff2`, auth);
  const peak = await peakRssMb(app.child.pid);
  // The import of that file as a dry run (everything but the writes: parse, validate, plan).
  resetPeakRss(app.child.pid);
  const importStarted = performance.now();
  const imported = await fetch(`${base}/api/translations/import?dryRun=true`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/xliff+xml' },
    body: xliff.body,
  });
  const importAnswer = await imported.text();
  const xliffImportMs = performance.now() - importStarted;
  if (imported.status !== 200)
    throw new Error(`XLIFF import: ${imported.status} ${importAnswer.slice(0, 200)}`);
  const importPeakRssMb = await peakRssMb(app.child.pid);
  const status = await timed(`${base}/api/translations/status?target=en&documents=false`, auth);
  return {
    citiesPerLocale: first.meta.pagination.total,
    coldStartMs: app.coldStartMs,
    listMs: await p50(`${base}${LIST}`),
    deepPage,
    deepMs: await p50(`${base}${LIST}&pagination[page]=${deepPage}`),
    filterMs: await p50(`${base}${FILTER}`),
    searchMs: await p50(`${base}${SEARCH_PATH}`),
    sitemapMs: Math.round(sitemapMs),
    sitemapBytes,
    sitemapFiles: Math.max(1, files.length),
    xliffMs: Math.round(xliff.ms),
    xliffBytes: Buffer.byteLength(xliff.body),
    rssBeforeXliffMb,
    peakRssMb: peak,
    xliffImportMs: Math.round(xliffImportMs),
    importPeakRssMb,
    statusMs: Math.round(status.ms),
  };
}

/** × per 10× content between the first and the last factor. */
function growth(first: number, last: number, firstFactor: number, lastFactor: number): string {
  if (first <= 0 || lastFactor === firstFactor) return '–';
  return `${(last / first) ** (1 / Math.log10(lastFactor / firstFactor))}`.slice(0, 4);
}

function table(database: string, rows: Figures[]): string[] {
  const metrics: Array<[string, (row: Figures) => number | null]> = [
    ['cities per locale', (row) => row.citiesPerLocale],
    ['generation (s)', (row) => row.generationS],
    ['cold start to first 200 (ms)', (row) => row.coldStartMs],
    ['list page 1, p50 (ms)', (row) => row.listMs],
    ['last list page (offset), p50 (ms)', (row) => row.deepMs],
    ['filter by creative field, p50 (ms)', (row) => row.filterMs],
    ['search "san", p50 (ms)', (row) => row.searchMs],
    ['sitemap, slowest file (ms)', (row) => row.sitemapMs],
    ['sitemap bytes (all files)', (row) => row.sitemapBytes],
    ['sitemap files', (row) => row.sitemapFiles],
    ['XLIFF export en (ms)', (row) => row.xliffMs],
    ['XLIFF export bytes', (row) => row.xliffBytes],
    ['RSS before the export (MB)', (row) => row.rssBeforeXliffMb],
    ['peak RSS during the export (MB)', (row) => row.peakRssMb],
    ['XLIFF import dry run en (ms)', (row) => row.xliffImportMs],
    ['peak RSS during the import (MB)', (row) => row.importPeakRssMb],
    ['translation status (ms)', (row) => row.statusMs],
    ['RSS with the response cache full (MB)', (row) => row.cacheFullRssMb],
    ['answers sent to fill it (MB)', (row) => Math.round(row.cacheFillBytes / 1024 / 1024)],
  ];
  const first = rows[0];
  const last = rows[rows.length - 1];
  const lines = [
    `\n${database}:`,
    `| Measure | ${rows.map((row) => `${row.factor}×`).join(' | ')} | × per 10× content |`,
    `| --- | ${rows.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const [name, pick] of metrics) {
    const a = pick(first);
    const b = pick(last);
    lines.push(
      `| ${name} | ${rows.map((row) => pick(row) ?? '–').join(' | ')} | ${a !== null && b !== null && name !== 'generation (s)' ? growth(a, b, first.factor, last.factor) : '–'} |`
    );
  }
  return lines;
}

/** One database at every factor: seed, then grow, an uncached instance measured each time. */
async function scaleOn(database: 'sqlite' | 'postgres', databaseFile: string): Promise<Figures[]> {
  const pgName = `bench_scale_${process.pid}`;
  const env = databaseEnv(database === 'sqlite' ? `sqlite:${databaseFile}` : `postgres:${pgName}`);
  if (database === 'postgres') await runOnPostgresServer(`CREATE DATABASE ${pgName}`);
  const rows: Figures[] = [];
  try {
    console.log(`${database}: seeding…`);
    const seeder = await startApp(`seed ${database}`, databaseFile, env);
    const token = await apiToken(seeder.url, 'full-access', 'bench scale');
    seeder.child.kill('SIGTERM');
    await new Promise((resolve) => seeder.child.once('exit', resolve));
    for (const factor of [1, ...SCALES.filter((scale) => scale > 1)]) {
      let generationS: number | null = null;
      if (factor > 1) {
        const grown = await generate(env, factor);
        generationS = Number((grown.seconds + grown.indexSeconds).toFixed(1));
        console.log(
          `${database}: ${grown.after} cities per locale in ${grown.seconds} s, search index ${grown.indexSeconds} s`
        );
      }
      const app = await startApp(`${database} ${factor}×`, databaseFile, {
        ...env,
        CACHE_ENABLED: 'false',
        QUERY_COUNT_HEADER: 'false',
        // The full export is posted back as a dry run: room for it at 100× (about 30 MB).
        TRANSLATION_IMPORT_MAX_BYTES: String(512 * 1024 * 1024),
      });
      const measured = await measureApp(app, token);
      app.child.kill('SIGTERM');
      await new Promise((resolve) => app.child.once('exit', resolve));
      // A cached instance with its default limits, for the memory of a full response cache.
      const cached = await startApp(`${database} ${factor}× cached`, databaseFile, {
        ...env,
        QUERY_COUNT_HEADER: 'false',
      });
      const fill = await fillCache(cached.url);
      const cacheFullRssMb = rssMb(cached.child.pid);
      cached.child.kill('SIGTERM');
      await new Promise((resolve) => cached.child.once('exit', resolve));
      const figures: Figures = {
        factor,
        generationS,
        ...measured,
        cacheFullRssMb,
        cacheFillBytes: fill.bytes,
      };
      console.log(`${database} ${factor}×: ${JSON.stringify(figures)}`);
      rows.push(figures);
    }
  } finally {
    stopAll();
    if (database === 'postgres') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await runOnPostgresServer(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    }
  }
  return rows;
}

export async function scaleMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    const loadBefore = await loadAverage();
    const lines: string[] = [];
    for (const database of SCALE_DATABASES) {
      const rows = await scaleOn(database, databaseFile);
      lines.push(...table(database, rows));
      console.log(table(database, rows).join('\n'));
    }
    const loadAfter = await loadAverage();
    const date = new Date().toISOString().slice(0, 10);
    const file = path.join(BENCH_DIR, `${date}-scale.md`);
    const text = [
      `# Scale bench, ${new Date().toISOString()}`,
      '',
      `\`npm run bench -- --scale ${SCALES.join(',')} --db ${SCALE_DATABASES.join(',')}\`; uncached instances, p50 of ${SAMPLES} sequential requests. Load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after (2 cores, shared).`,
      ...lines,
      '',
    ].join('\n');
    writeFileSync(file, text);
    console.log(`\nLoad average: ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after`);
    console.log(`Written ${path.relative(ROOT, file)}`);
  });
}
