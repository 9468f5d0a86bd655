/**
 * Varnish (deploy/varnish/default.vcl, vmod xkey) in front of two app instances on one PostgreSQL
 * database: Varnish serves hits, and a publish through either instance is visible through Varnish
 * within a second (each instance purges the tags it evicted, `xkey-purge`). Needs `varnishd`
 * (Debian: varnish, varnish-modules).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { runOnPostgresServer } from '../../../../scripts/lib/database-env';
import { freePort } from '../../../../scripts/lib/free-port';
import { until } from '../../../helpers/until';
import {
  createApiToken,
  firstTitleIs,
  seenWithin,
  stop,
  type Instance,
} from '../../../helpers/app-instances';
import { startInstance } from './instances';
import { requirePostgres } from './services';

const VCL = path.resolve(__dirname, '..', '..', '..', '..', 'deploy', 'varnish', 'default.vcl');
const database = `ccn_varnish_${process.pid}_${Date.now()}`;

/** Whether varnishd's probes count both backends healthy (`varnishadm backend.list`). */
async function bothBackendsHealthy(stateDir: string): Promise<boolean> {
  const { stdout } = await promisify(execFile)('varnishadm', ['-n', stateDir, 'backend.list']);
  return ['cms1', 'cms2'].every((name) =>
    stdout.split('\n').some((line) => new RegExp(`\\.${name}\\s.*\\bhealthy\\b`).test(line))
  );
}

