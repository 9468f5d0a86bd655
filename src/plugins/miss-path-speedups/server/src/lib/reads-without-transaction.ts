/**
 * Read actions of the Document Service run without a database transaction of their own.
 *
 * `@strapi/core` wraps every action of a content type's repository in `strapi.db.transaction`
 * (`wrapInTransaction` in `services/document-service/common`), reads included. For an uncached
 * list that means `BEGIN`/`COMMIT` around `findMany` and again around `count`, each through
 * knex's whole transaction set-up (a transaction object, a transaction client, an
 * `AsyncLocalStorage` scope): 4 of the 9 statements of the populated REST list. A read gains
 * nothing from them that a website could see: each statement already sees only committed data,
 * `findMany` and `count` are separate transactions anyway, and Strapi 4 read without one.
 *
 * How: a Document Service middleware registered last, so that it runs innermost, raises a flag
 * and calls `next()`. The middleware manager then calls the repository method, and that calls
 * `strapi.db.transaction(callback)` synchronously, before anything awaits; the wrapper sees the
 * flag and calls the callback at once instead of opening a transaction. The flag is lowered by
 * that first call and again when `next()` returns (synchronously, with its promise), so nothing
 * later (a nested write, a transaction a lifecycle opens, a call already inside a transaction)
 * is taken this way. A callback that declares parameters (it wants `trx`, `commit` or
 * `onCommit`) never is. A plain flag and not an `AsyncLocalStorage`: on Node 20 every enabled
 * storage adds work to the creation of every promise.
 *
 * `strapi.db.transaction` and `wrapInTransaction` are not documented as something to wrap:
 * the plugin's `tests/api/reads-without-transaction.contract.test.ts` checks on the booted app that a read
 * opens no transaction, that a write still does, and that a read inside an open transaction sees
 * that transaction's uncommitted rows.
 */
/** The actions of a repository that only read. */
const READ_ACTIONS: ReadonlySet<string> = new Set(['findMany', 'findFirst', 'findOne', 'count']);

type TransactionCallback = (params: unknown) => unknown;

/** The part of `strapi.db` this module wraps. */
export interface TransactionalDatabase {
  transaction(callback?: TransactionCallback): Promise<unknown>;
  inTransaction(): boolean;
}

type DocumentMiddleware = (
  context: { action: string },
  next: () => Promise<unknown>
) => Promise<unknown>;

/** The part of `strapi.documents` this module uses. */
export interface DocumentService {
  use(middleware: DocumentMiddleware): unknown;
}

const installed = new WeakSet<object>();

/**
 * Installs the middleware and the wrapper; a second call does nothing. Call it after the other
 * Document Service middlewares are registered (the plugin's bootstrap), so that this one runs
 * innermost.
 */
export function installReadsWithoutTransaction(
  database: TransactionalDatabase,
  documents: DocumentService
): void {
  if (installed.has(database)) return;
  installed.add(database);
  /** Raised while a read action's middleware calls into its repository method. */
  let readStarting = false;
  const transaction = database.transaction.bind(database);

  database.transaction = (callback?: TransactionCallback) => {
    const skip =
      readStarting &&
      typeof callback === 'function' &&
      callback.length === 0 &&
      !database.inTransaction();
    readStarting = false;
    // async: a callback that throws at once rejects, as inside a transaction.
    if (skip) return (async () => callback(undefined))();
    return transaction(callback);
  };

  documents.use((context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    readStarting = true;
    try {
      return next();
    } finally {
      readStarting = false;
    }
  });
}
