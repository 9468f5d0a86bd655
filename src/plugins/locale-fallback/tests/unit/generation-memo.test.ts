import { GenerationMemo } from '../../server/src/lib/generation-memo';

describe('GenerationMemo', () => {
  it('loads once per generation and again after the generation changed', async () => {
    const memo = new GenerationMemo<string>();
    let loads = 0;
    const load = async () => `value ${++loads}`;
    expect(await memo.get(0, load)).toBe('value 1');
    expect(await memo.get(0, load)).toBe('value 1');
    expect(await memo.get(1, load)).toBe('value 2');
    expect(await memo.get(1, load)).toBe('value 2');
    expect(loads).toBe(2);
  });

  it('shares one pending load between concurrent callers', async () => {
    const memo = new GenerationMemo<number>();
    let loads = 0;
    // A load that stays pending until released, so the second caller comes while it runs.
    let release: (value: number) => void = () => undefined;
    const pending = new Promise<number>((resolve) => {
      release = resolve;
    });
    const load = () => {
      loads += 1;
      return pending;
    };
    const both = Promise.all([memo.get(3, load), memo.get(3, load)]);
    release(42);
    expect(await both).toEqual([42, 42]);
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const memo = new GenerationMemo<string>();
    await expect(memo.get(0, () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down'
    );
    expect(await memo.get(0, async () => 'recovered')).toBe('recovered');
  });
});