/** A GET with exactly these headers; the body as it came over the wire (not decoded). */
function rawGet(
  url: string,
  headers: Record<string, string>
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `read` until Varnish answers from its cache, at most 3 s; its last answer either way. */
async function untilHit<T extends { headers: Record<string, unknown> }>(
  what: string,
  read: () => Promise<T>
): Promise<T> {
  let last: T | undefined;
  await until(
    `Varnish answers ${what} from its cache`,
    async () => {
      last = await read();
      return last.headers['x-varnish-cache'] === 'HIT';
    },
    { timeoutMs: 3000, everyMs: 50 }
  ).catch(() => undefined);
  return last as T;
}

describe('Varnish in front of two instances', () => {
  let first: Instance | undefined;
  let second: Instance | undefined;
  let varnish: ChildProcess | undefined;
  let varnishUrl = '';
  let workDir = '';
  let token = '';
  const varnishLog: string[] = [];

  beforeAll(async () => {
    if (spawnSync('varnishd', ['-V'], { stdio: 'ignore' }).status !== 0) {
      throw new Error('varnishd not found: install varnish and varnish-modules (Debian)');
    }
    await requirePostgres();
    await runOnPostgresServer(`CREATE DATABASE ${database}`);
    const varnishPort = await freePort();
    varnishUrl = `http://127.0.0.1:${varnishPort}`;
    const env = {
      CACHE_SURROGATE_CONTROL: 'max-age=86400',
      CACHE_PURGE_VARNISH_URLS: `${varnishUrl}/`,
    };
    first = await startInstance(database, env);
    second = await startInstance(database, env);
    ({ accessKey: token } = await createApiToken(first.url, 'full-access'));

    workDir = mkdtempSync(path.join(os.tmpdir(), 'ccn-varnish-'));
    const vcl = readFileSync(VCL, 'utf8')
      .replace('.port = "1337"', `.port = "${first.port}"`)
      .replace('.port = "1338"', `.port = "${second.port}"`);
    writeFileSync(path.join(workDir, 'default.vcl'), vcl);
    varnish = spawn(
      'varnishd',
      [
        '-F',
        // No privilege separation: the test may run as root or not, in a private temp directory.
        '-j',
        'none',
        '-a',
        `127.0.0.1:${varnishPort}`,
        '-f',
        path.join(workDir, 'default.vcl'),
        '-n',
        path.join(workDir, 'state'),
        '-s',
        'malloc,64m',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    varnish.stdout?.on('data', (chunk: Buffer) => varnishLog.push(chunk.toString()));
    varnish.stderr?.on('data', (chunk: Buffer) => varnishLog.push(chunk.toString()));
    // Ready when both backends are healthy (probes every second) and a read goes through.
    const running = varnish;
    await until(
      'varnishd counts both backends healthy and a read goes through',
      async () => {
        if (running.exitCode !== null) throw new Error(`varnishd exited: ${varnishLog.join('')}`);
        if (!(await bothBackendsHealthy(path.join(workDir, 'state')).catch(() => false))) {
          return false;
        }
        return request(varnishUrl)
          .get('/api/network-goals?locale=de')
          .then((res) => res.status === 200)
          .catch(() => false);
      },
      { timeoutMs: 30_000, everyMs: 250 }
    );
  }, 400_000);

  afterAll(async () => {
    await Promise.all([stop(varnish), stop(first?.child), stop(second?.child)]);
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(
      () => undefined
    );
  }, 60_000);

  /**
   * Varnish's answer for `path` once it comes from its cache (or the last miss after 3 s). Every
   * instance purges a write's tags after its own eviction, the other instance once the bus has
   * reached it (up to a second later; src/plugins/response-cache/server/src/purger.ts), so what
   * Varnish refilled between the two purges is purged once more: a miss right after the change
   * showed is correct, a miss for good is not.
   */
  async function nextHit(path: string): Promise<request.Response> {
    return untilHit(path, () => request(varnishUrl).get(path).expect(200));
  }

  it('serves hits, and a publish through either instance is visible within a second', async () => {
    const a = first as Instance;
    const b = second as Instance;
    const path = '/api/network-goals?locale=de&sort=position:asc';
    const created = await request(a.url)
      .post('/api/network-goals?locale=de')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { position: 1, title: 'Erstes Ziel', description: 'Beschreibung' } })
      .expect(201);
    const documentId = created.body.data.documentId as string;

    await seenWithin(varnishUrl, path, firstTitleIs('Erstes Ziel'));
    const hit = await nextHit(path);
    expect(hit.headers['x-varnish-cache']).toBe('HIT');
    expect(hit.body.data[0].title).toBe('Erstes Ziel');
    // Tags are for Varnish; browsers get the app's Cache-Control.
    expect(hit.headers['surrogate-control']).toBeUndefined();
    expect(hit.headers['cache-control']).toBe('public, max-age=0, must-revalidate');

    for (const [writer, title] of [
      [a, 'Über A veröffentlicht'],
      [b, 'Über B veröffentlicht'],
    ] as const) {
      await request(writer.url)
        .put(`/api/network-goals/${documentId}?locale=de`)
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title } })
        .expect(200);
      expect(await seenWithin(varnishUrl, path, firstTitleIs(title))).toBeLessThan(1000);
      // Cached again by Varnish once read.
      const again = await nextHit(path);
      expect(again.headers['x-varnish-cache']).toBe('HIT');
      expect(again.body.data[0].title).toBe(title);
    }
  });

  it('keeps responses that did not read what was written', async () => {
    const a = first as Instance;
    const path = '/api/countries?locale=de';
    await request(varnishUrl).get(path).expect(200);
    expect((await request(varnishUrl).get(path).expect(200)).headers['x-varnish-cache']).toBe(
      'HIT'
    );
    await request(a.url)
      .post('/api/network-goals?locale=de')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { position: 2, title: 'Zweites Ziel', description: 'Beschreibung' } })
      .expect(201);
    await seenWithin(varnishUrl, '/api/network-goals?locale=de&sort=position:asc', (r) =>
      (r.body.data ?? []).some((goal) => goal.title === 'Zweites Ziel')
    );
    expect((await request(varnishUrl).get(path).expect(200)).headers['x-varnish-cache']).toBe(
      'HIT'
    );
  });

  /** {@link rawGet} until Varnish answers from its cache (see {@link nextHit}), at most 3 s. */
  async function rawHit(url: string, headers: Record<string, string>) {
    return untilHit(url, () => rawGet(url, headers));
  }

  it('keeps one gzip copy per URL and gives every client a coding it accepts', async () => {
    // Well over 1 KB (smaller bodies are sent plain), and no write of these tests evicts it.
    const listPath = '/openapi.json';
    const url = `${varnishUrl}${listPath}`;
    const backend = await rawGet(`${(first as Instance).url}${listPath}`, {});
    expect(backend.body.length).toBeGreaterThan(1024);
    const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(backend.body)).toBe(true);

    // The same object, unzipped by Varnish for a client without gzip; brotli clients get gzip.
    const plain = await rawHit(url, {});
    expect(plain.headers['x-varnish-cache']).toBe('HIT');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(backend.body)).toBe(true);
    // Another representation: never the gzip copy's strong ETag.
    expect(plain.headers.etag === gzip.headers.etag).toBe(false);
    const br = await rawHit(url, { 'Accept-Encoding': 'br, gzip' });
    expect(br.headers['x-varnish-cache']).toBe('HIT');
    expect(br.headers['content-encoding']).toBe('gzip');

    // 304 per representation, from Varnish.
    const revalidated = await rawGet(url, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(gzip.headers.etag),
    });
    expect(revalidated.status).toBe(304);

    // A client refusing plain bytes is answered by the CMS: a coding it accepts, or 406.
    const refused = await rawGet(url, { 'Accept-Encoding': 'identity;q=0' });
    expect(refused.status).toBe(406);
    const brOnly = await rawGet(url, { 'Accept-Encoding': 'br, identity;q=0' });
    expect(brOnly.headers['content-encoding']).toBe('br');
  });

  it('never keeps responses to requests with credentials or drafts', async () => {
    const path = '/api/network-goals?locale=de&status=draft';
    for (let i = 0; i < 2; i += 1) {
      const res = await request(varnishUrl)
        .get(path)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(res.headers['x-varnish-cache']).toBe('MISS');
    }
  });

  it('never keeps preview pages or the drafts they read (deploy/varnish/default.vcl)', async () => {
    for (const path of ['/de/?preview=any-token', '/preview/draft?token=any&path=/de/']) {
      for (let i = 0; i < 2; i += 1) {
        const res = await request(varnishUrl).get(path);
        expect([path, res.headers['x-varnish-cache']]).toEqual([path, 'MISS']);
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
    }
  });
});
