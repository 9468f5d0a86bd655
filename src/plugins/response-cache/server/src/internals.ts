/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. tests/api/internals.contract.test.ts checks each against the booted app and names
 * the API when an upgrade changes it. Everything else the plugin uses is public: `strapi.server.use`,
 * `strapi.documents.use`, `strapi.db.lifecycles.subscribe`, `strapi.config`, `strapi.contentTypes`,
 * `strapi.components`, `ctx.state.user` / `ctx.state.auth`.
 */
import type { Core } from '@strapi/strapi';
import type { ClientConfig } from 'pg';

/** The names checked by the contract test, as they appear in its failure messages. */
export const INTERNAL_APIS = {
  knexQueryEvent: "strapi.db.connection (knex) 'query' event",
  transactionContext: 'strapi.db.inTransaction() / strapi.db.transaction(({ trx, onCommit }))',
  connectionSettings: 'strapi.config database.connection.{client,connection} (knex settings)',
} as const;

/**
 * Calls `listener` for every SQL query Strapi sends (knex's `query` event on the raw connection).
 * Returns a function that removes the listener.
 */
export function onEveryQuery(strapi: Core.Strapi, listener: () => void): () => void {
  const knex = strapi.db.connection;
  knex.on('query', listener);
  return () => {
    knex.off('query', listener);
  };
}

/** The database transaction the current async context runs in, if any. */
export interface OpenTransaction {
  /** Identity of the transaction (the knex transaction object), to run a hook once per transaction. */
  id: object;
  /** Runs `callback` after the transaction commits (not at all if it rolls back). */
  onCommit(callback: () => void): void;
}

/**
 * The transaction of the current async context (Strapi keeps it in an AsyncLocalStorage), or
 * undefined outside one. Joining it through `strapi.db.transaction` neither commits nor nests.
 */
export async function currentTransaction(
  strapi: Core.Strapi
): Promise<OpenTransaction | undefined> {
  if (!strapi.db.inTransaction()) return undefined;
  return strapi.db.transaction(({ trx, onCommit }) => ({
    id: trx as object,
    onCommit: (callback: () => void) => onCommit(callback),
  }));
}

/** The knex client name of the app's database (`sqlite`, `postgres`, `mysql`, …). */
export function databaseClient(strapi: Core.Strapi): string {
  return strapi.config.get<string>('database.connection.client');
}

/**
 * Settings for a dedicated `pg` connection to the app's own PostgreSQL database (LISTEN needs one
 * that the knex pool does not recycle), taken from the app's knex connection settings.
 */
export function postgresClientConfig(strapi: Core.Strapi): ClientConfig {
  const connection = strapi.config.get<ClientConfig | string>('database.connection.connection');
  if (typeof connection === 'string') return { connectionString: connection };
  const { connectionString, host, port, database, user, password, ssl } = connection;
  return connectionString
    ? { connectionString, ssl }
    : { host, port, database, user, password, ssl };
}
