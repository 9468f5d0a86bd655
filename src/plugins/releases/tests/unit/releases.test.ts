/** The plugin's pure modules: settings, scheduled times, the shape of entries, statuses. */
import { DEFAULT_CONFIG, parseReleasesConfig } from '../../server/src/lib/config';
import { checkEntries, checkName, type InputProblem } from '../../server/src/lib/entries';
import { inZone, parseScheduledAt } from '../../server/src/lib/scheduled-at';
import { isOpen, openStatus } from '../../server/src/lib/status';

describe('config', () => {
  it('fills defaults and reads numbers from the environment as strings', () => {
    expect(parseReleasesConfig({})).toEqual(DEFAULT_CONFIG);
    expect(parseReleasesConfig({ pollIntervalMs: '250', runScheduled: false })).toMatchObject({
      pollIntervalMs: 250,
      runScheduled: false,
    });
  });

  it.each([
    [{ pollIntervalMs: 10 }, /pollIntervalMs must be a whole number from 100/],
    [{ pollIntervalMs: 'fast' }, /pollIntervalMs/],
    [{ leaseSeconds: 1.5 }, /leaseSeconds/],
    [{ maxEntries: 0 }, /maxEntries/],
    [{ runScheduled: 'yes' }, /runScheduled must be true or false/],
    [{ pollInterval: 1000 }, /pollInterval is not an option/],
  ])('refuses %j naming the option', (raw, message) => {
    expect(() => parseReleasesConfig(raw as never)).toThrow(message);
  });
});

describe('scheduled times', () => {
  it('reads ISO 8601 with Z or an offset, and writes the instant back in that zone', () => {
    const berlin = parseScheduledAt('2026-10-01T09:00:00+02:00');
    expect(berlin).toEqual({ utc: new Date('2026-10-01T07:00:00Z'), zone: '+02:00' });
    if (typeof berlin === 'string') throw new Error(berlin);
    expect(inZone(berlin.utc, berlin.zone)).toBe('2026-10-01T09:00:00+02:00');
    expect(inZone(new Date('2026-10-01T02:30:00Z'), '-05:00')).toBe('2026-09-30T21:30:00-05:00');
    expect(inZone(new Date('2026-10-01T07:00:00.000Z'), 'Z')).toBe('2026-10-01T07:00:00Z');
    expect(parseScheduledAt('2026-10-01T07:00Z')).toEqual({
      utc: new Date('2026-10-01T07:00:00Z'),
      zone: 'Z',
    });
  });

  it.each([
    ['2026-10-01T09:00:00', /explicit zone/],
    ['2026-10-01', /explicit zone/],
    ['next tuesday', /explicit zone/],
    ['2026-02-29T09:00:00Z', /not a real date/],
    ['2026-10-01T24:00:00Z', /not a real date/],
    ['2026-10-01T09:00:00+15:00', /impossible UTC offset/],
  ])('refuses %s', (value, message) => {
    expect(parseScheduledAt(value)).toMatch(message);
  });

  it('refuses what is not a string', () => {
    expect(parseScheduledAt(1_700_000_000_000)).toMatch(/string/);
  });
});

describe('entries', () => {
  it('defaults the action to publish and the locale to null', () => {
    const problems: InputProblem[] = [];
    expect(checkEntries([{ uid: 'api::a.a', documentId: 'x' }], 10, problems)).toEqual([
      { uid: 'api::a.a', documentId: 'x', locale: null, action: 'publish' },
    ]);
    expect(problems).toEqual([]);
  });

  it('names each wrong entry by its index, and an entry twice', () => {
    const problems: InputProblem[] = [];
    checkEntries(
      [
        { uid: 'api::a.a', documentId: 'x', locale: 'de' },
        'nope',
        { uid: 'api::a.a', documentId: 'x', locale: 'de', action: 'unpublish' },
        { uid: 'api::a.a', documentId: 'y', extra: 1 },
      ],
      10,
      problems
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      ['entries', 1],
      ['entries', 2],
      ['entries', 3, 'extra'],
    ]);
    expect(problems[1].message).toMatch(/listed twice \(also entries\[0\]\)/);
  });

  it('refuses more entries than the limit, counting those the release has', () => {
    const problems: InputProblem[] = [];
    const existing = [
      { uid: 'api::a.a', documentId: 'x', locale: null, action: 'publish' as const },
    ];
    checkEntries([{ uid: 'api::a.a', documentId: 'y' }], 1, problems, existing);
    expect(problems[0].message).toMatch(/at most 1 entries, got 2/);
  });

  it('checks names', () => {
    const problems: InputProblem[] = [];
    expect(checkName('  Launch  ', problems)).toBe('Launch');
    checkName('', problems);
    checkName('two\nlines', problems);
    expect(problems).toHaveLength(2);
  });
});

describe('statuses', () => {
  it('keeps pending, scheduled and failed releases open', () => {
    expect(['pending', 'scheduled', 'failed'].every((s) => isOpen(s as never))).toBe(true);
    expect(isOpen('running')).toBe(false);
    expect(isOpen('done')).toBe(false);
    expect(openStatus(null)).toBe('pending');
    expect(openStatus(new Date())).toBe('scheduled');
  });
});
