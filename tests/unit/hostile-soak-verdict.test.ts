/** How `npm run soak -- --hostile` judges a phase against the numbers of issue 22. */
import { parseHostileArgs } from '../../scripts/hostile-soak';
import { ATTACK_NAMES, fragmentBomb, toManyBranches } from '../../scripts/hostile-soak/attacks';
import type { ProbeSummary } from '../../scripts/hostile-soak/prober';
import { emptyTally, mergeTallies, record, refusalMessage } from '../../scripts/hostile-soak/tally';
import {
  medianShare,
  missedMixShare,
  missedTargets,
  mixRounds,
  type PhaseResult,
} from '../../scripts/hostile-soak/verdict';

const probe = (overrides: Partial<ProbeSummary> = {}): ProbeSummary => ({
  sent: 30,
  failed: 0,
  failures: {},
  p50Ms: 3,
  p99Ms: 40,
  maxMs: 60,
  hits: 30,
  ...overrides,
});

const phase = (overrides: Partial<PhaseResult> = {}): PhaseResult => ({
  name: 'sitemap',
  attacks: ['sitemap'],
  seconds: 15,
  connections: 32,
  loadAverage: 1.5,
  perAttack: { sitemap: emptyTally() },
  attackers: emptyTally(),
  probes: { page: probe(), health: probe({ hits: 0 }), uncached: probe({ hits: 0 }) },
  judgesUncachedReads: false,
  server: {
    rssStartMb: 500,
    rssMaxMb: 600,
    heapUsedMaxMb: 200,
    heapTotalMaxMb: 260,
    externalMaxMb: 40,
    cpuSeconds: 10,
    cpuShare: 0.7,
    longestStallMs: 120,
    longestGcMs: 30,
    stderrBytes: 0,
  },
  loadToolsCpuSeconds: { attackers: 9, mix: 0 },
  recovered: true,
  recoverySeconds: 0,
  ...overrides,
});

const full = { timings: true };
const short = { timings: false };

