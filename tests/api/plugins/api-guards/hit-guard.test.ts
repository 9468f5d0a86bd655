/**
 * The front door's byte budget for cache hits answered before the app (server/src/hit-guard.ts,
 * registered with the response cache's `registerHitGuard`): hits are answered early and charged,
 * a client whose budget is spent is handed to the app and refused there with a 429.
 */
import type { ApiGuardsConfig } from '../../../../src/plugins/api-guards/server/src/config';
import type { MissPathService } from '../../../../src/plugins/api-guards/server/src/services/miss-path';
import { getStrapi } from '../../../helpers/strapi';
import { requestFrom } from '../../../helpers/client';

const MISS_PATH = 'plugin::api-guards.missPath';
const service = () => getStrapi().plugin('api-guards').service('miss-path') as MissPathService;
const earlyHits = () =>
  (
    getStrapi().plugin('response-cache').service('cache') as { stats(): { earlyHits: number } }
  ).stats().earlyHits;

async function withBudget(burstBytes: number, run: () => Promise<void>): Promise<void> {
  const original = getStrapi().config.get(MISS_PATH) as ApiGuardsConfig['missPath'];
  getStrapi().config.set(MISS_PATH, {
    ...original,
    rateLimit: { ...original.rateLimit, bytesPerSecond: 1000, burstBytes },
  });
  await service().reload();
  try {
    await run();
  } finally {
    getStrapi().config.set(MISS_PATH, original);
    await service().reload();
  }
}

describe('hits answered before the app pass the front door', () => {
  it.each([
    ['a REST list', '/api/countries?locale=en&pagination[pageSize]=100&sort=name'],
    ['the sitemap', '/sitemap.xml'],
  ])('%s: early hits are charged; a spent budget is refused by the app', async (_name, url) => {
    const first = await requestFrom('127.0.2.1', url);
    expect(first.status).toBe(200);
    const size = Number(first.headers['content-length']);
    expect(size).toBeGreaterThan(1000);
    await withBudget(size * 2, async () => {
      const before = earlyHits();
      const seen: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await requestFrom('127.0.2.2', url);
        seen.push(`${res.status} ${res.headers['x-cache'] ?? ''}`);
        if (res.status === 429) {
          expect(res.body).toMatchObject({ error: { name: 'RateLimitError' } });
        }
      }
      // Two answers fit the burst, the third takes it below zero, the fourth is refused.
      expect(seen).toEqual(['200 HIT', '200 HIT', '200 HIT', '429 ']);
      expect(earlyHits()).toBe(before + 3);
      // Another client has its own budget.
      expect((await requestFrom('127.0.2.3', url)).status).toBe(200);
    });
  });
});
