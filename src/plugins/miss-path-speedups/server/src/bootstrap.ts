import type { Core } from '@strapi/strapi';
import type { MissPathSpeedupsConfig } from './config';
import { documentServiceOf, onEverySqliteConnection, transactionalDatabaseOf } from './internals';
import { installReadsWithoutTransaction } from './lib/reads-without-transaction';
import { cacheStatements } from './lib/statement-cache';

/**
 * Bootstrap phase. Reads without a transaction: its Document Service middleware must run
 * innermost, so it is registered here, after every plugin registered its own (they do so in
 * their register phase); a middleware registered later would run inside it and take the speed-up
 * away from the reads it wraps (the contract test then fails). The statement cache applies to
 * each SQLite connection before its first query from now on.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const enabled = (name: keyof MissPathSpeedupsConfig): boolean =>
    strapi.plugin('miss-path-speedups').config(name) === true;

  if (enabled('statementCache'))
    onEverySqliteConnection(strapi, (connection) => cacheStatements(connection));
  if (enabled('readsWithoutTransaction')) {
    installReadsWithoutTransaction(transactionalDatabaseOf(strapi), documentServiceOf(strapi));
  }
};
