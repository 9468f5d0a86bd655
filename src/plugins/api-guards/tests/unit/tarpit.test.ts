import { Tarpit } from '../../server/src/lib/tarpit';

afterEach(() => jest.useRealTimers());

describe('Tarpit', () => {
  it('holds a refusal for delayMs, at most the Retry-After', async () => {
    jest.useFakeTimers();
    const tarpit = new Tarpit({ delayMs: 1000, maxHeld: 10 });
    let answered = 0;
    void tarpit.hold()?.then(() => (answered += 1));
    void tarpit.hold(200)?.then(() => (answered += 1));
    expect(tarpit.size).toBe(2);
    await jest.advanceTimersByTimeAsync(200);
    expect(answered).toBe(1);
    await jest.advanceTimersByTimeAsync(800);
    expect(answered).toBe(2);
    expect(tarpit.size).toBe(0);
  });

  it('answers at once beyond maxHeld, or with no delay', () => {
    const full = new Tarpit({ delayMs: 1000, maxHeld: 1 });
    expect(full.hold()).toBeInstanceOf(Promise);
    expect(full.hold()).toBeUndefined();
    full.releaseAll();
    expect(new Tarpit({ delayMs: 0, maxHeld: 1 }).hold()).toBeUndefined();
  });

  it('answers every held refusal on releaseAll', async () => {
    const tarpit = new Tarpit({ delayMs: 60_000, maxHeld: 10 });
    const held = [tarpit.hold(), tarpit.hold()];
    tarpit.releaseAll();
    await Promise.all(held);
    expect(tarpit.size).toBe(0);
  });
});
