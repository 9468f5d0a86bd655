/**
 * Environment for one database, written `sqlite:<file>` or `postgres:<database name>` (the
 * PostgreSQL server comes from PGHOST/PGPORT/PGUSER/PGPASSWORD, defaults 127.0.0.1:5432,
 * postgres, no password). Used by the scripts that run the app against several databases.
 */
import path from 'node:path';
import { Client } from 'pg';
import { freshSecrets } from '../../src/lib/security/secrets';

export function databaseEnv(spec: string): Record<string, string> {
  const [client, ...rest] = spec.split(':');
  const target = rest.join(':');
  if (client === 'sqlite' && target) {
    return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.resolve(target) };
  }
  if (client === 'postgres' && target) {
    return {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: '',
      DATABASE_HOST: process.env.PGHOST ?? '127.0.0.1',
      DATABASE_PORT: process.env.PGPORT ?? '5432',
      DATABASE_USERNAME: process.env.PGUSER ?? 'postgres',
      DATABASE_PASSWORD: process.env.PGPASSWORD ?? '',
      DATABASE_NAME: target,
    };
  }
  throw new Error(`Unknown database "${spec}": use sqlite:<file> or postgres:<name>`);
}

/** The PostgreSQL server of {@link databaseEnv}, for creating and dropping databases. */
export const postgresServer = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

/**
 * Runs one statement on the server's `postgres` maintenance database: how throw-away databases
 * are created and dropped (`CREATE DATABASE` cannot run inside the database itself).
 */
export async function runOnPostgresServer(sql: string): Promise<void> {
  const client = new Client({ ...postgresServer, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Gives the process random values for the secrets Strapi needs to boot, where none are set
 * (CI has no .env). Scripts that only read or copy content never need the real ones.
 */
export function ensureThrowAwaySecrets(): void {
  for (const [name, value] of Object.entries(freshSecrets())) process.env[name] ??= value;
}
