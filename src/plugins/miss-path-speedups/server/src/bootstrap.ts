import type { Core } from '@strapi/strapi';
import type { MissPathSpeedupsConfig } from './config';
import { documentServiceOf, onEverySqliteConnection, transactionalDatabaseOf } from './internals';
import { installCountMemo, type CountDocumentService } from './lib/count-memo';
import { installReadsWithoutTransaction } from './lib/reads-without-transaction';
import { cacheStatements } from './lib/statement-cache';

/** The response-cache plugin's `cache` service, as far as the count memo uses it. */
interface GenerationFeed {
  generation(): number;
}

/**
 * Bootstrap phase. Reads without a transaction: its Document Service middleware must run
 * innermost, so it is registered here, after every plugin registered its own (they do so in
 * their register phase); a middleware registered later would run inside it and take the speed-up
 * away from the reads it wraps (the contract test then fails). The statement cache applies to
 * each SQLite connection before its first query from now on. The count memo needs to hear of every
 * write, here and on the other instances: it follows the response-cache plugin's generation
 * (looked up by name, its public `cache` service) and is not installed without it.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const enabled = (name: keyof MissPathSpeedupsConfig): boolean =>
    strapi.plugin('miss-path-speedups').config(name) === true;

  if (enabled('statementCache'))
    onEverySqliteConnection(strapi, (connection) => cacheStatements(connection));
  if (enabled('countMemo')) {
    const cache = strapi.plugin('response-cache')?.service('cache') as
      Partial<GenerationFeed> | undefined;
    if (typeof cache?.generation === 'function') {
      const feed = cache as GenerationFeed;
      installCountMemo({
        // `strapi.documents.use` is public (Document Service middlewares).
        documents: strapi.documents as unknown as CountDocumentService,
        generation: () => feed.generation(),
        inTransaction: () => transactionalDatabaseOf(strapi).inTransaction(),
      });
    } else {
      strapi.log.info(
        '[miss-path-speedups] countMemo is off: it needs the response-cache plugin to hear of writes'
      );
    }
  }
  // After the count memo: this middleware must run innermost.
  if (enabled('readsWithoutTransaction')) {
    installReadsWithoutTransaction(transactionalDatabaseOf(strapi), documentServiceOf(strapi));
  }
};
