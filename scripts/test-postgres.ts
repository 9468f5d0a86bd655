/**
 * `npm run test:postgres`: creates a throw-away database on the local PostgreSQL server, runs the
 * whole jest suite against it, and drops it again, whatever the outcome.
 *
 * Connection: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1, 5432, postgres, empty).
 * Extra arguments are passed to jest.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

const connection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

async function admin(sql: string): Promise<void> {
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const database = `ccn_test_${process.pid}_${Date.now()}`;
  await admin(`CREATE DATABASE ${database}`);
  console.log(`Created throw-away database ${database}`);
  try {
    const jest = path.resolve(__dirname, '..', 'node_modules', '.bin', 'jest');
    const run = spawnSync(jest, ['--runInBand', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: '',
        DATABASE_HOST: connection.host,
        DATABASE_PORT: String(connection.port),
        DATABASE_USERNAME: connection.user,
        DATABASE_PASSWORD: connection.password,
        DATABASE_NAME: database,
      },
    });
    return run.status ?? 1;
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
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
