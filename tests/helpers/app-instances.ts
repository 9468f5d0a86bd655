/**
 * Instances of the compiled app in child processes on one throw-away PostgreSQL database, as
 * behind a load balancer: for the integration tests that need more than the one app jest boots
 * (several instances, a restart, a process the test stops).
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
  await until(
    `the instance on port ${port} answers /_health`,
    async () => {
      if (child.exitCode !== null) throw new Error(`instance exited: ${log.join('')}`);
      return fetch(`${url}/_health`)
        .then((res) => res.status === 204)
        .catch(() => false);
    },
    { timeoutMs: 180_000, everyMs: 200 }
  );
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
