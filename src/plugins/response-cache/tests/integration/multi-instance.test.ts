/**
 * Two instances of the compiled app (child processes) on one PostgreSQL database, as behind a load
 * balancer: a write on one must reach the other's cache within a second (PostgreSQL LISTEN/NOTIFY,
 * the bus `auto` picks on PostgreSQL). It creates its own throw-away database and drops it after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { databaseEnv, runOnPostgresServer } from '../../../../../scripts/lib/database-env';
import { freePort } from '../../../../../scripts/lib/free-port';
import { requirePostgres } from './services';

const APP_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..');
const database = `ccn_cache_${process.pid}_${Date.now()}`;

interface Instance {
  url: string;
  child: ChildProcess;
  log: string[];
}

async function startInstance(): Promise<Instance> {
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
        STRAPI_LOG_LEVEL: 'warn',
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
      if ((await fetch(`${url}/_health`)).status === 204) return { url, child, log };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance did not start: ${log.join('')}`);
}

async function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls an anonymous read until it returns `title`; resolves with the milliseconds it took. */
async function waitForTitle(url: string, path: string, title: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 5000) {
    const res = await request(url).get(path);
    if (res.status === 200 && res.body.data[0]?.title === title) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`"${title}" not visible on ${url} within 5 s`);
}

describe('response cache across two instances on one PostgreSQL database', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let token = '';

  beforeAll(async () => {
    await requirePostgres();
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    // One after the other: the first creates the schema.
    first = await startInstance();
    second = await startInstance();
    const registered = await request(first.url)
      .post('/admin/register-admin')
      .send({
        email: 'cache-test@example.org',
        password: 'Cache-test-1234',
        firstname: 'Cache',
        lastname: 'Test',
      })
      .expect(200);
    const apiToken = await request(first.url)
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${registered.body.data.token}`)
      .send({ name: 'cache test', type: 'full-access', lifespan: null });
    expect(apiToken.status).toBeLessThan(300);
    token = apiToken.body.data.accessKey;
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(first), stop(second)]);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  it('a write on either instance is seen through the cache of the other within a second', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const path = '/api/network-goals?locale=de';
    const created = await request(a.url)
      .post('/api/network-goals?locale=de')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { position: 1, title: 'Erstes Ziel', description: 'Beschreibung' } })
      .expect(201);
    const documentId = created.body.data.documentId as string;

    // B caches what it reads.
    await waitForTitle(b.url, path, 'Erstes Ziel');
    const cached = await request(b.url).get(path).expect(200);
    expect(cached.headers['x-cache']).toBe('HIT');

    // A write on A reaches B's cache.
    await request(a.url)
      .put(`/api/network-goals/${documentId}?locale=de`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Auf A geändert' } })
      .expect(200);
    expect(await waitForTitle(b.url, path, 'Auf A geändert')).toBeLessThan(1000);

    // And the other way round: A has it cached, B writes.
    await waitForTitle(a.url, path, 'Auf A geändert');
    expect((await request(a.url).get(path).expect(200)).headers['x-cache']).toBe('HIT');
    await request(b.url)
      .put(`/api/network-goals/${documentId}?locale=de`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Auf B geändert' } })
      .expect(200);
    expect(await waitForTitle(a.url, path, 'Auf B geändert')).toBeLessThan(1000);
  });
});
