/**
 * The public `batch(work)`: the writes of many documents in one transaction are evicted here and
 * published to other instances and the shared cache once, when the batch ends.
 */
import request from 'supertest';
import { baseUrl } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';

const GOAL = 'api::network-goal.network-goal';

interface Goal {
  documentId: string;
  title: string;
}

interface CacheService {
  batch<T>(work: () => Promise<T>): Promise<T>;
  stats(): { publishedChanges: number };
}

function cache(): CacheService {
  return getStrapi().plugin('response-cache').service('cache') as CacheService;
}

let reads = 0;
/** Filters that show only this goal, with a fresh cache key each time. */
function showing(goal: Goal): string {
  reads += 1;
  return `filters[documentId][$eq]=${goal.documentId}&filters[title][$ne]=batch-test-${Date.now()}-${reads}`;
}

function retitle(goal: Goal, title: string): Promise<unknown> {
  return getStrapi()
    .documents(GOAL)
    .update({
      documentId: goal.documentId,
      locale: 'en',
      data: { title } as never,
      status: 'published',
    });
}

describe('response-cache batch(work)', () => {
  let goals: Goal[] = [];

  beforeAll(async () => {
    const res = await request(baseUrl()).get('/api/network-goals?locale=en&sort=position:asc');
    goals = (res.body.data as Goal[]).slice(0, 3);
    expect(goals).toHaveLength(3);
  });

  afterAll(async () => {
    for (const goal of goals) await retitle(goal, goal.title);
  });

  it('publishes the writes of a transaction of three documents once, and the reads see them', async () => {
    const path = `/api/network-goals?locale=en&${showing(goals[0])}`;
    await request(baseUrl()).get(path).expect(200);
    expect((await request(baseUrl()).get(path).expect(200)).headers['x-cache']).toBe('HIT');

    const before = cache().stats().publishedChanges;
    await cache().batch(() =>
      getStrapi().db.transaction(async () => {
        for (const goal of goals) await retitle(goal, `${goal.title} (batch)`);
      })
    );
    expect(cache().stats().publishedChanges - before).toBe(1);

    const after = await request(baseUrl()).get(path).expect(200);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.data[0].title).toBe(`${goals[0].title} (batch)`);
  });

  it('without a batch the same writes publish once per write', async () => {
    const before = cache().stats().publishedChanges;
    for (const goal of goals) await retitle(goal, `${goal.title} (single)`);
    expect(cache().stats().publishedChanges - before).toBe(3);
  });

  it('publishes once when the work fails, and a nested batch joins the outer one', async () => {
    const before = cache().stats().publishedChanges;
    await expect(
      cache().batch(async () => {
        await retitle(goals[0], `${goals[0].title} (outer)`);
        await cache().batch(() => retitle(goals[1], `${goals[1].title} (inner)`));
        throw new Error('work failed');
      })
    ).rejects.toThrow('work failed');
    expect(cache().stats().publishedChanges - before).toBe(1);
    const res = await request(baseUrl())
      .get(`/api/network-goals?locale=en&${showing(goals[1])}`)
      .expect(200);
    expect(res.body.data[0].title).toBe(`${goals[1].title} (inner)`);
  });
});
