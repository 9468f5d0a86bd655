/**
 * The CI version of `npm run soak -- --hostile` (issue 22): each attack for 3 s at 8 connections
 * against a production server of its own, then all of them at once, as a child process. What a
 * visitor relies on is asserted, not timings beyond the bound of 1 s for the worst probe:
 * every probe of the cached page and `/_health` answered, none after 1 s, no 5xx, no wrong
 * answer, RSS under 1 GB, the server responsive after each attack.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ATTACK_NAMES } from '../../scripts/hostile-soak/attacks';
import type { PhaseResult } from '../../scripts/hostile-soak/verdict';

/** Every attack (`bad-input` too, since list pagination refuses `1e308` with a 400). */
const CI_ATTACKS = [...ATTACK_NAMES];

const ROOT = path.resolve(__dirname, '..', '..');

/** The limits the jest run raised for its own requests must not reach the soak's server. */
const productionEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(API_|QUERY_COUNT_HEADER$|DATABASE_|PORT$|HOST$)/.test(name)
    )
  );

describe('npm run soak -- --hostile --short', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccn-hostile-ci-'));
  const report = path.join(dir, 'phases.json');
  let phases: Array<PhaseResult & { missed: string[] }> = [];

  beforeAll(() => {
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        'scripts/soak.ts',
        '--hostile',
        '--short',
        // The jest run has just compiled the app.
        '--no-compile',
        '--only',
        CI_ATTACKS.join(','),
        '--json',
        report,
      ],
      { cwd: ROOT, env: productionEnv(), encoding: 'utf8', timeout: 540_000 }
    );
    // The soak's own report says what went wrong when there are no figures to assert.
    if (!existsSync(report))
      throw new Error(
        `the soak wrote no figures:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`
      );
    // The report is { phases, mixRounds, … } since the mix is judged over rounds (--short runs no mix).
    phases = (JSON.parse(readFileSync(report, 'utf8')) as { phases: typeof phases }).phases;
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ran each attack alone and then all of them at once', () => {
    expect(phases.map((phase) => phase.name)).toEqual([...CI_ATTACKS, 'all at once']);
  });

  describe.each([...CI_ATTACKS, 'all at once'])('under %s', (name) => {
    const phase = () => {
      const found = phases.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no phase ${name} in the soak's report`);
      return found;
    };

    it('the cached page and /_health answer every probe, none after 1 s', () => {
      const { page, health } = phase().probes;
      expect({ page: page.failures, health: health.failures }).toEqual({ page: {}, health: {} });
      expect(page.sent).toBeGreaterThan(0);
      expect(Math.max(page.maxMs, health.maxMs)).toBeLessThan(1000);
    });

    it('no 5xx and no wrong answer to the attackers', () => {
      const { fivexx, fivexxExamples, wrongAnswers } = phase().attackers;
      expect({ fivexx, fivexxExamples, wrongAnswers }).toEqual({
        fivexx: 0,
        fivexxExamples: [],
        wrongAnswers: 0,
      });
      // It attacked: answered requests, slow bodies held to the end, or slow-header sockets.
      const { requests, heldToTheEnd, socketsOpened } = phase().attackers;
      expect(requests + heldToTheEnd + socketsOpened).toBeGreaterThan(0);
    });

    it('the server stays under 1 GB and answers again after the attack', () => {
      expect(phase().server.rssMaxMb).toBeLessThan(1024);
      expect(phase().recovered).toBe(true);
    });
  });
});
