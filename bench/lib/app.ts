/**
 * The processes and files a bench run owns: app instances (ours and stock Strapi's), the bare Node
 * ceiling, their SQLite files, admin tokens. Everything started here is stopped by `stopAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { compileApp } from '../../scripts/lib/compile-app';
import { freePort } from '../../scripts/lib/free-port';
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags';
import { freshSecrets } from '../../src/lib/security/secrets';
import { createStockApp } from '../stock-app';
import { BENCH_DIR, ROOT } from './options';
import { LIST } from './requests';

/**
 * How long an instance may take to its first 200: a seed on a busy shared machine takes minutes
 * (over ten on PostgreSQL under a load average of 25; BENCH_BOOT_TIMEOUT_MINUTES overrides).
 */
const BOOT_TIMEOUT_MS = Number(process.env.BENCH_BOOT_TIMEOUT_MINUTES ?? 10) * 60 * 1000;

const children: ChildProcess[] = [];

/** Temporary directories and files to remove on exit, whatever the outcome. */
const temporaryDirs: string[] = [];
const temporaryFiles: string[] = [];

/** Registers a process this run started, so that `stopAll` stops it. */
export function trackChild(child: ChildProcess): void {
  children.push(child);
}

export function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const file of temporaryFiles.splice(0)) rmSync(file, { force: true });
}

/**
 * The frame of every scenario: fresh SQLite files (./benchDatabases), the app compiled, then
 * `body`; whatever happens, every process started is stopped and the files are removed.
 */
export async function onFreshDatabases(
  body: (files: { databaseFile: string; stockDatabaseFile: string }) => Promise<void>
): Promise<void> {
  const { databaseFile, stockDatabaseFile, removeDatabase } = benchDatabases();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  try {
    await body({ databaseFile, stockDatabaseFile });
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}

const secrets = {
  ...freshSecrets(),
};

export interface App {
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

export async function startApp(
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
    await waitFor200(`${url}${LIST}`, child, Date.now() + BOOT_TIMEOUT_MS);
  } catch (error) {
    console.error(output.join(''));
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return { name, url, child, output, coldStartMs: Date.now() - started };
}

export async function startCeiling(capture: {
  headers: Record<string, string>;
  body: Buffer;
}): Promise<string> {
  const port = await freePort();
  const file = path.join(ROOT, '.tmp', `bench-ceiling-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify({ headers: capture.headers, body: capture.body.toString('base64') })
  );
  temporaryFiles.push(file);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, 'ceiling-server.ts'), file, String(port)],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

/**
 * The run's SQLite files under .tmp (the app's and stock Strapi's copy), removed now so a run
 * starts empty; `removeDatabase` removes them again at the end, with their WAL files.
 */
export function benchDatabases(): {
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
export async function startStockOnCopy(
  databaseFile: string,
  stockDatabaseFile: string
): Promise<App> {
  console.log('Starting stock Strapi on a copy of the seeded database…');
  const source = new Database(databaseFile);
  source.exec(`VACUUM INTO '${stockDatabaseFile.replace(/'/g, "''")}'`);
  source.close();
  const stockDir = createStockApp(ROOT);
  temporaryDirs.push(stockDir);
  return startApp('stock', stockDatabaseFile, { DATABASE_FILENAME: stockDatabaseFile }, stockDir);
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
export async function apiToken(
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
