/**
 * Tools a website developer runs on the committed public spec (openapi/openapi.json, which
 * tests/api/contract-artifacts.test.ts keeps equal to the served /openapi.json), as child
 * processes: Redocly CLI's recommended rules, and openapi-typescript, whose output is the
 * committed examples/openapi-fetch/api.d.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const REDOCLY = path.join(BIN, 'redocly');

/**
 * Warnings that stay: the project states no license, and `servers` is the public URL setting,
 * which is localhost where `npm run api:generate` runs.
 */
const ACCEPTED_WARNINGS = ['info-license', 'no-server-example.com'];

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{
    ruleId: string;
    severity: 'error' | 'warn';
    message: string;
    location: Array<{ pointer: string }>;
  }>;
}

describe('redocly lint openapi/openapi.json', () => {
  let report: LintReport;

  beforeAll(() => {
    const run = spawnSync(REDOCLY, ['lint', 'openapi/openapi.json', '--format=json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    if (!run.stdout) throw new Error(`redocly lint printed no report: ${run.stderr}`);
    report = JSON.parse(run.stdout) as LintReport;
  });

  const describeProblem = (problem: LintReport['problems'][number]) =>
    `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`;

  it('reports no error', () => {
    const errors = report.problems.filter((problem) => problem.severity === 'error');
    expect(errors.map(describeProblem)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('reports only the accepted warnings', () => {
    const unexpected = report.problems.filter(
      (problem) => problem.severity === 'warn' && !ACCEPTED_WARNINGS.includes(problem.ruleId)
    );
    expect(unexpected.map(describeProblem)).toEqual([]);
  });
});

describe('examples/openapi-fetch/api.d.ts', () => {
  it('is what openapi-typescript generates from openapi/openapi.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openapi-types-'));
    try {
      const output = path.join(dir, 'api.d.ts');
      const run = spawnSync(
        path.join(BIN, 'openapi-typescript'),
        ['openapi/openapi.json', '-o', output],
        { cwd: ROOT, encoding: 'utf8' }
      );
      expect(run.status).toBe(0);
      const file = 'examples/openapi-fetch/api.d.ts';
      const hint = 'differs from the generated types: run `npm run api:generate` and commit it';
      expect({ file, hint, types: readFileSync(output, 'utf8') }).toEqual({
        file,
        hint,
        types: readFileSync(path.join(ROOT, file), 'utf8'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
