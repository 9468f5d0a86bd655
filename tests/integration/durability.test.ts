/**
 * The compiled app as it runs in production, in a child process (`strapi start`) on its own
 * throw-away SQLite file, whatever database the rest of the suite uses:
 *
 * - it refuses to start in production with the example secrets from .env.example;
 * - in production, GraphQL introspection and the landing page are off, CORS follows
 *   CORS_ORIGINS;
 * - SQLite runs in WAL mode, and a SIGKILL in the middle of a write burst loses no acknowledged
 *   write and leaves a database that passes `PRAGMA integrity_check`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '../../scripts/lib/free-port';
import { freshSecrets } from '../../src/lib/security/secrets';
import { untilHealthy } from '../helpers/app-instances';

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '.bin', 'strapi');
const BOOT_TIMEOUT_MS = 240_000;
const ACKNOWLEDGED_BEFORE_KILL = 40;
const WRITERS = 6;

jest.setTimeout(600_000);

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `strapi start` of the compiled app with a production environment of its own. */
function startStrapi(env: Record<string, string>): Child {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_'))
  );
  const child = spawn(STRAPI_BIN, ['start'], {
    cwd: APP_DIR,
    env: {
      ...clean,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_CLIENT: 'sqlite',
      SEED_ON_BOOTSTRAP: 'false',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
      STRAPI_LOG_LEVEL: 'warn',
      ...freshSecrets(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  );
  return { process: child, output: () => output, exited };
}

const workDir = mkdtempSync(path.join(tmpdir(), 'ccn-durability-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('production start', () => {
  it('refuses the example secrets from .env.example with a clear message', async () => {
    const child = startStrapi({
      PORT: String(await freePort()),
      DATABASE_FILENAME: path.join(workDir, 'refused.db'),
      APP_KEYS: 'tobemodified1,tobemodified2',
      JWT_SECRET: 'tobemodified',
    });
    const code = await child.exited;
    expect(code).not.toBe(0);
    expect(child.output()).toMatch(
      /Refusing to start in production with unsafe secrets: APP_KEYS still has the example value from \.env\.example; JWT_SECRET still has the example value/
    );
  });
});

describe('a production process on SQLite', () => {
  const databaseFile = path.join(workDir, 'burst.db');
  let child: Child;
  let base: string;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = startStrapi({
      PORT: String(port),
      DATABASE_FILENAME: databaseFile,
      CORS_ORIGINS: 'https://site.example, https://www.site.example',
    });
    await untilHealthy(base, child.process, child.output, BOOT_TIMEOUT_MS);

    const admin = await fetch(`${base}/admin/register-admin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        firstname: 'Ada',
        lastname: 'Admin',
        email: 'ada@example.com',
        password: 'Durable-Passw0rd',
      }),
    });
    expect(admin.status).toBe(200);
    const { data } = (await admin.json()) as { data: { token: string } };
    const created = await fetch(`${base}/admin/api-tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${data.token}` },
      body: JSON.stringify({ name: 'burst', type: 'full-access', lifespan: null }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { data: { accessKey: string } }).data.accessKey;
  });

  afterAll(async () => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
  });

  it('has GraphQL introspection off', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0].message).toMatch(/introspection is not allowed/);
    // Ordinary queries still work.
    const ok = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ networkGoals { title } }' }),
    });
    expect(ok.status).toBe(200);
  });

  it('has no GraphQL landing page', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { Accept: 'text/html' } });
    const text = await res.text();
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(text).not.toMatch(/<html|embeddable-sandbox|landing-page/i);
  });

  it('allows exactly the origins in CORS_ORIGINS', async () => {
    const allowed = await fetch(`${base}/api/cities`, {
      headers: { Origin: 'https://www.site.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.site.example');
    const other = await fetch(`${base}/api/cities`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs SQLite in WAL mode', () => {
    const db = new Database(databaseFile, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('loses no acknowledged write when killed (SIGKILL) during a write burst', async () => {
    const acknowledged: string[] = [];
    let killed = false;
    let next = 0;

    const writer = async () => {
      while (!killed) {
        const name = `Burst ${(next += 1)}`;
        try {
          const res = await fetch(`${base}/api/cities?locale=de`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ data: { name } }),
          });
          if (res.status !== 201) throw new Error(`${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { data: { documentId: string } };
          acknowledged.push(body.data.documentId);
          if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
            killed = true;
            // Other writers still have requests in flight: the kill lands mid-burst.
            child.process.kill('SIGKILL');
          }
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await child.exited;
    expect(child.process.signalCode).toBe('SIGKILL');

    const db = new Database(databaseFile);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        (
          db
            .prepare('SELECT document_id FROM cities WHERE published_at IS NOT NULL')
            .all() as Array<{ document_id: string }>
        ).map((row) => row.document_id)
      );
      const lost = acknowledged.filter((documentId) => !stored.has(documentId));
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
      expect(lost).toEqual([]);
    } finally {
      db.close();
    }
  });
});
