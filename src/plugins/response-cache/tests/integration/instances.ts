/**
 * App instances for the integration tests: the compiled app in child processes on one throw-away
 * PostgreSQL database, as behind a load balancer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { databaseEnv } from '../../../../../scripts/lib/database-env';
import { freePort } from '../../../../../scripts/lib/free-port';

const APP_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..');

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  log: string[];
}

/** Starts the app on a free port against `database`; resolves once `/_health` answers. */
export async function startInstance(
  database: string,
  env: Record<string, string> = {}
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: APP_DIR,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ...databaseEnv(`postgres:${database}`),
        SEED_ON_BOOTSTRAP: 'false',
        SERVE_ADMIN_PANEL: 'false',
        CACHE_ENABLED: 'true',
        CACHE_BUS: 'auto',
        REDIS_URL: '',
        API_RATELIMIT_ENABLED: 'false',
        STRAPI_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  const log: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance exited: ${log.join('')}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return { url, port, child, log };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance did not start: ${log.join('')}`);
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

/** Registers the first admin on `url` and returns a new API token of `type`. */
export async function createApiToken(
  url: string,
  type: 'full-access' | 'read-only'
): Promise<{ accessKey: string; adminJwt: string; id: number }> {
  const registered = await request(url)
    .post('/admin/register-admin')
    .send({
      email: 'cache-test@example.org',
      password: 'Cache-test-1234',
      firstname: 'Cache',
      lastname: 'Test',
    })
    .expect(200);
  const adminJwt = registered.body.data.token as string;
  const apiToken = await request(url)
    .post('/admin/api-tokens')
    .set('Authorization', `Bearer ${adminJwt}`)
    .send({ name: `cache test ${type}`, type, lifespan: null });
  if (apiToken.status >= 300) throw new Error(`could not create a token: ${apiToken.text}`);
  return { accessKey: apiToken.body.data.accessKey, adminJwt, id: apiToken.body.data.id };
}

/**
 * Polls an anonymous read until `matches(body)`; resolves with the milliseconds it took, throws
 * after 5 s.
 */
export async function waitFor(
  url: string,
  path: string,
  matches: (body: { data: Array<{ title?: string; name?: string }> | null }) => boolean,
  headers: Record<string, string> = {}
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 5000) {
    const res = await request(url).get(path).set(headers);
    if (res.status === 200 && matches(res.body)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} on ${url} did not show the change within 5 s`);
}
