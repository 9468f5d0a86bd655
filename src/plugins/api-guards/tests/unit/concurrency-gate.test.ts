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
    let second: Release | null | undefined;
    void gate.acquire('a').then((release) => (second = release));
    expect(await gate.acquire('b')).toEqual(expect.any(Function));
    await Promise.resolve();
    expect(second).toBeUndefined();
    first();
    await Promise.resolve();
    expect(second).toEqual(expect.any(Function));
  });

  it('refuses at once when the queue is full or the client already waits', async () => {
    const gate = new ConcurrencyGate(options);
    await gate.acquire('a');
    await gate.acquire('b');
    void gate.acquire('c');
    expect(await gate.acquire('c')).toBeNull();
    void gate.acquire('d');
    expect(await gate.acquire('e')).toBeNull();
    expect(gate.stats()).toEqual({ inFlight: 2, queued: 2 });
  });

  it('refuses a waiter after queueTimeoutMs', async () => {
    jest.useFakeTimers();
    const gate = new ConcurrencyGate(options);
    await gate.acquire('a');
    await gate.acquire('b');
    const waiting = gate.acquire('c');
    jest.advanceTimersByTime(101);
    expect(await waiting).toBeNull();
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
