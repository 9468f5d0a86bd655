/**
 * The services the integration tests need, checked up front so that a missing one fails with a
 * message naming it and how to start it, instead of a connection error deep inside a test.
 */
import Redis from 'ioredis';
import { Client, type ClientConfig } from 'pg';

/** The local PostgreSQL server (PGHOST/PGPORT/PGUSER/PGPASSWORD, as scripts/lib/database-env.ts). */
export const postgres: ClientConfig = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
  database: 'postgres',
};

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function message(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Throws a clear error unless PostgreSQL accepts a connection. */
export async function requirePostgres(): Promise<void> {
  const client = new Client({ ...postgres, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${postgres.host}:${postgres.port} as ${postgres.user} ` +
        `(${message(error)}). Start it with \`pg_ctlcluster <version> main start\` (or \`.ci/run\`, ` +
        'which starts it), or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server.'
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws a clear error unless Redis answers PING. */
export async function requireRedis(): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${redisUrl} (${message(error)}). Start it with ` +
        '`redis-server --bind 127.0.0.1 --port 6379 --daemonize yes` (or `.ci/run`, which starts ' +
        'it), or set TEST_REDIS_URL.'
    );
  } finally {
    redis.disconnect();
  }
}
