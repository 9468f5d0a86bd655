/**
 * Single requests that used to cost the server seconds to minutes, or made the cache answer with
 * another request's rows (issue 22), against the booted app: each is now refused up front with a
 * 4xx naming the bound, or answered correctly. The floods built from them are `npm run soak --
 * --hostile`; this file shows the behaviour of one request each.
 */
import net from 'node:net';
import fc from 'fast-check';
import type { Server } from 'node:http';
import request from 'supertest';
import type { ApiGuardsConfig } from '../../src/plugins/api-guards/server/src/config';
import type { MissPathService } from '../../src/plugins/api-guards/server/src/services/miss-path';
import { requestFrom } from '../helpers/client';
import { requestKey } from '../../src/plugins/response-cache/server/src/lib/key';
import { baseUrl, tokenHeader } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';

const CITY = 'api::city.city';

interface GraphQLErrors {
  errors: Array<{ message: string; extensions: { code: string } }>;
}
const errorsOf = (body: unknown) => (body as GraphQLErrors).errors;
const MISS_PATH = 'plugin::api-guards.missPath';
const service = () => getStrapi().plugin('api-guards').service('miss-path') as MissPathService;

/** Each fragment spreads the previous one twice: 2^levels fields once expanded. */
function fragmentBomb(levels: number): string {
  let query = `{ cities(locale: "de") { ...F${levels} } } fragment F0 on City { name } `;
  for (let i = 1; i <= levels; i += 1) {
    query += `fragment F${i} on City { ...F${i - 1} ...F${i - 1} } `;
  }
  return query;
}

async function withMissPath(
  change: (settings: ApiGuardsConfig['missPath']) => ApiGuardsConfig['missPath'],
  run: () => Promise<void>
): Promise<void> {
  const original = getStrapi().config.get(MISS_PATH) as ApiGuardsConfig['missPath'];
  getStrapi().config.set(MISS_PATH, change(original));
  await service().reload();
  try {
    await run();
  } finally {
    getStrapi().config.set(MISS_PATH, original);
    await service().reload();
  }
}

