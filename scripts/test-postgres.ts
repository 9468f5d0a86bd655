/**
 * `npm run test:postgres`: creates a throw-away database on the local PostgreSQL server, runs the
 * API and integration tiers against it (unit tests need no database), and drops it again, whatever the outcome.
 *
 * Connection: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1, 5432, postgres, empty), as in
 * scripts/lib/database-env.ts.
 * Extra arguments are passed to jest.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databaseEnv, runOnPostgresServer } from './lib/database-env';

async function main(): Promise<number> {
  const database = `ccn_test_${process.pid}_${Date.now()}`;
  await runOnPostgresServer(`CREATE DATABASE ${database}`);
  console.log(`Created throw-away database ${database}`);
  try {
    const jest = path.resolve(__dirname, '..', 'node_modules', '.bin', 'jest');
    const run = spawnSync(
      jest,
      ['--runInBand', ...process.argv.slice(2), '--selectProjects', 'api', 'integration'],
      {
        stdio: 'inherit',
        env: { ...process.env, ...databaseEnv(`postgres:${database}`) },
      }
    );
    return run.status ?? 1;
  } finally {
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    console.log(`Dropped ${database}`);
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
