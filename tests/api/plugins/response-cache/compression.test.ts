/**
 * Compression against the booted app, read as raw bytes (supertest would decode them): the coding
 * chosen from `Accept-Encoding`, `Vary`, an ETag and a 304 per representation, and compressed
 * variants kept with the cached entry (compressed once, counted in the cache's bytes).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { baseUrl } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers; the body as it came over the wire. */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  payload?: string
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl()), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function decoded(res: RawResponse): Buffer {
  const coding = res.headers['content-encoding'];
  if (coding === 'gzip') return gunzipSync(res.body);
  if (coding === 'br') return brotliDecompressSync(res.body);
  expect(coding).toBeUndefined();
  return res.body;
}

let counter = 0;
/** A list of every city (well over 1 KB) under a cache key no other test uses. */
function freshList(): string {
  counter += 1;
  return `/api/cities?locale=en&pagination[pageSize]=100&filters[documentId][$ne]=compression-${Date.now()}-${counter}`;
}

function varyNames(res: RawResponse): string[] {
  return String(res.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
}

describe('compression', () => {
  describe('the coding follows Accept-Encoding', () => {
    it('sends br, gzip or plain bytes of the same JSON, each with its own strong ETag', async () => {
      const path = freshList();
      const plain = await raw(path);
      const gzip = await raw(path, { 'Accept-Encoding': 'gzip' });
      const br = await raw(path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect([plain.status, gzip.status, br.status]).toEqual([200, 200, 200]);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(br.headers['content-encoding']).toBe('br');
      expect(decoded(gzip).equals(plain.body)).toBe(true);
      expect(decoded(br).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length / 4);
      for (const res of [plain, gzip, br]) {
        expect(varyNames(res)).toContain('accept-encoding');
        expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
      }
      expect(new Set([plain.headers.etag, gzip.headers.etag, br.headers.etag]).size).toBe(3);
    });

    it('honours q-values, x-gzip, unknown codings and malformed members (RFC 9110)', async () => {
      const path = freshList();
      const coding = async (header: string) =>
        (await raw(path, { 'Accept-Encoding': header })).headers['content-encoding'] ?? 'identity';
      expect(await coding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
      expect(await coding('gzip;q=0.5, br;q=0.5')).toBe('br');
      expect(await coding('*')).toBe('br');
      expect(await coding('*;q=0.3, br;q=0')).toBe('gzip');
      expect(await coding('x-gzip')).toBe('gzip');
      expect(await coding('identity, gzip;q=0.5')).toBe('identity');
      expect(await coding('compress, deflate, zstd')).toBe('identity');
      expect(await coding('gzip;q=abc, br;q=2')).toBe('identity');
      expect(await coding('gzip;q=0')).toBe('identity');
      expect(await coding('')).toBe('identity');
      expect(await coding(';;, ,')).toBe('identity');
    });

    it('answers 406 in Strapi error shape when nothing acceptable is left', async () => {
      for (const header of ['identity;q=0', '*;q=0', 'deflate, identity;q=0']) {
        const res = await raw(freshList(), { 'Accept-Encoding': header });
        expect(res.status).toBe(406);
        const body = JSON.parse(res.body.toString('utf8')) as { error: { name: string } };
        expect(body.error.name).toBe('NotAcceptableError');
      }
    });

    it('answers that 406 with CORS headers on a cached URL too, and keeps the entry', async () => {
      const cache = getStrapi().plugin('response-cache').service('cache');
      const path = freshList();
      const origin = { Origin: 'https://some-website.example' };
      await raw(path, { 'Accept-Encoding': 'br', ...origin });
      const bytes = cache.stats().bytes;
      const refused = await raw(path, { 'Accept-Encoding': 'identity;q=0', ...origin });
      expect(refused.status).toBe(406);
      expect(refused.headers['access-control-allow-origin']).toBe(origin.Origin);
      expect(cache.stats().bytes).toBe(bytes);
      const again = await raw(path, { 'Accept-Encoding': 'br', ...origin });
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.headers['content-encoding']).toBe('br');
    });

    it('keeps bodies under 1 KB plain, unless plain is refused', async () => {
      const path = `/api/network-goals?locale=en&fields[0]=position&pagination[pageSize]=1&filters[documentId][$ne]=small-${Date.now()}`;
      const small = await raw(path, { 'Accept-Encoding': 'gzip, br' });
      expect(small.status).toBe(200);
      expect(small.body.length).toBeLessThan(1024);
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(varyNames(small)).toContain('accept-encoding');
      const forced = await raw(path, { 'Accept-Encoding': 'gzip, identity;q=0' });
      expect(forced.headers['content-encoding']).toBe('gzip');
      expect(decoded(forced).equals(small.body)).toBe(true);
    });
  });

  describe('conditional requests per representation', () => {
    it('answers 304 to the ETag of the representation asked for, 200 to another', async () => {
      const path = freshList();
      const gzip = await raw(path, { 'Accept-Encoding': 'gzip' });
      const again = await raw(path, {
        'Accept-Encoding': 'gzip',
        'If-None-Match': String(gzip.headers.etag),
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(gzip.headers.etag);
      const other = await raw(path, {
        'Accept-Encoding': 'br',
        'If-None-Match': String(gzip.headers.etag),
      });
      expect(other.status).toBe(200);
      expect(other.headers['content-encoding']).toBe('br');
    });
  });

  describe('the response cache keeps what it compressed', () => {
    it('compresses a variant once: later hits replay its bytes, counted in the cache size', async () => {
      const cache = getStrapi().plugin('response-cache').service('cache');
      const path = freshList();
      const miss = await raw(path, { 'Accept-Encoding': 'gzip' });
      expect(miss.headers['x-cache']).toBe('MISS');
      const afterMiss = cache.stats().bytes;

      const firstBr = await raw(path, { 'Accept-Encoding': 'br' });
      expect(firstBr.headers['x-cache']).toBe('HIT');
      const afterBr = cache.stats().bytes;
      expect(afterBr - afterMiss).toBe(firstBr.body.length);

      const secondBr = await raw(path, { 'Accept-Encoding': 'br' });
      const secondGzip = await raw(path, { 'Accept-Encoding': 'gzip' });
      expect(cache.stats().bytes).toBe(afterBr);
      expect(secondBr.headers['x-cache']).toBe('HIT');
      expect(secondBr.body.equals(firstBr.body)).toBe(true);
      expect(secondBr.headers.etag).toBe(firstBr.headers.etag);
      expect(secondGzip.body.equals(miss.body)).toBe(true);
      expect(secondGzip.headers.etag).toBe(miss.headers.etag);
    });

    it('answers HEAD with the headers of GET in the same coding, without a body', async () => {
      const path = freshList();
      const get = await raw(path, { 'Accept-Encoding': 'br' });
      const head = await raw(path, { 'Accept-Encoding': 'br' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'etag', 'vary']) {
        expect(head.headers[name]).toBe(get.headers[name]);
      }
    });
  });

  describe('beyond the REST API', () => {
    it('compresses GraphQL, the sitemap, the OpenAPI document and the demo site', async () => {
      const graphql = await raw(
        '/graphql',
        { 'Accept-Encoding': 'br', 'Content-Type': 'application/json' },
        'POST',
        JSON.stringify({
          query: '{ cities(locale: "en", pagination: { pageSize: 100 }) { name } }',
        })
      );
      expect(graphql.status).toBe(200);
      expect(graphql.headers['content-encoding']).toBe('br');
      expect(JSON.parse(decoded(graphql).toString('utf8')).data.cities.length).toBeGreaterThan(10);

      for (const path of ['/sitemap.xml', '/openapi.json', '/site/land.js', '/site/app.js']) {
        const plain = await raw(path);
        const gzip = await raw(path, { 'Accept-Encoding': 'gzip' });
        expect([path, plain.status, gzip.status]).toEqual([path, 200, 200]);
        expect([path, gzip.headers['content-encoding']]).toEqual([path, 'gzip']);
        expect(decoded(gzip).equals(plain.body)).toBe(true);
        expect(varyNames(gzip)).toContain('accept-encoding');
      }
    });
  });
});