describe('GraphQL documents are measured before anything expensive runs', () => {
  it.each([25, 30, 60])('refuses a fragment bomb of %i levels with a 400', async (levels) => {
    const res = await requestFrom('127.0.1.1', '/graphql', {
      body: { query: fragmentBomb(levels) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: [
        {
          message: expect.stringMatching(/fields with its fragments expanded; at most 2000/),
          extensions: { code: 'QUERY_TOO_LARGE' },
        },
      ],
    });
  });

  it('refuses the same bomb sent as a GET, and to an API token too', async () => {
    const url = `/graphql?query=${encodeURIComponent(fragmentBomb(30))}`;
    const get = await requestFrom('127.0.1.1', url, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(400);
    const withToken = await request(baseUrl())
      .post('/graphql')
      .set(tokenHeader())
      .send({ query: fragmentBomb(30) });
    expect(withToken.status).toBe(400);
  });

  it('answers a fragment cycle with a 400 that names it', async () => {
    const res = await requestFrom('127.0.1.1', '/graphql', {
      body: {
        query: '{ cities { ...A } } fragment A on City { name ...B } fragment B on City { ...A }',
      },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)[0]).toMatchObject({
      message: 'Fragment cycle: A → B → A',
      extensions: { code: 'FRAGMENT_CYCLE' },
    });
  });

  it('still answers a bomb small enough to be a real query', async () => {
    const res = await requestFrom('127.0.1.1', '/graphql', {
      body: {
        query: fragmentBomb(3).replace(
          'cities(locale: "de")',
          'cities(locale: "de", pagination: { pageSize: 1 })'
        ),
      },
    });
    expect(res.status).toBe(200);
    expect((res.body as { data: { cities: unknown[] } }).data.cities).toHaveLength(1);
  });

  it('refuses variables nested deeper than the bound, and a body that is not an object', async () => {
    // 10,000 levels (50 KB): JSON.stringify itself cannot write it, the server must not recurse.
    const depth = 10_000;
    const json = `{"query":"query Q($x: JSON) { cities { name } }","variables":{"x":${'{"v":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
    const nested = await requestFrom('127.0.1.2', '/graphql', { json });
    expect(nested.status).toBe(400);
    expect(errorsOf(nested.body)[0].extensions.code).toBe('VARIABLES_TOO_DEEP');
    for (const body of [null, [1], 'text', 3]) {
      const res = await requestFrom('127.0.1.2', '/graphql', { body });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/must be a JSON object/);
    }
  });
});

describe('credentials are decided once', () => {
  it.each(['x', 'Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', 'bearer abc def'])(
    'answers Authorization "%s" with a 401 on REST and GraphQL',
    async (authorization) => {
      const rest = await requestFrom('127.0.1.3', '/api/cities?locale=de', {
        headers: { Authorization: authorization },
      });
      expect(rest.status).toBe(401);
      expect(rest.headers['www-authenticate']).toBe('Bearer');
      expect(rest.body).toMatchObject({ error: { status: 401, name: 'UnauthorizedError' } });
      const graphql = await requestFrom('127.0.1.3', '/graphql', {
        body: { query: '{ cities { name } }' },
        headers: { Authorization: authorization },
      });
      expect(graphql.status).toBe(401);
      expect(errorsOf(graphql.body)[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  );

  it('counts Bearer tokens that do not authenticate and refuses the address past its limit', async () => {
    await withMissPath(
      (settings) => ({
        ...settings,
        rateLimit: { ...settings.rateLimit, authFailuresPerMinute: 3 },
      }),
      async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const res = await requestFrom('127.0.1.4', '/api/cities?locale=de', {
            headers: { Authorization: `Bearer forged${i}` },
          });
          statuses.push(res.status);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        // A real token from that address is refused too until the minute is over; another
        // address and anonymous reads from this one are not affected.
        const valid = await requestFrom('127.0.1.4', '/api/cities?locale=de', {
          headers: tokenHeader(),
        });
        expect(valid.status).toBe(429);
        expect(
          (await requestFrom('127.0.1.5', '/api/cities?locale=de', { headers: tokenHeader() }))
            .status
        ).toBe(200);
        expect((await requestFrom('127.0.1.4', '/api/cities?locale=de')).status).toBe(200);
      }
    );
  });
});

describe('cheap before expensive', () => {
  it('refuses an anonymous GraphQL body over 64 KB before reading it', async () => {
    const variables = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`v${i}`, 'x']));
    const res = await requestFrom('127.0.1.6', '/graphql', {
      body: { query: '{ cities { name } }', variables },
    });
    expect(res.status).toBe(413);
    expect(errorsOf(res.body)[0].message).toMatch(/at most 65536 bytes/);
    // An API token's request is bounded by the body parser's 1 MB only.
    const withToken = await request(baseUrl())
      .post('/graphql')
      .set(tokenHeader())
      .send({ query: '{ networkGoals(locale: "de") { title } }', variables });
    expect(withToken.status).toBe(200);
  });

  it('asks an anonymous chunked GraphQL body for its length (411)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/graphql', baseUrl());
      const req = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
        req.write(
          'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n'
        );
      });
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
        if (match) {
          resolve(Number(match[1]));
          req.destroy();
        }
      });
      req.on('error', reject);
    });
    expect(status).toBe(411);
  });

  // Each announces more than its limit and sends a kilobyte of it: a server that read the rest to
  // reuse the connection would wait for the unsent bytes (until its request timeout, 30 s).
  it.each([
    {
      // api-guards' 64 KB limit of an anonymous GraphQL body.
      what: 'an oversized anonymous GraphQL body',
      localAddress: '127.0.1.19',
      target: '/graphql',
      withToken: false,
      announced: 1_000_000,
      opening: '{"query":"',
      refusal: '"code":"PAYLOAD_TOO_LARGE"',
    },
    {
      // strapi::body's 1 MB limit (BODY_LIMIT), for anonymous clients and API tokens alike.
      what: 'a REST body over the body limit from an anonymous client',
      localAddress: '127.0.1.20',
      target: '/api/cities?locale=de',
      withToken: false,
      announced: 2_000_000,
      opening: '{"data":{"name":"',
      refusal: '"name":"PayloadTooLargeError"',
    },
    {
      what: 'a REST body over the body limit from an API token',
      localAddress: '127.0.1.21',
      target: '/api/cities?locale=de',
      withToken: true,
      announced: 2_000_000,
      opening: '{"data":{"name":"',
      refusal: '"name":"PayloadTooLargeError"',
    },
  ])(
    'answers 413 and closes the connection after $what instead of reading it',
    async ({ localAddress, target, withToken, announced, opening, refusal }) => {
      const headers: Record<string, string> = withToken ? tokenHeader() : {};
      const answer = await new Promise<string>((resolve, reject) => {
        const url = new URL(target, baseUrl());
        const socket = net.connect(
          { host: url.hostname, port: Number(url.port), localAddress },
          () => {
            const extra = Object.entries(headers)
              .map(([name, value]) => `${name}: ${value}\r\n`)
              .join('');
            socket.write(
              `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
                `${extra}Content-Length: ${announced}\r\n\r\n`
            );
            socket.write(`${opening}${'x'.repeat(1000)}`);
          }
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        // Ended by the server: the answer is complete and the connection closed.
        socket.on('end', () => {
          socket.destroy();
          resolve(text);
        });
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
      expect(answer).toContain(refusal);
    }
  );

  it('charges cache hits to a byte budget: replaying a large cached answer is limited', async () => {
    const url = '/api/cities?locale=de&pagination[pageSize]=100&populate[0]=country';
    const first = await requestFrom('127.0.1.7', url);
    expect(first.status).toBe(200);
    const size = Number(first.headers['content-length']);
    expect(size).toBeGreaterThan(10_000);
    await withMissPath(
      (settings) => ({
        ...settings,
        rateLimit: { ...settings.rateLimit, bytesPerSecond: 1000, burstBytes: size * 2 },
      }),
      async () => {
        const statuses: string[] = [];
        for (let i = 0; i < 4; i += 1) {
          const res = await requestFrom('127.0.1.8', url);
          statuses.push(`${res.status} ${res.headers['x-cache'] ?? ''}`);
          if (res.status === 429) {
            expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
            expect(res.body).toMatchObject({ error: { name: 'RateLimitError' } });
          }
        }
        // Two answers fit the burst; the third takes the budget below zero; the fourth waits.
        expect(statuses).toEqual(['200 HIT', '200 HIT', '200 HIT', '429 ']);
        expect((await requestFrom('127.0.1.9', url)).status).toBe(200);
      }
    );
  });

  it('charges the bytes on the wire: a compressed answer costs its compressed size', async () => {
    const url = '/api/cities?locale=de&pagination[pageSize]=100&populate[0]=country';
    const br = { 'Accept-Encoding': 'br' };
    const plain = await requestFrom('127.0.1.7', url);
    const size = Number(plain.headers['content-length']);
    const compressed = await requestFrom('127.0.1.7', url, { headers: br });
    expect(compressed.headers['content-encoding']).toBe('br');
    const compressedSize = Number(compressed.headers['content-length']);
    expect(compressedSize).toBeLessThan(size / 4);
    await withMissPath(
      (settings) => ({
        ...settings,
        rateLimit: { ...settings.rateLimit, bytesPerSecond: 1000, burstBytes: size * 2 },
      }),
      async () => {
        // The burst that let a plain client have three answers lets this one have several times
        // as many, and the budget still runs out (Content-Length of what was sent, never 0).
        const fits = Math.floor((2 * size) / compressedSize);
        const statuses: number[] = [];
        for (let i = 0; i < fits + 10 && !statuses.includes(429); i += 1) {
          statuses.push((await requestFrom('127.0.1.10', url, { headers: br })).status);
        }
        const answered = statuses.filter((status) => status === 200).length;
        expect(answered).toBeGreaterThanOrEqual(fits);
        expect(answered).toBeGreaterThan(3 * 2);
        expect(statuses.at(-1)).toBe(429);
      }
    );
  });
});

