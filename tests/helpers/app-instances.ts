/**
 * Instances of the compiled app in child processes on one throw-away PostgreSQL database, as
 * behind a load balancer: for the integration tests that need more than the one app jest boots
 * (several instances, a restart, a process the test stops), and the one way they wait for an
 * instance: until it answers `/_health`, and until a read on it shows a change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { databaseEnv } from '../../scripts/lib/database-env';
import { freePort } from '../../scripts/lib/free-port';
import { until } from './until';

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the instance wrote to stdout and stderr. */
  log: string[];
}

/** The response cache on, its invalidation bus the one `auto` picks (PostgreSQL LISTEN/NOTIFY). */
export const RESPONSE_CACHE_ON: Readonly<Record<string, string>> = {
  CACHE_ENABLED: 'true',
  CACHE_BUS: 'auto',
  REDIS_URL: '',
};

/**
 * Resolves once the app on `url` answers `/_health` with 204; fails at once when `child` exits
 * first, and after `timeoutMs`, either way with the process's `output`.
 */
export async function untilHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 180_000
): Promise<void> {
  await until(
    `the instance at ${url} answers /_health`,
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`the instance exited with ${child.exitCode}:\n${output()}`);
      }
      // Not listening yet is a refused connection: not ready.
      return fetch(`${url}/_health`)
        .then((res) => res.status === 204)
        .catch(() => false);
    },
    { timeoutMs, everyMs: 200 }
  ).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes(output()) ? message : `${message}:\n${output()}`);
  });
}

/** An anonymous read of an instance: status, body and `X-Cache`. */
export interface Read {
  status: number;
  body: {
    data?: Array<{ title?: string; name?: string; locale?: string; code?: string }> | null;
    error?: { message: string };
  };
  cache?: string;
}

/** Reads `path` on `url` (anonymously unless `headers` say otherwise). */
export async function read(
  url: string,
  path: string,
  headers: Record<string, string> = {}
): Promise<Read> {
  const res = await request(url).get(path).set(headers);
  return { status: res.status, body: res.body, cache: res.headers['x-cache'] };
}

/**
 * Reads `path` on `url` until `matches`; resolves with the milliseconds it took (the poll
 * interval, 25 ms, is the resolution of that figure), throws after 5 s with the last answer.
 * How a test sees a change made elsewhere (another instance, the bus, a proxy) arrive.
 */
export async function seenWithin(
  url: string,
  path: string,
  matches: (read: Read) => boolean,
  headers: Record<string, string> = {}
): Promise<number> {
  const started = Date.now();
  let last: Read | undefined;
  await until(
    `${path} on ${url} shows the change`,
    async () => {
      last = await read(url, path, headers);
      return matches(last);
    },
    { timeoutMs: 5000, everyMs: 25 }
  ).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (last answer: ${JSON.stringify(last)})`
    );
  });
  return Date.now() - started;
}

/** The matcher of a read whose first entry has `title`. */
export const firstTitleIs =
  (title: string) =>
  (read: Read): boolean =>
    read.status === 200 && read.body.data?.[0]?.title === title;

/**
 * Starts the app on a free port against the PostgreSQL `database` (no seed, no admin panel, no
 * API rate limit, `warn` logs; `env` overrides); resolves once `/_health` answers.
 */
export async function startInstance(
  database: string,
  env: Record<string, string> = {}
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...databaseEnv(`postgres:${database}`),
      SEED_ON_BOOTSTRAP: 'false',
      SERVE_ADMIN_PANEL: 'false',
      API_RATELIMIT_ENABLED: 'false',
      STRAPI_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child, () => log.join(''));
  return { url, port, child, log };
}

/** Stops a child process (SIGTERM, then SIGKILL after 10 s). */
export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Registers the first admin on `url` (named `name`) and returns a new API token of `type`. */
export async function createApiToken(
  url: string,
  type: 'full-access' | 'read-only',
  name = 'Cache'
): Promise<{ accessKey: string; adminJwt: string; id: number }> {
  const registered = await request(url)
    .post('/admin/register-admin')
    .send({
      email: `${name.toLowerCase()}-test@example.org`,
      password: `${name}-test-1234`,
      firstname: name,
      lastname: 'Test',
    })
    .expect(200);
  const adminJwt = registered.body.data.token as string;
  const apiToken = await request(url)
    .post('/admin/api-tokens')
    .set('Authorization', `Bearer ${adminJwt}`)
    .send({ name: `${name.toLowerCase()} test ${type}`, type, lifespan: null });
  if (apiToken.status >= 300) throw new Error(`could not create a token: ${apiToken.text}`);
  return { accessKey: apiToken.body.data.accessKey, adminJwt, id: apiToken.body.data.id };
}