describe('the hostile soak’s verdict', () => {
  it('passes a phase that meets every target', () => {
    expect(missedTargets(phase(), full)).toEqual([]);
  });

  it('fails on a probe that got no answer or took a second, in the CI version too', () => {
    const missed = missedTargets(
      phase({
        probes: {
          page: probe({ failed: 2, failures: { timeout: 2 } }),
          health: probe({ maxMs: 1000 }),
          uncached: probe({ failed: 30, failures: { 503: 30 } }),
        },
      }),
      short
    );
    expect(missed).toEqual([
      'cached page: 2 of 30 probes unanswered (timeout×2)',
      '/_health: worst probe 1000 ms (limit 1000)',
    ]);
  });

  it('judges the uncached reads only where the attack holds the slots they need', () => {
    const slow = phase({
      judgesUncachedReads: true,
      probes: {
        page: probe(),
        health: probe(),
        uncached: probe({ failed: 3, failures: { 503: 3 }, p99Ms: 900, maxMs: 2000 }),
      },
    });
    expect(missedTargets(slow, short)).toEqual([
      'uncached read: 3 of 30 probes unanswered (503×3)',
    ]);
  });

  it('judges the p99 only in the full version', () => {
    const slow = phase({
      probes: { page: probe({ p99Ms: 250 }), health: probe(), uncached: probe() },
      mix: { requestsPerSecond: 400, tally: emptyTally() },
    });
    expect(missedTargets(slow, short)).toEqual([]);
    expect(missedTargets(slow, full)).toEqual(['cached page: p99 250 ms (limit 200)']);
  });

  it('judges the website mix by the median of its rounds, each share within its round', () => {
    const mixPhase = (round: number, attacked: boolean, requestsPerSecond: number) =>
      phase({
        name: attacked ? `all at once, round ${round}` : `no attack, round ${round}`,
        round,
        attacks: attacked ? ['sitemap', 'floods'] : [],
        mix: { requestsPerSecond, tally: emptyTally() },
      });
    // The machine drifts between rounds (18,000 then 6,000 req/s alone): each round's share counts.
    const phases = [
      mixPhase(1, false, 18_000),
      mixPhase(1, true, 5_000),
      phase(),
      mixPhase(2, false, 6_000),
      mixPhase(2, true, 3_300),
      mixPhase(3, false, 9_000),
      mixPhase(3, true, 4_800),
    ];
    const rounds = mixRounds(phases);
    expect(rounds.map((round) => [round.round, round.aloneRps, round.attackedRps])).toEqual([
      [1, 18_000, 5_000],
      [2, 6_000, 3_300],
      [3, 9_000, 4_800],
    ]);
    expect(medianShare(rounds)).toBeCloseTo(4_800 / 9_000);
    expect(missedMixShare(rounds)).toEqual([]);
    const worse = mixRounds([
      ...phases.slice(0, 5),
      mixPhase(3, false, 9_000),
      mixPhase(3, true, 4_000),
    ]);
    expect(missedMixShare(worse)).toEqual([
      'website mix at 44 % of its throughput without attack (median of 3 rounds: 28 %, 55 %, 44 %; limit 50 %)',
    ]);
    expect(medianShare(rounds.slice(0, 2))).toBeCloseTo((5_000 / 18_000 + 3_300 / 6_000) / 2);
    expect(medianShare([])).toBeUndefined();
  });

  it('counts a 503 with Retry-After as a refusal, any other 5xx and wrong content as failures', () => {
    const tally = emptyTally();
    record(tally, { status: 503, ms: 5, bytes: 10, retryAfter: '1' });
    record(tally, { status: 503, ms: 5, bytes: 10 }, undefined, '/sitemap.xml');
    record(tally, { status: 500, ms: 5, bytes: 10 }, undefined, '/graphql');
    record(tally, { status: 200, ms: 5, bytes: 10 }, 'another order’s body');
    record(tally, { status: 0, ms: 5, bytes: 0, error: 'ECONNRESET' });
    const attackers = mergeTallies([tally, emptyTally()]);
    expect(attackers).toMatchObject({
      requests: 5,
      busy: 1,
      fivexx: 2,
      fivexxExamples: ['503 /sitemap.xml', '500 /graphql'],
      wrongAnswers: 1,
      errors: { ECONNRESET: 1 },
    });
    expect(attackers.bytes).toBe(40);
    expect(missedTargets(phase({ attackers }), short)).toEqual([
      '2 5xx to the attackers (200×1, 500×1, 503×2)',
      '1 wrong answers, e.g. another order’s body',
    ]);
  });

  it('counts refusals by message, numbers left out, so a refused visitor shows which guard it met', () => {
    const tally = emptyTally();
    const busy = (seconds: number) =>
      JSON.stringify({
        data: null,
        error: {
          status: 429,
          name: 'RateLimitError',
          message: `The server is busy and this client has sent more than its share of requests: retry after ${seconds} s`,
        },
      });
    record(tally, { status: 429, ms: 1000, bytes: 10, retryAfter: '1', body: busy(1) });
    record(tally, { status: 429, ms: 1000, bytes: 10, retryAfter: '2', body: busy(2) });
    record(tally, {
      status: 429,
      ms: 1000,
      bytes: 10,
      body: JSON.stringify({ errors: [{ message: 'Too many bytes requested: retry after 3 s' }] }),
    });
    record(tally, { status: 503, ms: 5, bytes: 10, body: 'Service Unavailable' });
    expect(mergeTallies([tally]).refusals).toEqual({
      'The server is busy and this client has sent more than its share of requests: retry after # s': 2,
      'Too many bytes requested: retry after # s': 1,
      '(not JSON)': 1,
    });
    expect(refusalMessage('{"error":{}}')).toBe('(no message)');
  });

  it('fails on RSS of 1 GB, a stall of a second and a server that had to be restarted', () => {
    const missed = missedTargets(
      phase({
        server: { ...phase().server, rssMaxMb: 1100, longestStallMs: 1500 },
        recovered: false,
        recoverySeconds: 60,
      }),
      short
    );
    expect(missed).toEqual([
      'server RSS 1100 MB (limit 1024)',
      'server event loop stalled 1500 ms',
      'server still unresponsive 60 s after the attack (restarted)',
    ]);
  });
});

describe('the hostile soak’s options and attacks', () => {
  it('runs every attack for 15 s at 32 connections by default, 3 s at 8 with --short', () => {
    expect(parseHostileArgs(['--hostile'])).toMatchObject({
      seconds: 15,
      connections: 32,
      only: ATTACK_NAMES,
      together: false,
      rounds: 3,
      short: false,
    });
    expect(parseHostileArgs(['--hostile', '--together', '--rounds', '5'])).toMatchObject({
      together: true,
      rounds: 5,
    });
    expect(parseHostileArgs(['--hostile', '--short', '--only', 'sitemap,slow-body'])).toMatchObject(
      { seconds: 3, connections: 8, only: ['sitemap', 'slow-body'], short: true }
    );
    expect(() => parseHostileArgs(['--only', 'nope'])).toThrow(/Unknown attack nope/);
  });

  it('builds a fragment bomb of 1 KB and to-many branches as the issue describes', () => {
    const bomb = fragmentBomb(25, 1);
    expect(bomb.length).toBeLessThan(1100);
    expect(bomb).toContain('fragment F25 on City { ...F24 ...F24 }');
    expect(toManyBranches(2, 7)).toBe(
      'filters[$or][0][country][cities][name][$containsi]=zzq7&filters[$or][1][country][cities][name][$containsi]=zzq7'
    );
  });
});