describe('the cache key keeps order where order means something', () => {
  it('does not answer a reversed multi-field sort from the other order', async () => {
    const a = await requestFrom(
      '127.0.1.11',
      '/api/cities?locale=de&sort[memberSince]=desc&sort[name]=desc&fields[0]=name&fields[1]=memberSince'
    );
    const b = await requestFrom(
      '127.0.1.11',
      '/api/cities?locale=de&sort[name]=desc&sort[memberSince]=desc&fields[0]=name&fields[1]=memberSince'
    );
    expect(a.status).toBe(200);
    expect(b.headers['x-cache']).toBe('MISS');
    const names = (res: typeof a) =>
      (res.body as { data: Array<{ name: string }> }).data.map((city) => city.name);
    expect(names(a)).not.toEqual(names(b));
  });

  it('gives equal keys only to requests whose uncached answers are equal', async () => {
    // Parameters whose order may or may not matter, shuffled: equal keys must mean equal bodies.
    const pool = [
      'locale=de',
      'sort[name]=desc',
      'sort[memberSince]=asc',
      'sort[0]=key:asc',
      'sort[1]=name:asc',
      'fields[0]=name',
      'fields[1]=memberSince',
      'fields[2]=key',
      'populate[country][fields][0]=name',
      'populate[creativeField][fields][0]=key',
      'filters[memberSince][$gte]=2010',
      'filters[name][$startsWith]=B',
      'pagination[pageSize]=7',
      'pagination[page]=2',
    ];
    let equalKeys = 0;
    // Compared as parsed JSON: on PostgreSQL the same request twice may list populated
    // relations' keys in another order (they load concurrently), which no key can help.
    const uncached = async (query: string) => {
      const res = await request(baseUrl()).get(`/api/cities?${query}`).set(tokenHeader());
      return { status: res.status, body: JSON.parse(res.text) as unknown };
    };
    await fc.assert(
      fc.asyncProperty(
        fc
          .subarray(pool, { minLength: 1, maxLength: 6 })
          .chain((subset) =>
            fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length }))
          ),
        async ([one, two]) => {
          const left = one.join('&');
          const right = two.join('&');
          if (requestKey('/api/cities', left, {}) !== requestKey('/api/cities', right, {})) return;
          equalKeys += 1;
          expect(await uncached(right)).toEqual(await uncached(left));
        }
      ),
      { numRuns: 40 }
    );
    // The property was checked on pairs that share a key, not only skipped.
    expect(equalKeys).toBeGreaterThan(5);
  }, 300_000);
});

