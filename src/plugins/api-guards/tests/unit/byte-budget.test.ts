import fc from 'fast-check';
import { ByteBudget } from '../../server/src/lib/byte-budget';

describe('ByteBudget', () => {
  const settings = { bytesPerSecond: 1000, burstBytes: 5000 };

  it('lets a client spend its burst, then refuses it until it has refilled', () => {
    const budget = new ByteBudget(settings);
    expect(budget.waitMs('a', 0)).toBe(0);
    budget.charge('a', 4000, 0);
    expect(budget.waitMs('a', 0)).toBe(0);
    // One response larger than what is left puts the client in debt.
    budget.charge('a', 3000, 0);
    expect(budget.waitMs('a', 0)).toBe(2001);
    expect(budget.waitMs('a', 2000)).toBe(1);
    expect(budget.waitMs('a', 2001)).toBe(0);
    // Other clients are not affected.
    expect(budget.waitMs('b', 0)).toBe(0);
  });

  it('never saves up more than the burst', () => {
    const budget = new ByteBudget(settings);
    budget.charge('a', 1, 0);
    budget.charge('a', 5000, 1_000_000);
    // Exactly spent: refused until a byte has come back.
    expect(budget.waitMs('a', 1_000_000)).toBe(1);
  });

  it('forgets clients whose budget is full again, so memory follows recent clients', () => {
    const budget = new ByteBudget(settings);
    for (let i = 0; i < 5000; i += 1) budget.charge(`c${i}`, 10, 0);
    expect(budget.size).toBe(5000);
    // A minute later, the next sweep (as the map grows) drops the 5000 refilled clients.
    for (let i = 0; i < 200; i += 1) budget.charge(`late${i}`, 10, 60_000);
    expect(budget.size).toBeLessThanOrEqual(200);
  });

  it('over any sequence, a client receives at most burst + rate × time (+ one response)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 4000 })), {
          maxLength: 200,
        }),
        (steps) => {
          const budget = new ByteBudget(settings);
          let now = 0;
          let sent = 0;
          let largest = 0;
          for (const [advance, bytes] of steps) {
            now += advance;
            if (budget.waitMs('a', now) === 0) {
              budget.charge('a', bytes, now);
              sent += bytes;
              largest = Math.max(largest, bytes);
            }
          }
          expect(sent).toBeLessThanOrEqual(
            settings.burstBytes + (now / 1000) * settings.bytesPerSecond + largest
          );
        }
      )
    );
  });
});
