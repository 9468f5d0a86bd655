/**
 * Recognising a query the database stopped at its time limit. On PostgreSQL the app's
 * connections carry a `statement_timeout` (config/database.ts of the host app); a statement that
 * runs longer fails with SQLSTATE 57014 (`query_canceled`), which Strapi's database layer passes
 * on unchanged — a 500 unless someone names it. SQLite has no such limit (better-sqlite3 cannot
 * interrupt a statement): there the filter limits are the defence. Pure.
 */

/** SQLSTATE of a statement cancelled by `statement_timeout` (or by a cancel request). */
const QUERY_CANCELED = '57014';

export const QUERY_TIMEOUT_MESSAGE =
  'The database stopped this query at its time limit: narrow its filters or populate, or retry later';

/** Seconds a client is asked to wait before retrying a query that timed out. */
export const QUERY_TIMEOUT_RETRY_AFTER_SECONDS = 5;

/** `error` is PostgreSQL's "canceling statement due to statement timeout". */
export function isStatementTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === QUERY_CANCELED
  );
}
