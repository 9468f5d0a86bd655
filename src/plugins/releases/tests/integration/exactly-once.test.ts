/**
 * Two instances of the compiled app (child processes) on one PostgreSQL database, both polling
 * for due releases every 100 ms: each due release runs on exactly one of them. Then a release
 * that falls due while the only instance is stopped runs when it starts again. Creates its own
 * throw-away database and drops it after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import {
  databaseEnv,
  postgresServer,
  runOnPostgresServer,
} from '../../../../../scripts/lib/database-env';
import { freePort } from '../../../../../scripts/lib/free-port';
import { until } from '../../../../../tests/helpers/until';

const APP_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..');
const database = `ccn_releases_${process.pid}_${Date.now()}`;
const RELEASES = 12;
const CITY = 'api::city.city';

interface Instance {
  url: string;
  child: ChildProcess;
  log: string[];
}

async function start(): Promise<Instance> {
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
        API_RATELIMIT_ENABLED: 'false',
        // The runner logs each release it finishes at info.
        STRAPI_LOG_LEVEL: 'info',
        RELEASES_POLL_INTERVAL_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
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
  return { url, child, log };
}

async function stop(instance: Instance | undefined): Promise<void> {
  const child = instance?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function call(
  url: string,
  method: string,
  pathname: string,
  token: string,
  body?: unknown
): Promise<{ status: number; body: { data?: unknown; error?: unknown } }> {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown } };
}

async function fullAccessToken(url: string): Promise<string> {
  const registered = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: 'releases-test@example.org',
      password: 'Releases-test-1234',
      firstname: 'Releases',
      lastname: 'Test',
    }),
  });
  const jwt = ((await registered.json()) as { data: { token: string } }).data.token;
  const created = await call(url, 'POST', '/admin/api-tokens', jwt, {
    name: 'releases test',
    type: 'full-access',
    lifespan: null,
  });
  return (created.body.data as { accessKey: string }).accessKey;
}

interface Release {
  id: number;
  status: string;
  scheduledAt: string;
  startedAt: string | null;
}

/** Lines in which an instance reports a release it ran. */
function runsIn(instance: Instance, id: number): number {
  const pattern = new RegExp(`\\[releases\\] release ${id} "[^"]*" (done|failed)`, 'g');
  return (instance.log.join('').match(pattern) ?? []).length;
}

describe('releases on two instances sharing one PostgreSQL database', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let token = '';

  beforeAll(async () => {
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    // One after the other: the first creates the schema.
    first = await start();
    second = await start();
    token = await fullAccessToken(first.url);
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(first), stop(second)]);
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  it(`runs each of ${RELEASES} due releases exactly once, within 5 s of its time`, async () => {
    const a = first as Instance;
    const b = second as Instance;
    const at = new Date(Date.now() + 4000).toISOString();
    const ids: number[] = [];
    for (let i = 0; i < RELEASES; i += 1) {
      const city = await call(a.url, 'POST', '/api/cities?locale=de&status=draft', token, {
        data: { name: `Stadt ${i + 1}` },
      });
      expect(city.status).toBe(201);
      const { documentId } = city.body.data as { documentId: string };
      const release = await call(a.url, 'POST', '/api/releases', token, {
        data: {
          name: `goal ${i + 1}`,
          scheduledAt: at,
          entries: [{ uid: CITY, documentId, locale: 'de' }],
        },
      });
      expect(release.status).toBe(201);
      ids.push((release.body.data as Release).id);
    }

    await until(
      'every release is done',
      async () => {
        const list = await call(b.url, 'GET', '/api/releases?pageSize=100', token);
        const releases = list.body.data as Release[];
        return ids.every((id) => releases.find((r) => r.id === id)?.status === 'done');
      },
      { timeoutMs: 30_000, everyMs: 200 }
    );

    const ranOn = ids.map((id) => [runsIn(a, id), runsIn(b, id)]);
    // Exactly one run per release, on one instance or the other.
    expect(ranOn.map(([onA, onB]) => onA + onB)).toEqual(Array(RELEASES).fill(1));
    const published = await fetch(`${b.url}/api/cities?locale=de&pagination[pageSize]=100`);
    expect(((await published.json()) as { data: unknown[] }).data).toHaveLength(RELEASES);
    for (const id of ids) {
      const release = (await call(a.url, 'GET', `/api/releases/${id}`, token)).body.data as Release;
      const late = Date.parse(release.startedAt ?? '') - Date.parse(release.scheduledAt);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(5000);
    }
    console.log(
      `releases run on the first / second instance: ${ranOn.filter(([onA]) => onA).length} / ${ranOn.filter(([, onB]) => onB).length}`
    );
  });

  it('runs a release that fell due while the app was down when it starts again', async () => {
    const a = first as Instance;
    const city = await call(a.url, 'POST', '/api/cities?locale=de&status=draft', token, {
      data: { name: 'Während der Pause' },
    });
    const { documentId } = city.body.data as { documentId: string };
    const created = await call(a.url, 'POST', '/api/releases', token, {
      data: {
        name: 'due during downtime',
        scheduledAt: '2099-01-01T09:00:00+01:00',
        entries: [{ uid: CITY, documentId, locale: 'de' }],
      },
    });
    const { id } = created.body.data as Release;
    await Promise.all([stop(first), stop(second)]);

    // While nothing runs, its time passes (moved into the past, rather than waited for).
    const client = new Client({ ...postgresServer, database });
    await client.connect();
    await client.query(
      `UPDATE release_sets SET scheduled_at = now() - interval '10 minutes' WHERE id = $1`,
      [id]
    );
    await client.end();

    first = await start();
    await until(
      'the release that fell due during the downtime is done',
      async () =>
        (
          (await call((first as Instance).url, 'GET', `/api/releases/${id}`, token)).body
            .data as Release
        ).status === 'done',
      { timeoutMs: 10_000, everyMs: 100 }
    );
    const read = await fetch(
      `${(first as Instance).url}/api/cities?locale=de&filters[documentId][$eq]=${documentId}`
    );
    expect(((await read.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});
