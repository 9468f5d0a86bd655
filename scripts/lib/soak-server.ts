/**
 * The server both soaks run (`npm run soak`, scripts/soak.ts, and `npm run soak -- --hostile`,
 * scripts/hostile-soak/): the compiled app started as `npm start` starts it (production mode, the
 * same Node flags), on a free loopback port and a throw-away SQLite database, with the event-loop
 * probe preloaded; ready when `/_health` answers; stopped with SIGTERM (SIGKILL after 10 s).
 * The hostile soak sends its stderr to a file (under some attacks the server logs a line per
 * refused request, which must not flood the report); the plain soak passes it through.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { freshSecrets } from '../../src/lib/security/secrets';
import { SERVER_NODE_FLAGS } from './server-node-flags';

const APP_DIR = path.resolve(__dirname, '..', '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SoakServer {
  port: number;
  pid: number;
  base: string;
  eventLoopFile: string;
  errorLogFile: string;
  /** Kills the process (a server stuck in synchronous work does not handle SIGTERM) and starts it again on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function healthy(base: string): Promise<boolean> {
  return fetch(`${base}/_health`, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.status === 204,
    () => false
  );
}

/** Waits until `/_health` answers 204 within a second; false when `seconds` pass first. */
export async function waitHealthy(base: string, seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await healthy(base)) return true;
    await sleep(500);
  }
  return false;
}

/** `SOAK_CPU_PROF_DIR=dir`: the server runs with `--cpu-prof` and writes its profile there on exit. */
export function cpuProfileFlags(): string[] {
  const dir = process.env.SOAK_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

export async function startServer(options: {
  dir: string;
  port: number;
  env: Record<string, string>;
  /** Node flags instead of the production server's (to compare a setting). */
  nodeFlags?: readonly string[];
  /** Node flags besides those (a CPU profile). */
  extraNodeFlags?: readonly string[];
  /** `'file'` (the default): stderr to `errorLogFile`; `'inherit'`: this process's stderr. */
  stderr?: 'file' | 'inherit';
}): Promise<SoakServer> {
  const { dir, port } = options;
  const base = `http://127.0.0.1:${port}`;
  const eventLoopFile = path.join(dir, 'event-loop.jsonl');
  const errorLogFile = path.join(dir, 'server-stderr.log');
  // Always a throw-away SQLite database; secrets fixed for the run, so a restart reads it again.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_'))
  );
  const env = {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'soak.db'),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: 'error',
    EVENT_LOOP_PROBE_FILE: eventLoopFile,
    ...freshSecrets(),
    ...options.env,
  };
  let child: ChildProcess;
  const spawnServer = async () => {
    const stderr = options.stderr === 'inherit' ? 'inherit' : openSync(errorLogFile, 'a');
    child = spawn(
      process.execPath,
      [
        ...(options.nodeFlags ?? SERVER_NODE_FLAGS),
        ...(options.extraNodeFlags ?? []),
        // The server's event-loop delay and GC pauses, second by second.
        `--require=${path.join(__dirname, 'event-loop-probe.cjs')}`,
        path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
        'start',
      ],
      { cwd: APP_DIR, stdio: ['ignore', 'ignore', stderr], env }
    );
    if (typeof stderr === 'number') closeSync(stderr);
    const started = Date.now();
    while (!(await healthy(base))) {
      if (child.exitCode !== null)
        throw new Error(
          options.stderr === 'inherit'
            ? `strapi start exited with ${child.exitCode}`
            : `strapi start exited with ${child.exitCode}:\n${readFileSync(errorLogFile, 'utf8').slice(-2000)}`
        );
      if (Date.now() - started > 300_000) {
        // Nothing the soak starts may outlive it: the caller never gets this server to stop.
        child.kill('SIGKILL');
        throw new Error('strapi start not healthy in 300 s (killed)');
      }
      await sleep(500);
    }
  };
  const exited = () =>
    new Promise((resolve) =>
      child.exitCode !== null ? resolve(null) : child.once('exit', resolve)
    );
  await spawnServer();
  const server: SoakServer = {
    port,
    base,
    eventLoopFile,
    errorLogFile,
    get pid() {
      return child.pid ?? 0;
    },
    async restart() {
      child.kill('SIGKILL');
      await exited();
      await spawnServer();
    },
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited();
      clearTimeout(killer);
    },
  };
  return server;
}

/** Bytes the server has written to stderr so far (error logs: a 500's stack, a refused body). */
export function errorLogBytes(server: SoakServer): number {
  try {
    return statSync(server.errorLogFile).size;
  } catch {
    return 0;
  }
}
