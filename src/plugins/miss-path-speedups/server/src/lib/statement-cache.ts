/**
 * A prepared-statement cache for better-sqlite3 connections made by knex. knex's better-sqlite3
 * dialect (knex 3, `lib/dialects/better-sqlite3`) prepares every query anew: its `_query` calls
 * `connection.prepare(sql)`, then `statement.all(bindings)` when `statement.reader` is true, else
 * `statement.run(bindings)`, and sets nothing on the statement. Making `prepare` return the
 * statement it prepared before for the same SQL text is therefore safe: each statement is run to
 * completion synchronously (never `iterate`), so it is never in use twice at once, and its
 * `reader` flag is a property of the SQL text. SQLite re-prepares a statement by itself after a
 * schema change. knex's use of `prepare` is not a public API: the plugin's
 * `tests/unit/statement-cache.contract.test.ts` runs knex on a real connection and fails when an
 * upgrade changes it. SQLite only: ../bootstrap.ts installs it on each better-sqlite3 connection
 * before its first query (../internals.ts, `onEverySqliteConnection`), never for PostgreSQL.
 */

/** The part of better-sqlite3's `Database` the cache wraps. */
export interface PreparingConnection {
  prepare(source: string): unknown;
}

/** Statements kept per connection by default (knex's SQL text repeats from request to request). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `connection.prepare` return the statement it prepared before for the same SQL text; the
 * least recently used statements beyond `size` are dropped (and finalised by the garbage
 * collector).
 */
export function cacheStatements(
  connection: PreparingConnection,
  size: number = STATEMENT_CACHE_SIZE
): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement !== undefined) {
      statements.delete(source);
    } else {
      statement = prepare(source);
      if (statements.size >= size) {
        statements.delete(statements.keys().next().value as string);
      }
    }
    statements.set(source, statement);
    return statement;
  };
}
