import { ConcurrencyGate, type Release } from '../../server/src/lib/concurrency-gate';

const options = { maxInFlight: 2, perClient: 1, queueSize: 2, queueTimeoutMs: 100 };

afterEach(() => jest.useRealTimers());

describe('ConcurrencyGate', () => {
  it('runs up to maxInFlight at once, one per client', async () => {
    const gate = new ConcurrencyGate(options);
    const a = await gate.acquire('a');
    const b = await gate.acquire('b');
    expect(a).toEqual(expect.any(Function));
    expect(b).toEqual(expect.any(Function));
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 0 });
  });

  it('queues a request until a slot frees, then runs it', async () => {
    const gate = new ConcurrencyGate(options);
    const a = (await gate.acquire('a')) as Release;
    await gate.acquire('b');
    const waiting = gate.acquire('c');
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 1 });
    a();
    expect(await waiting).toEqual(expect.any(Function));
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 0 });
  });

  it("keeps a client's second request waiting while other clients run", async () => {
    const gate = new ConcurrencyGate({ ...options, maxInFlight: 3 });
    const first = (await gate.acquire('a')) as Release;
    let second: Release | string | undefined;
    void gate.acquire('a').then((release) => (second = release));
    expect(await gate.acquire('b')).toEqual(expect.any(Function));
    await Promise.resolve();
    expect(second).toBeUndefined();
    first();
    await Promise.resolve();
    expect(second).toEqual(expect.any(Function));
  });

  it("refuses at once: the client's own share waiting ('client-share'), a queue full of others ('busy')", async () => {
    const gate = new ConcurrencyGate(options);
    await gate.acquire('a');
    await gate.acquire('b');
    void gate.acquire('c');
    expect(await gate.acquire('c')).toBe('client-share');
    void gate.acquire('d');
    expect(await gate.acquire('e')).toBe('busy');
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 2 });
  });

  it('gives freed slots round robin across clients, not to the oldest waiters', async () => {
    const gate = new ConcurrencyGate({
      maxInFlight: 1,
      perClient: 1,
      queueSize: 10,
      queueTimeoutMs: 60_000,
    });
    const order: string[] = [];
    let release = (await gate.acquire('heavy')) as Release;
    const waiters = ['heavy', 'light'].map((key) =>
      gate.acquire(key).then((outcome) => {
        order.push(key);
        return outcome as Release;
      })
    );
    // The heavy client ran last and queued first: the light one goes next.
    release();
    release = await waiters[1];
    release();
    release = await waiters[0];
    release();
    expect(order).toEqual(['light', 'heavy']);
  });

  it('makes room in a full queue by refusing the newest waiter of the client with the most', async () => {
    const gate = new ConcurrencyGate({
      maxInFlight: 1,
      perClient: 3,
      queueSize: 3,
      queueTimeoutMs: 60_000,
    });
    let release = (await gate.acquire('x')) as Release;
    const heavy = [gate.acquire('heavy'), gate.acquire('heavy'), gate.acquire('heavy')];
    // Full: a newcomer pushes out the heavy client's newest waiter, then its next newest.
    const light = gate.acquire('light');
    expect(await heavy[2]).toBe('client-share');
    const other = gate.acquire('other');
    expect(await heavy[1]).toBe('client-share');
    // One waiter each now: nobody is over the others, the queue is just full.
    expect(await gate.acquire('third')).toBe('busy');
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 3 });
    for (const waiter of [heavy[0], light, other]) {
      release();
      release = (await waiter) as Release;
    }
    release();
    expect(gate.stats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('refuses a waiter after queueTimeoutMs', async () => {
    jest.useFakeTimers();
    const gate = new ConcurrencyGate(options);
    await gate.acquire('a');
    await gate.acquire('b');
    const waiting = gate.acquire('c');
    jest.advanceTimersByTime(101);
    expect(await waiting).toBe('busy');
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 0 });
  });

  it('ignores a second release of the same slot', async () => {
    const gate = new ConcurrencyGate(options);
    const a = (await gate.acquire('a')) as Release;
    await gate.acquire('b');
    a();
    a();
    expect(gate.stats()).toEqual({ inFlight: 1, queued: 0 });
  });
});
