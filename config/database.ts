import path from 'path';
import type { Core } from '@strapi/strapi';

type ClientKind = 'sqlite' | 'postgres';

/** The SQLite handle knex hands to `afterCreate` (better-sqlite3's `Database`). */
interface SqliteHandle {
  pragma(source: string): unknown;
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(
      `Unsupported DATABASE_CLIENT "${client}": use "sqlite" (default) or "postgres".`
    );
  }

  const connections: Record<ClientKind, Core.Config.Database['connection']> = {
    postgres: {
      client: 'postgres',
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'creative_cities'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        ssl: env.bool('DATABASE_SSL', false) && {
          rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
        },
        schema: env('DATABASE_SCHEMA', 'public'),
        // The backstop for a query that runs away (a filter the api-guards limits let through,
        // grown data): the server cancels any statement after this many ms and the API answers
        // 503 instead of holding a connection and a CPU. 0: no limit (long maintenance scripts).
        statement_timeout: env.int('DATABASE_STATEMENT_TIMEOUT', 5000),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
    },
    sqlite: {
      client: 'sqlite',
      connection: {
        // resolve, not join: an absolute DATABASE_FILENAME (used by the tests) stays absolute.
        // Compiled config lives in dist/config, hence two levels up to the project root.
        filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      pool: {
        // WAL lets readers proceed while a write is in progress; the busy timeout makes a second
        // writer wait instead of failing with SQLITE_BUSY. synchronous=NORMAL is durable in WAL
        // mode except for the last transactions before a power loss. A 64 MB page cache and
        // memory-mapped reads (256 MB) keep the database's pages in memory, temporary b-trees
        // (ORDER BY, DISTINCT) too.
        afterCreate: (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
          const handle = connection as SqliteHandle;
          handle.pragma('journal_mode = WAL');
          handle.pragma(`busy_timeout = ${env.int('DATABASE_BUSY_TIMEOUT', 5000)}`);
          handle.pragma('synchronous = NORMAL');
          handle.pragma('cache_size = -65536');
          handle.pragma('mmap_size = 268435456');
          handle.pragma('temp_store = MEMORY');
          // The statement cache per connection: the miss-path-speedups plugin (config/plugins.ts).
          done(undefined, handle);
        },
      },
    },
  };

  return {
    connection: {
      ...connections[client],
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};

export default config;