describe('every public path guarded', () => {
  it('serves the sitemap from the cache and computes it again after a write', async () => {
    const first = await requestFrom('127.0.1.12', '/sitemap.xml');
    expect(first.status).toBe(200);
    const second = await requestFrom('127.0.1.12', '/sitemap.xml');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBeDefined();

    const strapi = getStrapi();
    const [city] = await strapi.documents(CITY).findMany({ locale: 'de', limit: 1 });
    await strapi.documents(CITY).update({
      documentId: city.documentId,
      locale: 'de',
      data: { memberSince: city.memberSince ?? undefined },
      status: 'published',
    });
    const after = await requestFrom('127.0.1.12', '/sitemap.xml');
    expect(after.status).toBe(200);
    expect(after.headers['x-cache']).toBe('MISS');
  });

  it('limits the sitemap like the API', async () => {
    await withMissPath(
      (settings) => ({ ...settings, rateLimit: { ...settings.rateLimit, rate: 1, burst: 1 } }),
      async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          statuses.push((await requestFrom('127.0.1.13', `/sitemap.xml?n=${i}`)).status);
        }
        expect(statuses.slice(0, 2)).toEqual([200, 200]);
        expect(statuses[3]).toBe(429);
      }
    );
  });

  it('checks a cached GraphQL GET against CSRF prevention as Apollo does', async () => {
    const url = `/graphql?query=${encodeURIComponent('{ networkGoals(locale: "en") { position } }')}`;
    const preflighted = { 'apollo-require-preflight': 'true' };
    expect((await requestFrom('127.0.1.14', url, { headers: preflighted })).status).toBe(200);
    const hit = await requestFrom('127.0.1.14', url, { headers: preflighted });
    expect(hit.headers['x-cache']).toBe('HIT');
    const simple = await requestFrom('127.0.1.14', url);
    expect(simple.status).toBe(400);
    expect(JSON.stringify(simple.body)).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('timeouts and caps', () => {
  it('takes a slot in flight only once the body has arrived', async () => {
    await withMissPath(
      (settings) => ({
        ...settings,
        concurrency: { maxInFlight: 1, perClient: 1, queueSize: 1, queueTimeoutMs: 200 },
      }),
      async () => {
        const server = getStrapi().server.httpServer as Server;
        const arrived = new Promise<void>((resolve) => {
          const onRequest = (req: { url?: string }) => {
            if (req.url === '/api/cities?slow=1') {
              server.off('request', onRequest);
              resolve();
            }
          };
          server.on('request', onRequest);
        });
        const url = new URL(baseUrl());
        const slow = net.connect({
          host: url.hostname,
          port: Number(url.port),
          localAddress: '127.0.1.15',
        });
        slow.write(
          'POST /api/cities?slow=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            'Content-Length: 100\r\n\r\n{"da'
        );
        try {
          await arrived;
          // The slow request holds no slot: another client's uncached read runs.
          const other = await requestFrom(
            '127.0.1.16',
            '/api/network-goals?locale=de&pagination[page]=77'
          );
          expect(other.status).toBe(200);
          expect(service().stats()).toEqual({ inFlight: 0, queued: 0, held: 0 });
        } finally {
          slow.destroy();
        }
      }
    );
  });

  it('closes a connection whose headers do not arrive within the headers timeout', async () => {
    const server = getStrapi().server.httpServer as Server;
    const before = server.headersTimeout;
    const requestBefore = server.requestTimeout;
    server.headersTimeout = 300;
    server.requestTimeout = 300;
    try {
      const url = new URL(baseUrl());
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
          socket.write('GET /api/cities HTTP/1.1\r\nHost: x\r\n');
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      server.headersTimeout = before;
      server.requestTimeout = requestBefore;
    }
  });

  it('refuses connections over the per-address cap, and not those of other addresses', async () => {
    const cap = (getStrapi().plugin('api-guards').config('server') as ApiGuardsConfig['server'])
      .maxConnectionsPerAddress;
    const url = new URL(baseUrl());
    const open = (from: string) =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(
          { host: url.hostname, port: Number(url.port), localAddress: from },
          () => resolve(socket)
        );
        socket.on('error', reject);
      });
    const sockets: net.Socket[] = [];
    try {
      for (let i = 0; i < cap; i += 1) sockets.push(await open('127.0.1.17'));
      const over = await open('127.0.1.17');
      const closed = await new Promise<boolean>((resolve) => {
        over.on('close', () => resolve(true));
        over.on('error', () => undefined);
        over.write('GET /_health HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      expect(closed).toBe(true);
      expect((await requestFrom('127.0.1.18', '/_health')).status).toBe(204);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
