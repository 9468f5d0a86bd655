/** `npm run seed` as a child process against the database the test run booted. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { seedVersionCount } from '../helpers/seed-data';

describe('npm run seed', () => {
  it('re-syncs the running database without changing anything', () => {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/seed.ts'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, SEED_ON_BOOTSTRAP: 'false' },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `Seed: 0 created, 0 updated, ${seedVersionCount()} unchanged, 0 with an editor's change kept`
    );
  }, 180_000);
});
