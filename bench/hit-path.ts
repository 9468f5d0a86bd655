/**
 * `npx tsx bench/hit-path.ts`: the cached anonymous REST list against a bare Node.js server that
 * sends the same bytes and headers (the ceiling, ./ceiling-server.ts), in alternating rounds on
 * this machine: `wrk -t2 -c16` and `autocannon -c16` (one Node process, which tops out below the
 * ceiling's capacity), best of the rounds each, and the ratio app / ceiling. Prints a Markdown
 * table with the load average before and after. Options (environment): HIT_PATH_ROUNDS (3),
 * HIT_PATH_DURATION seconds per round (5), HIT_PATH_DATABASE (a seeded SQLite file to reuse;
 * default a fresh one, seeded at start and removed at the end), HIT_PATH_COMPILE=false (use the
 * compiled `dist/` as it is).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { compileApp } from '../scripts/lib/compile-app';
import { SERVER_NODE_FLAGS } from '../scripts/lib/server-node-flags';
import { freshSecrets } from '../src/lib/security/secrets';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.HIT_PATH_ROUNDS ?? 3);
const DURATION = Number(process.env.HIT_PATH_DURATION ?? 5);
const CONNECTIONS = 16;
const LIST = '/api/cities?locale=en&pagination[pageSize]=25';
const APP_PORT = 15410;
const CEILING_PORT = 15411;
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => existsSync(file));
/** Connection-level and per-request headers the ceiling leaves to Node (as the bench does). */
const NOT_REPLAYED = ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'];

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};

async function waitFor200(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5 * 60 * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no 200 from ${url} in time`);
}

function startApp(databaseFile: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...freshSecrets(),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(APP_PORT),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: databaseFile,
        SERVE_ADMIN_PANEL: 'false',
        STRAPI_TELEMETRY_DISABLED: 'true',
        STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
        STRAPI_LOG_LEVEL: 'info',
        // As in `npm run bench`: the hits are measured, not api-guards' byte budget (which a
        // single load generator spends in a second; its guard still runs on every hit).
        API_RATELIMIT_ENABLED: 'false',
      },
      stdio: 'ignore',
    }
  );
  children.push(child);
  return child;
}

/** Requests per second of one round against `url` with the given tool. */
function round(tool: 'wrk' | 'autocannon', url: string): number {
  if (tool === 'wrk') {
    const out = execFileSync(WRK as string, ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}s`, url], {
      encoding: 'utf8',
    });
    const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
    if (errors) throw new Error(`wrk: ${errors[1]} non-2xx answers from ${url}`);
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  }
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/autocannon'),
    ['-c', String(CONNECTIONS), '-d', String(DURATION), '-j', url],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
  );
  const result = JSON.parse(out) as { requests: { average: number }; non2xx: number };
  if (result.non2xx > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx answers`);
  return result.requests.average;
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  if (!WRK) throw new Error('wrk is not installed (apt-get install wrk)');
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const fresh = process.env.HIT_PATH_DATABASE === undefined;
  const databaseFile =
    process.env.HIT_PATH_DATABASE ?? path.join(ROOT, '.tmp', `hit-path-${process.pid}.db`);
  const captureFile = path.join(ROOT, '.tmp', `hit-path-${process.pid}.json`);
  try {
    if (process.env.HIT_PATH_COMPILE !== 'false') {
      console.log('Compiling the app…');
      await compileApp({ appDir: ROOT });
    }
    console.log('Starting the app (a fresh database is seeded first)…');
    const app = startApp(databaseFile);
    const appUrl = `http://127.0.0.1:${APP_PORT}${LIST}`;
    await waitFor200(appUrl, app);
    const response = await fetch(appUrl);
    const hit = await fetch(appUrl);
    if (hit.headers.get('x-cache') !== 'HIT') throw new Error('the second request was no hit');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!NOT_REPLAYED.includes(name)) headers[name] = value;
    });
    const body = Buffer.from(await response.arrayBuffer());
    writeFileSync(captureFile, JSON.stringify({ headers, body: body.toString('base64') }));
    const ceiling = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'ceiling-server.ts'),
        captureFile,
        String(CEILING_PORT),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }
    );
    children.push(ceiling);
    await new Promise((resolve) => ceiling.once('message', resolve));
    const ceilingUrl = `http://127.0.0.1:${CEILING_PORT}/`;

    const before = load();
    const figures = {
      wrk: { app: [] as number[], ceiling: [] as number[] },
      autocannon: { app: [] as number[], ceiling: [] as number[] },
    };
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const tool of ['wrk', 'autocannon'] as const) {
        figures[tool].app.push(round(tool, appUrl));
        figures[tool].ceiling.push(round(tool, ceilingUrl));
        console.log(
          `round ${i + 1} ${tool}: app ${Math.round(figures[tool].app[i])}, ceiling ${Math.round(figures[tool].ceiling[i])} req/s`
        );
      }
    }
    const after = load();
    console.log(
      `\nCached REST list \`${LIST}\` (${body.length} bytes), ${ROUNDS} alternating rounds of ${DURATION} s, -c ${CONNECTIONS}; load average ${before} before, ${after} after.\n`
    );
    console.log(
      '| Tool | app req/s (best) | ceiling req/s (best) | app / ceiling | rounds (app / ceiling) |'
    );
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const tool of ['wrk', 'autocannon'] as const) {
      const app = Math.max(...figures[tool].app);
      const top = Math.max(...figures[tool].ceiling);
      const rounds = figures[tool].app
        .map((value, i) => `${Math.round(value)} / ${Math.round(figures[tool].ceiling[i])}`)
        .join('; ');
      console.log(
        `| ${tool} | ${Math.round(app)} | ${Math.round(top)} | ${(app / top).toFixed(2)} | ${rounds} |`
      );
    }
  } finally {
    stopAll();
    rmSync(captureFile, { force: true });
    if (fresh)
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(`${databaseFile}${suffix}`, { force: true });
  }
}

const timeout = setTimeout(
  () => {
    console.error('hit-path bench: over 20 minutes, stopped');
    stopAll();
    process.exit(1);
  },
  20 * 60 * 1000
);
main()
  .then(() => clearTimeout(timeout))
  .catch((error: Error) => {
    console.error(error);
    stopAll();
    process.exitCode = 1;
    clearTimeout(timeout);
  });
