/**
 * A fallback list read in one statement: the list query itself keeps, of every document, only
 * its version in the first locale of `[locale, ...chain]` that has one in the status asked for:
 * the version in `locale`, or in the i-th chain locale when the document has none in the locales
 * before it (`document_id NOT IN (<documents with a version there>)`, one uncorrelated subquery
 * per step that SQLite and PostgreSQL each read once per statement). The request's filters, sort
 * and pagination then apply to the versions served, and the total counts documents.
 *
 * It replaces a `NOT EXISTS` query whose answer (every document missing in `locale`, some 400 for
 * a locale without content) came back as that many documentIds in the list's filters: the
 * bindings cost more CPU than the statements (docs/performance.md, fallback chains). A window
 * function (`ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY <place in the chain>)`) gives
 * the same rows but cost SQLite 2.2 ms per statement against 0.8–1.0 ms here (408 cities).
 *
 * The document service has no parameter for such a condition, so it is added to the query the
 * entity manager runs (`restrictReadQueries`, internals.ts), for the one `findMany` or `count`
 * of the type that a fallback read's `next()` reaches: the read says so in an AsyncLocalStorage
 * scope around its `next()`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { notInSubquery, rawTable, restrictReadQueries, withKnex, type DbQuery } from '../internals';

interface PendingRead {
  uid: string;
  condition: DbQuery;
  /** Set by the first query of `uid` it restricted: nested reads of the same type stay as they are. */
  applied: boolean;
}

const pending = new AsyncLocalStorage<PendingRead | undefined>();

/**
 * The condition, in the query engine's `where` syntax, that keeps of each document of `uid` with a
 * version in a locale of `order` (in `status`) the one whose locale comes first in `order`: a
 * version in `order[0]`, or in `order[i]` when the document has none in `order[0…i-1]`.
 */
export function servedVersionsCondition(
  strapi: Core.Strapi,
  uid: string,
  order: readonly string[],
  status: 'published' | 'draft'
): DbQuery {
  const knex = strapi.db.connection as Knex;
  const table = rawTable(strapi, uid as UID.ContentType);
  const [documentId, locale, publishedAt] = ['documentId', 'locale', 'publishedAt'].map(
    (attribute) => `s.${table.column(attribute)}`
  );
  /** The documents with a version in one of `locales`. */
  const documentsIn = (locales: readonly string[]): Knex.QueryBuilder => {
    const query = knex
      .from(table.as('s'))
      .select(documentId)
      .whereIn(locale, [...locales])
      .whereNotNull(documentId);
    return status === 'published' ? query.whereNotNull(publishedAt) : query.whereNull(publishedAt);
  };
  return {
    $or: order.map((code, step) =>
      step === 0
        ? { locale: code }
        : {
            $and: [
              { locale: code },
              notInSubquery('documentId', documentsIn(order.slice(0, step))),
            ],
          }
    ),
  };
}

/** Documents and the locales to look for their versions in. */
export interface VersionLookup {
  locales: readonly string[];
  documentIds: readonly string[];
}

/**
 * Which of the looked-up documents of `uid` have a version (in `status`) in one of the locales
 * given for them: (documentId, locale) pairs, from one raw query that reads two columns. A
 * fallback read asks this before it reads related documents' versions through the document
 * service, which it then does only for those that have one (usually none: a related document
 * served in a chain locale is there because it has no version in the locales before).
 */
export function existingVersions(
  strapi: Core.Strapi,
  uid: string,
  lookups: readonly VersionLookup[],
  status: 'published' | 'draft'
): Promise<Array<{ documentId: string; locale: string }>> {
  const table = rawTable(strapi, uid as UID.ContentType);
  const [documentId, locale, publishedAt] = ['documentId', 'locale', 'publishedAt'].map(
    (attribute) => `v.${table.column(attribute)}`
  );
  return withKnex(strapi, async (knex) => {
    const query = knex
      .from(table.as('v'))
      .select({ documentId, locale })
      .where((any) => {
        for (const lookup of lookups) {
          any.orWhere((both) =>
            both.whereIn(locale, [...lookup.locales]).whereIn(documentId, [...lookup.documentIds])
          );
        }
      });
    if (status === 'published') query.whereNotNull(publishedAt);
    else query.whereNull(publishedAt);
    return (await query) as Array<{ documentId: string; locale: string }>;
  });
}

/**
 * Runs `read` (a document service `next()` of a `findMany` or `count` of `uid`) with its query
 * restricted to the versions served under the chain `order` (`[locale, ...chain]`).
 */
export function readingServedVersions<T>(
  strapi: Core.Strapi,
  uid: string,
  order: readonly string[],
  status: 'published' | 'draft',
  read: () => T
): T {
  const condition = servedVersionsCondition(strapi, uid, order, status);
  return pending.run({ uid, condition, applied: false }, read);
}

/**
 * Runs `read` outside any fallback read's scope: a document service read started while one is
 * under way (by another middleware) is not restricted.
 */
export function outsideServedVersions<T>(read: () => T): T {
  return pending.getStore() ? pending.run(undefined, read) : read();
}

/** Installs the restriction; once, in the plugin's bootstrap. */
export function restrictServedVersionReads(strapi: Core.Strapi): void {
  restrictReadQueries(strapi, (uid) => {
    const read = pending.getStore();
    if (!read || read.applied || read.uid !== uid) return undefined;
    read.applied = true;
    return read.condition;
  });
}
