/**
 * Counts of the Document Service kept until the content changes.
 *
 * A paginated list asks the database for its page and for the number of rows that match
 * (`meta.pagination.total`, GraphQL's `pageInfo.total`). The page costs the same at any size of
 * the content; the count does not: it visits every matching row, and through a relation filter
 * (`filters[creativeField][key]=music`) every matching row's link rows as well, so at 100× the
 * content it is most of the request. No index makes a count of 8,400 matches cost what a count of
 * 84 does.
 *
 * How: a Document Service middleware (public API, `strapi.documents.use`) answers `count` with
 * the number it returned last time for the same content type and parameters, as long as nothing
 * was written since. "Nothing written since" is a generation counter handed in by the host (this
 * plugin asks the response-cache plugin's `generation()`, bumped by every write on this instance
 * and, through its bus, on every other): a count computed while the generation moved is not kept.
 * Counts inside a transaction are never answered or kept (they may see its own writes). Parameters
 * that are not plain data (a function, a class instance) are passed through: their JSON would not
 * say what they select.
 */
import { Lru } from './lru';

/**
 * Parameters a count does not read (`count` in `@strapi/core`'s document repository passes on only
 * the filters, the search, the status and the locale): one count serves every page and sort.
 */
const NOT_COUNTED: ReadonlySet<string> = new Set([
  'sort',
  'populate',
  'fields',
  'page',
  'pageSize',
  'start',
  'limit',
  'pagination',
]);

/** How many distinct counts are kept (a count and its key: well under a kilobyte each). */
const MAX_COUNTS = 2000;

/** The part of a Document Service middleware's context this module reads. */
export interface CountContext {
  action: string;
  uid: string;
  params?: unknown;
}

type CountMiddleware = (context: CountContext, next: () => Promise<unknown>) => Promise<unknown>;

/** The part of `strapi.documents` this module uses. */
export interface CountDocumentService {
  use(middleware: CountMiddleware): unknown;
}

export interface CountMemoHost {
  documents: CountDocumentService;
  /** A number that changes whenever content may have changed, here or on another instance. */
  generation(): number;
  /** True inside a database transaction (`strapi.db.inTransaction`). */
  inTransaction(): boolean;
}

/** What the memo did since it was installed (for tests and the README's figures). */
export interface CountMemoStats {
  hits: number;
  misses: number;
}

/** True for JSON-shaped data: strings, finite numbers, booleans, null, arrays and plain objects. */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value as Record<string, unknown>).every(
    (item) => item === undefined || isPlainData(item, depth + 1)
  );
}

/**
 * Installs the middleware; returns its counters. Register it from the plugin's bootstrap, before
 * the reads-without-transaction middleware (which must stay innermost).
 */
export function installCountMemo(host: CountMemoHost): CountMemoStats {
  const stats: CountMemoStats = { hits: 0, misses: 0 };
  const counts = new Lru<{ generation: number; count: unknown }>(MAX_COUNTS);

  host.documents.use(async (context, next) => {
    if (context.action !== 'count' || host.inTransaction()) return next();
    const params = context.params ?? {};
    if (!isPlainData(params)) return next();
    const counted = Object.entries(params as Record<string, unknown>).filter(
      ([name, value]) => value !== undefined && !NOT_COUNTED.has(name)
    );
    const key = `${context.uid}\u0000${JSON.stringify(counted)}`;
    const generation = host.generation();
    const kept = counts.get(key);
    if (kept !== undefined && kept.generation === generation) {
      stats.hits += 1;
      return kept.count;
    }
    stats.misses += 1;
    const count = await next();
    // A write during the count may or may not be in it: keep only a count nothing overtook.
    if (typeof count === 'number' && host.generation() === generation)
      counts.set(key, { generation, count });
    return count;
  });
  return stats;
}
