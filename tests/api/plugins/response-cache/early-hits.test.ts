/**
 * Hits answered before the app (server/src/early-hits.ts), read as raw bytes against the booted
 * app: for REST, GraphQL `GET`, the sitemap and the OpenAPI document, in each coding, the hit
 * carries the status, headers and bytes of the miss that stored it; it is byte for byte the hit
 * the Koa middleware sends; and what it cannot answer exactly (a variant to compress, a refusal)
 * still goes through the app.
 */
import { request as httpRequest } from 'node:http';
import { baseUrl } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import type { CacheService } from '../../../../src/plugins/response-cache/server/src/services/cache';

interface RawResponse {
  status: number;
  /** Name/value pairs in the order and letter case they were sent. */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
}

/** One request with exactly these headers; headers and body as they came over the wire. */
function raw(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl()), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        }
        resolve({ status: res.statusCode ?? 0, rawHeaders: pairs, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const cache = () => getStrapi().plugin('response-cache').service('cache') as CacheService;
const earlyHits = () => cache().stats().earlyHits;

const header = (res: RawResponse, name: string): string | undefined =>
  res.rawHeaders.find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * Headers that legitimately differ between a miss and its hit: the date, the cache's verdict,
 * and what the app's middlewares add per computed response (timing, SQL count).
 */
const PER_RESPONSE = new Set(['date', 'x-cache', 'x-response-time', 'x-query-count']);

/** The headers a client relies on, as sorted `name: value` lines (names lower-cased). */
function lasting(res: RawResponse): string[] {
  return res.rawHeaders
    .filter(([name]) => !PER_RESPONSE.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}: ${value}`)
    .sort();
}

let counter = 0;
/** A path under a cache key no other request uses (REST list, GraphQL GET), or a fixed path. */
const targets: Array<{ name: string; path: () => string; headers?: Record<string, string> }> = [
  {
    name: 'REST list',
    path: () =>
      `/api/cities?locale=en&pagination[pageSize]=100&filters[documentId][$ne]=early-${Date.now()}-${++counter}`,
  },
  {
    name: 'GraphQL GET',
    path: () =>
      `/graphql?query=${encodeURIComponent(
        `{ cities(locale: "de", pagination: { pageSize: 100 }, filters: { name: { ne: "early-${Date.now()}-${++counter}" } }) { name slug country { name } } }`
      )}`,
    // Apollo's CSRF prevention: a GET needs a header a simple cross-site request cannot carry.
    headers: { 'apollo-require-preflight': 'true' },
  },
  { name: 'sitemap', path: () => '/sitemap.xml' },
  { name: 'OpenAPI document', path: () => '/openapi.json' },
];

const CODINGS: Array<[string, Record<string, string>]> = [
  ['identity', {}],
  ['gzip', { 'Accept-Encoding': 'gzip' }],
  ['br', { 'Accept-Encoding': 'gzip, deflate, br' }],
];

describe('hits answered before the app', () => {
  describe.each(targets)('$name', ({ path, headers }) => {
    it.each(CODINGS)(
      'in %s: the hit has the status, headers and bytes of the miss that stored it',
      async (coding, accept) => {
        // The fixed paths are shared with other tests: start from an empty cache.
        await cache().invalidate();
        const url = path();
        const sent = { ...headers, ...accept };
        const miss = await raw(url, sent);
        expect(header(miss, 'x-cache')).toBe('MISS');
        expect(miss.status).toBe(200);
        if (coding !== 'identity') expect(header(miss, 'content-encoding')).toBe(coding);

        const before = earlyHits();
        const hit = await raw(url, sent);
        expect(earlyHits()).toBe(before + 1);
        expect(header(hit, 'x-cache')).toBe('HIT');
        expect(hit.status).toBe(miss.status);
        expect(lasting(hit)).toEqual(lasting(miss));
        expect(hit.body.equals(miss.body)).toBe(true);
        expect(Number(header(hit, 'content-length'))).toBe(hit.body.length);
      }
    );
  });

  it('sends exactly the bytes of a hit the Koa middleware answers (header order included)', async () => {
    const url = targets[0].path();
    const gzip = { 'Accept-Encoding': 'gzip' };
    expect(header(await raw(url), 'x-cache')).toBe('MISS');
    // The gzip variant is not stored yet: the app compresses it (a hit through Koa) and keeps it.
    const before = earlyHits();
    const throughKoa = await raw(url, gzip);
    expect(earlyHits()).toBe(before);
    const early = await raw(url, gzip);
    expect(earlyHits()).toBe(before + 1);
    const withoutDate = (res: RawResponse) =>
      res.rawHeaders.filter(([name]) => name.toLowerCase() !== 'date');
    expect(header(throughKoa, 'x-cache')).toBe('HIT');
    expect(withoutDate(early)).toEqual(withoutDate(throughKoa));
    expect(early.body.equals(throughKoa.body)).toBe(true);
  });

  it('answers If-None-Match with the same 304 as the middleware', async () => {
    const url = targets[0].path();
    const miss = await raw(url);
    const etag = header(miss, 'etag') ?? '';
    const before = earlyHits();
    const notModified = await raw(url, { 'If-None-Match': etag });
    expect(earlyHits()).toBe(before + 1);
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(header(notModified, 'etag')).toBe(etag);
    expect(header(notModified, 'content-type')).toBeUndefined();
    expect(header(notModified, 'access-control-allow-origin')).toBe(
      header(miss, 'access-control-allow-origin')
    );
  });

  it('leaves requests with credentials and refused codings to the app', async () => {
    const url = targets[0].path();
    expect(header(await raw(url), 'x-cache')).toBe('MISS');
    const before = earlyHits();
    // Not a Bearer token: the app's guard refuses it, whatever is cached.
    const basic = await raw(url, { Authorization: 'Basic eDp5' });
    expect(basic.status).toBe(401);
    // Plain bytes refused and no coding this server produces accepted: the app's 406.
    const refused = await raw(url, { 'Accept-Encoding': 'identity;q=0' });
    expect(refused.status).toBe(406);
    expect(earlyHits()).toBe(before);
  });
});
