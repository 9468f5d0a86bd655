/**
 * The count memo's rules (server/src/lib/count-memo.ts) on a Document Service stand-in that
 * counts how often the database would be asked: the app's API test
 * (tests/api/plugins/miss-path-speedups/count-memo.test.ts) checks the answers on the real app.
 */
import { installCountMemo, isPlainData, type CountContext } from '../../server/src/lib/count-memo';

type Middleware = (context: CountContext, next: () => Promise<unknown>) => Promise<unknown>;

function host() {
  let middleware: Middleware | undefined;
  const state = { generation: 1, inTransaction: false, asked: 0, rows: 42 };
  const stats = installCountMemo({
    documents: { use: (m: Middleware) => (middleware = m) },
    generation: () => state.generation,
    inTransaction: () => state.inTransaction,
  });
  const count = (params: unknown, action = 'count'): Promise<unknown> =>
    (middleware as Middleware)({ action, uid: 'api::city.city', params }, async () => {
      state.asked += 1;
      return action === 'count' ? state.rows : [];
    });
  return { state, stats, count };
}

describe('count memo', () => {
  it('answers the same filter again without asking, for every page and sort', async () => {
    const { state, count } = host();
    const filters = { creativeField: { key: { $eq: 'music' } } };
    expect(await count({ locale: 'en', filters, page: 1, pageSize: 25 })).toBe(42);
    expect(await count({ locale: 'en', filters, page: 9, sort: 'name', populate: '*' })).toBe(42);
    expect(state.asked).toBe(1);
    // Another filter or locale is another count.
    expect(await count({ locale: 'de', filters })).toBe(42);
    expect(await count({ locale: 'en', filters: { key: 'x' } })).toBe(42);
    expect(state.asked).toBe(3);
  });

  it('asks again once the generation moved, also when it moved during the count', async () => {
    const { state, count } = host();
    await count({ locale: 'en' });
    state.generation += 1;
    state.rows = 43;
    expect(await count({ locale: 'en' })).toBe(43);
    expect(state.asked).toBe(2);
    // A write lands while the count runs: the number is returned but not kept.
    const during = host();
    const { count: countDuring } = during;
    await countDuring({ locale: 'en' });
    during.state.generation += 1;
    const racing = countDuring({ locale: 'fr' });
    during.state.generation += 1;
    await racing;
    await countDuring({ locale: 'fr' });
    expect(during.state.asked).toBe(3);
  });

  it('never answers inside a transaction, other actions or parameters that are not plain data', async () => {
    const { state, count } = host();
    await count({ locale: 'en' });
    state.inTransaction = true;
    await count({ locale: 'en' });
    state.inTransaction = false;
    await count({ locale: 'en' }, 'findMany');
    await count({ locale: 'en', filters: { createdAt: new Date(0) } });
    await count({ locale: 'en', filters: { createdAt: new Date(0) } });
    expect(state.asked).toBe(5);
  });

  it('isPlainData takes JSON-shaped values only', () => {
    expect(isPlainData({ a: [1, 'b', null, true, { c: undefined }] })).toBe(true);
    expect(isPlainData(Object.create(null))).toBe(true);
    expect(isPlainData({ a: () => 1 })).toBe(false);
    expect(isPlainData({ a: new Date() })).toBe(false);
    expect(isPlainData({ a: Number.NaN })).toBe(false);
  });
});
