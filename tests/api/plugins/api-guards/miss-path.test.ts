/**
 * The guarded miss path against the booted app: per-client rate limit (429 + Retry-After), the
 * bound on requests in flight (queue, then 503 + Retry-After), and what is never limited (cache
 * hits, /_health, requests with an Authorization header). The suite runs with generous limits
 * (tests/helpers/global-setup.ts); this file lowers them at run time and restores them.
 */
import type { ApiGuardsConfig } from '../../../../src/plugins/api-guards/server/src/config';
import type { MissPathService } from '../../../../src/plugins/api-guards/server/src/services/miss-path';
import { tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import { until } from '../../../helpers/until';
import { requestFrom } from '../../../helpers/client';

const KEY = 'plugin::api-guards.missPath';
let original: ApiGuardsConfig['missPath'];
const service = () => getStrapi().plugin('api-guards').service('miss-path') as MissPathService;

async function useLimits(limits: {
  rateLimit?: Partial<ApiGuardsConfig['missPath']['rateLimit']>;
  concurrency?: Partial<ApiGuardsConfig['missPath']['concurrency']>;
  fairShare?: Partial<ApiGuardsConfig['missPath']['fairShare']>;
  tarpit?: Partial<ApiGuardsConfig['missPath']['tarpit']>;
}): Promise<void> {
  getStrapi().config.set(KEY, {
    ...original,
    rateLimit: { ...original.rateLimit, ...limits.rateLimit },
    concurrency: { ...original.concurrency, ...limits.concurrency },
    fairShare: { ...original.fairShare, ...limits.fairShare },
    tarpit: { ...original.tarpit, ...limits.tarpit },
  });
  await service().reload();
}

/** A URL no other request asks for, so the response cache cannot answer it. */
let unique = 0;
const freshUrl = () =>
  `/api/network-goals?pagination[pageSize]=1&pagination[page]=${(unique += 1) + 5000}&locale=en`;

beforeAll(() => {
  original = getStrapi().config.get(KEY) as ApiGuardsConfig['missPath'];
});

afterAll(async () => {
  getStrapi().config.set(KEY, original);
  await service().reload();
});

describe('per-client rate limit', () => {
  beforeEach(() => useLimits({ rateLimit: { rate: 1, burst: 2, burstWindowSeconds: 60 } }));

  it('answers a client over its rate with 429 and Retry-After, and not another client', async () => {
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push(await requestFrom('127.0.0.1', freshUrl()));
    // 1 per second plus a burst of 2: the first three pass; of twelve, at most 3 + one per
    // second passed can (a loaded machine may take seconds for them, so not "the sixth").
    expect(answers.slice(0, 3).map((res) => res.status)).toEqual([200, 200, 200]);
    const limited = answers.find((res) => res.status !== 200);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited?.body).toMatchObject({
      data: null,
      error: { status: 429, name: 'RateLimitError' },
    });

    const other = await requestFrom('127.0.0.2', freshUrl());
    expect(other.status).toBe(200);
  });

  it('refuses before the request logger, with CORS headers; /_health is answered before it too', async () => {
    const strapi = getStrapi();
    const logged: string[] = [];
    const http = strapi.log.http;
    strapi.log.http = ((message: string) => {
      logged.push(message);
      return strapi.log;
    }) as typeof strapi.log.http;
    const statuses: number[] = [];
    let refused;
    let health;
    try {
      for (let i = 0; i < 6; i += 1) {
        const res = await requestFrom('127.0.0.11', freshUrl(), {
          headers: { Origin: 'https://some-website.example' },
        });
        statuses.push(res.status);
        if (res.status === 429) refused = res;
      }
      health = await requestFrom('127.0.0.11', '/_health');
    } finally {
      strapi.log.http = http;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(refused?.headers['access-control-allow-origin']).toBe('https://some-website.example');
    expect(refused?.headers['x-content-type-options']).toBe('nosniff');
    // strapi::logger logs "GET <url> (<ms> ms) <status>" once per request it runs for.
    const lines = logged.filter((line) => line.startsWith('GET /api/network-goals?'));
    expect(lines.length).toBe(statuses.filter((status) => status === 200).length);
    expect(lines.some((line) => line.endsWith(' 429'))).toBe(false);

    expect(health.status).toBe(204);
    expect(health.headers.strapi).toBe('You are so French!');
    expect(logged.some((line) => line.includes('/_health'))).toBe(false);
  });

  it('answers GraphQL over the rate with a GraphQL-shaped 429', async () => {
    const query = (n: number) => ({
      query: `{ networkGoals(pagination: { page: ${n + 9000} }) { title } }`,
    });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i += 1) {
      last = await requestFrom('127.0.0.3', '/graphql', { body: query((unique += 1)) });
      statuses.push(last.status);
    }
    expect(statuses[5]).toBe(429);
    expect(last?.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
  });

  it('leaves cache hits, /_health and authenticated requests alone', async () => {
    const cached = freshUrl();
    expect((await requestFrom('127.0.0.4', cached)).status).toBe(200);
    const hit = await requestFrom('127.0.0.4', cached);
    expect(hit.headers['x-cache']).toBe('HIT');
    for (let i = 0; i < 6; i += 1) await requestFrom('127.0.0.4', freshUrl());
    expect((await requestFrom('127.0.0.4', freshUrl())).status).toBe(429);

    const again = await requestFrom('127.0.0.4', cached);
    expect(again.status).toBe(200);
    expect(again.headers['x-cache']).toBe('HIT');
    expect((await requestFrom('127.0.0.4', '/_health')).status).toBe(204);
    const withToken = await requestFrom('127.0.0.4', freshUrl(), { headers: tokenHeader() });
    expect(withToken.status).toBe(200);
  });
});

describe('GraphQL cost against the allowance', () => {
  beforeEach(() =>
    useLimits({
      rateLimit: { rate: 1, burst: 20, burstWindowSeconds: 60, graphqlCostPerRequest: 250 },
    })
  );

  // 90 countries × (1 + 25 cities × (1 + 1 country)) = 4590: 18 requests' worth.
  const heavy = (n: number) => ({
    query: `{ countries(pagination: { pageSize: 90 }, filters: { name: { notContains: "${n}" } }) { name cities { name country { name } } } }`,
  });

  it('charges an anonymous client by cost and answers 429 once its allowance is spent', async () => {
    const first = await requestFrom('127.0.0.9', '/graphql', { body: heavy((unique += 1)) });
    expect(first.status).toBe(200);
    const second = await requestFrom('127.0.0.9', '/graphql', { body: heavy((unique += 1)) });
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(second.body).toMatchObject({
      errors: [
        {
          message: expect.stringMatching(/^Too many requests: this query \(cost 4590\)/),
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    // Another client, and the same client with a token, still run it.
    expect(
      (await requestFrom('127.0.0.10', '/graphql', { body: heavy((unique += 1)) })).status
    ).toBe(200);
    const withToken = await requestFrom('127.0.0.9', '/graphql', {
      body: heavy((unique += 1)),
      headers: tokenHeader(),
    });
    expect(withToken.status).toBe(200);
  });
});

describe('requests in flight', () => {
  beforeEach(() =>
    useLimits({ concurrency: { maxInFlight: 1, perClient: 1, queueSize: 1, queueTimeoutMs: 300 } })
  );

  /** Takes the only slot, as a long request of another client would. */
  async function occupy(): Promise<() => void> {
    const admission = await service().admit('198.51.100.7');
    if (!admission.admitted) throw new Error('the slot was not free');
    return admission.release;
  }

  it('queues a miss while the slots are taken and runs it when one frees', async () => {
    const release = await occupy();
    const waiting = requestFrom('127.0.0.5', freshUrl());
    await until('the request is queued', () => service().stats().queued === 1);
    expect(service().stats()).toEqual({ inFlight: 1, queued: 1, held: 0 });
    release();
    expect((await waiting).status).toBe(200);
  });

  it('answers 503 with Retry-After when the queue is full or the wait too long', async () => {
    const release = await occupy();
    try {
      const queued = requestFrom('127.0.0.5', freshUrl());
      await until('the first request is queued', () => service().stats().queued === 1);
      const full = await requestFrom('127.0.0.6', freshUrl());
      expect(full.status).toBe(503);
      expect(full.headers['retry-after']).toBe('1');
      expect(full.body).toMatchObject({ error: { status: 503, name: 'ServiceUnavailableError' } });

      const timedOut = await queued;
      expect(timedOut.status).toBe(503);
    } finally {
      release();
    }
  });

  it('keeps answering /_health and cache hits while saturated', async () => {
    const cached = freshUrl();
    expect((await requestFrom('127.0.0.7', cached)).status).toBe(200);
    const release = await occupy();
    try {
      // The only slot stays taken until the end: a request that queued could only end in a 503
      // (after queueTimeoutMs), so these answers show that neither entered the queue.
      expect((await requestFrom('127.0.0.7', '/_health')).status).toBe(204);
      const hit = await requestFrom('127.0.0.8', cached);
      expect(hit.status).toBe(200);
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(service().stats()).toEqual({ inFlight: 1, queued: 0, held: 0 });
    } finally {
      release();
    }
  });
});

describe('fair admission of queued misses', () => {
  beforeEach(() =>
    useLimits({
      concurrency: { maxInFlight: 1, perClient: 3, queueSize: 3, queueTimeoutMs: 30_000 },
    })
  );

  it('gives a full queue a place to a second client and takes turns between clients', async () => {
    const release = await service().admit('198.51.100.7');
    if (!release.admitted) throw new Error('the slot was not free');
    const order: string[] = [];
    const from = (who: string, address: string) =>
      requestFrom(address, freshUrl()).then((res) => {
        order.push(`${who} ${res.status}`);
        return res;
      });
    // One address fills the whole queue first.
    const heavy = [];
    for (let i = 0; i < 3; i += 1) {
      heavy.push(from(`heavy${i + 1}`, '127.0.0.31'));
      await until(`heavy request ${i + 1} is queued`, () => service().stats().queued === i + 1);
    }
    // A second address still gets in: the heavy one's newest waiter is refused with 429.
    const light = from('light', '127.0.0.32');
    const pushedOut = await heavy[2];
    expect(pushedOut.status).toBe(429);
    expect(pushedOut.body).toMatchObject({
      error: {
        name: 'RateLimitError',
        message: expect.stringMatching(/^Too many requests from this client are waiting already/),
      },
    });
    expect(Number(pushedOut.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    release.release();
    await Promise.all([...heavy, light]);
    // One slot: the heavy address's first request, then the light one before its second.
    expect(order).toEqual(['heavy3 429', 'heavy1 200', 'light 200', 'heavy2 200']);
  });
});

describe('fair share of a saturated server', () => {
  // busyAbove 0: saturated from the first request, so the test does not depend on the load.
  beforeEach(() =>
    useLimits({
      fairShare: { enabled: true, busyAbove: 0, factor: 2, windowMs: 600_000, minPerWindow: 2 },
    })
  );

  it('holds one address flooding cache hits to its share; the others keep being answered', async () => {
    const cached = freshUrl();
    const visitors = ['127.0.0.41', '127.0.0.42', '127.0.0.43'];
    for (const visitor of visitors) {
      for (let i = 0; i < 2; i += 1) expect((await requestFrom(visitor, cached)).status).toBe(200);
    }
    // The typical address made 2 requests: twice that is the flooding address's share.
    const flood: Array<{ status: number; cache?: string | string[] }> = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await requestFrom('127.0.0.44', cached);
      flood.push({ status: res.status, cache: res.headers['x-cache'] });
    }
    expect(flood.map((res) => res.status)).toEqual([
      200, 200, 200, 200, 429, 429, 429, 429, 429, 429,
    ]);
    expect(flood[1].cache).toBe('HIT');
    const refused = await requestFrom('127.0.0.44', cached);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.body).toMatchObject({
      error: {
        name: 'RateLimitError',
        message: expect.stringMatching(/more than its share of requests/),
      },
    });
    // The visitors are answered up to the same share; an API token is never held to one.
    for (const visitor of visitors) expect((await requestFrom(visitor, cached)).status).toBe(200);
    const withToken = await requestFrom('127.0.0.44', cached, { headers: tokenHeader() });
    expect(withToken.status).toBe(200);
  });

  it('holds refusals in the tarpit, at most maxHeld at once', async () => {
    await useLimits({
      fairShare: { enabled: true, busyAbove: 0, factor: 1, windowMs: 600_000, minPerWindow: 1 },
      tarpit: { delayMs: 600_000, maxHeld: 1 },
    });
    const cached = freshUrl();
    expect((await requestFrom('127.0.0.51', cached)).status).toBe(200);
    expect((await requestFrom('127.0.0.52', cached)).status).toBe(200);
    const held = requestFrom('127.0.0.52', cached);
    await until('the refusal is held', () => service().stats().held === 1);
    // The tarpit is full: the next refusal is answered at once.
    expect((await requestFrom('127.0.0.52', cached)).status).toBe(429);
    expect(service().stats().held).toBe(1);
    // A reload (and a shutdown) answers what is held.
    await service().reload();
    expect((await held).status).toBe(429);
  });
});
