/**
 * Every Strapi API this plugin wraps or uses that Strapi does not document as public, behind typed
 * adapters. Each speed-up in ./lib works on the narrow interface it declares; the adapters below
 * hand it the app's objects. The contract tests under ../../tests name the API that changed when
 * an upgrade breaks one: tests/api/content-api-memo.contract.test.ts,
 * output-sanitizer-fast-path.contract.test.ts, reads-without-transaction.contract.test.ts,
 * statement-cache.contract.test.ts and tests/unit/statement-cache.contract.test.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { ContentApi } from './lib/content-api-memo';
import type { OutputSanitizerHost } from './lib/output-sanitizer-fast-path';
import type { DocumentService, TransactionalDatabase } from './lib/reads-without-transaction';
import type { PreparingConnection } from './lib/statement-cache';

/**
 * Strapi internal API: `strapi.contentAPI.permissions.engine.generateAbility`,
 * `strapi.contentAPI.validate.query` and `strapi.contentAPI.sanitize.query`, replaced in place.
 */
export function contentApiOf(strapi: Core.Strapi): ContentApi {
  return strapi.contentAPI as unknown as ContentApi;
}

/**
 * Strapi internal API: `strapi.contentAPI.sanitize.output` (replaced in place), the output
 * sanitizers plugins register (`strapi.sanitizers.get('content-api.output')`) and
 * `strapi.auth.verify` as Strapi's own relation walk calls it (one scope as a string).
 */
export function outputSanitizerHostOf(strapi: Core.Strapi): OutputSanitizerHost {
  const known = usersPermissionsOutputSanitizer();
  return {
    sanitize: strapi.contentAPI.sanitize as unknown as OutputSanitizerHost['sanitize'],
    getModel: (uid) =>
      strapi.getModel(uid as never) as unknown as ReturnType<OutputSanitizerHost['getModel']>,
    registeredOutputSanitizers: () => strapi.sanitizers.get('content-api.output') ?? [],
    knownOutputSanitizers: new Set(known === undefined ? [] : [known]),
    verify: (auth, config) => strapi.auth.verify(auth as never, config as never),
  };
}

/** Where users-permissions keeps its output sanitizer (not exported by the plugin). */
export const USERS_PERMISSIONS_SANITIZERS_FILE = 'dist/server/utils/sanitize/sanitizers.js';

/**
 * Strapi internal API: the output sanitizer the users-permissions plugin registers
 * (`content-api.output`), found by identity so that the fast path knows it applies that rule
 * itself (a role's `users` are never shown). It lives in the plugin's `dist` at the path above,
 * as a bundler module (`__require`). Undefined when the file moved (an upgrade): the fast path
 * then sees an unknown sanitizer and leaves every response to Strapi.
 */
export function usersPermissionsOutputSanitizer(): unknown {
  try {
    const load = createRequire(__filename);
    const root = path.dirname(load.resolve('@strapi/plugin-users-permissions/package.json'));
    const sanitizers = load(path.join(root, USERS_PERMISSIONS_SANITIZERS_FILE)) as {
      __require?: () => { defaultSanitizeOutput?: unknown };
    };
    return sanitizers.__require?.().defaultSanitizeOutput;
  } catch {
    return undefined;
  }
}

/**
 * Strapi internal API: `strapi.db.transaction` (replaced in place) as the Document Service's
 * `wrapInTransaction` calls it, synchronously under its middlewares; `strapi.db.inTransaction`.
 */
export function transactionalDatabaseOf(strapi: Core.Strapi): TransactionalDatabase {
  return strapi.db as unknown as TransactionalDatabase;
}

/** `strapi.documents.use` (public: Document Service middlewares). */
export function documentServiceOf(strapi: Core.Strapi): DocumentService {
  return strapi.documents as unknown as DocumentService;
}

/** The part of knex's better-sqlite3 client (`strapi.db.connection.client`) used here. */
export interface SqliteClient {
  driverName?: string;
  _query(connection: PreparingConnection, query: unknown): Promise<unknown>;
}

/** `strapi.db.connection.client`: knex's client of the app's database. */
export function knexClientOf(strapi: Core.Strapi): SqliteClient {
  return (strapi.db.connection as unknown as { client: SqliteClient }).client;
}

/**
 * Strapi internal API (through knex 3's better-sqlite3 dialect, `lib/dialects/better-sqlite3`):
 * calls `onConnection` once for every SQLite connection, before the first query knex runs on it
 * through `client._query(connection, query)`, the method that prepares each statement. Returns
 * false, doing nothing, when the app's database is not better-sqlite3.
 */
export function onEverySqliteConnection(
  strapi: Core.Strapi,
  onConnection: (connection: PreparingConnection) => void
): boolean {
  const client = knexClientOf(strapi);
  if (client.driverName !== 'better-sqlite3' || typeof client._query !== 'function') return false;
  const seen = new WeakSet<object>();
  const query = client._query.bind(client);
  client._query = (connection, statement) => {
    if (!seen.has(connection)) {
      seen.add(connection);
      onConnection(connection);
    }
    return query(connection, statement);
  };
  return true;
}
