/**
 * Where the cache learns what a response read and what a write changed (tags: lib/tags.ts).
 *
 * Reads: while a cacheable miss is computed, an AsyncLocalStorage collects tags. The Document
 * Service middleware records each read action (type, locale, document id or list); the SQL
 * statements of the request (knex `query` event) name the tables read, so relations populated or
 * filtered on, and reads that bypass the Document Service (`strapi.db.query`), count too, as reads
 * of their type in any locale. A table the plugin cannot attribute makes the entry depend on
 * everything (`any`).
 *
 * Writes: a Document Service write collects the rows its database lifecycles report (the written
 * locale version, and the other locales when i18n syncs non-localized fields to them), plus the
 * document and locale of the action itself; lifecycles outside a Document Service write (raw
 * `strapi.db.query` writes) are evicted by their rows alone. Components written alone, locales,
 * permissions, media and the core store evict everything.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import {
  defaultLocaleCode,
  localeCodes,
  onEverySql,
  tableModels,
  type TableModels,
} from './internals';
import { isContentWrite, READ_DOCUMENT_ACTIONS } from './lib/scope';
import {
  ANY,
  TOKENS,
  documentTag,
  mayReadOwnType,
  queryTag,
  selfReachingNames,
  tablesOf,
  typeTag,
  writeTags,
  type AttributeSchema,
} from './lib/tags';
import { contentChanged, runtimeOf, type Eviction } from './runtime';

/** The tags of the response being computed. */
export interface ReadCollector {
  tags: Set<string>;
}

interface Frame {
  uid: string;
  /** The read may reach other documents of its own type (populate/filters): count them as any. */
  widen: boolean;
}

const requests = new AsyncLocalStorage<ReadCollector>();
const frames = new AsyncLocalStorage<Frame>();
const writes = new AsyncLocalStorage<Set<string>>();

/** Runs `compute` while collecting the tags of what it reads. */
export function collectReads<T>(collector: ReadCollector, compute: () => Promise<T>): Promise<T> {
  return requests.run(collector, compute);
}

const API_PREFIX = 'api::';
const TOKEN_MODELS = ['admin::api-token', 'admin::api-token-permission'];
/** Token fields Strapi updates on use: not a change of the token. */
const TOKEN_BOOKKEEPING = new Set(['lastUsedAt', 'updatedAt']);

interface ContentTypeSchema {
  attributes?: Record<string, AttributeSchema>;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

function schemaOf(strapi: Core.Strapi, uid: string): ContentTypeSchema | undefined {
  return (strapi.contentTypes as unknown as Record<string, ContentTypeSchema | undefined>)[uid];
}

function isLocalized(strapi: Core.Strapi, uid: string): boolean {
  return schemaOf(strapi, uid)?.pluginOptions?.i18n?.localized === true;
}

async function defaultLocale(strapi: Core.Strapi): Promise<string | undefined> {
  const runtime = runtimeOf(strapi);
  runtime.defaultLocale ??= defaultLocaleCode(strapi).catch(() => undefined);
  return runtime.defaultLocale;
}

/** Per type: names of relations that lead back to it (lib/tags.ts `selfReachingNames`). */
function selfNamesCache(strapi: Core.Strapi): (uid: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (uid) => {
    let names = cache.get(uid);
    if (!names) {
      const schemas = [
        ...Object.values(strapi.contentTypes as unknown as Record<string, ContentTypeSchema>),
        ...Object.values(strapi.components as unknown as Record<string, ContentTypeSchema>),
      ].map((schema) => schema.attributes ?? {});
      names = selfReachingNames(uid, schemas);
      cache.set(uid, names);
    }
    return names;
  };
}

interface DocumentContext {
  uid: string;
  action: string;
  params?: Record<string, unknown>;
}

/**
 * The Document Service middleware of the cache: records reads while a miss is computed, and
 * evicts what writes change.
 */
export function documentMiddleware(strapi: Core.Strapi) {
  const selfNames = selfNamesCache(strapi);

  const onRead = async (context: DocumentContext, next: () => Promise<unknown>) => {
    const collector = requests.getStore();
    if (!collector || !context.uid.startsWith(API_PREFIX)) return next();
    const { uid, action } = context;
    const params = context.params ?? {};
    const localized = isLocalized(strapi, uid);
    let locale: string | undefined;
    if (localized) {
      locale = params.locale === undefined ? await defaultLocale(strapi) : undefined;
      if (typeof params.locale === 'string' && params.locale !== '*') locale = params.locale;
    }
    collector.tags.add(typeTag(uid));
    if (localized && locale === undefined) collector.tags.add(queryTag(uid));
    else if (action === 'findOne' && typeof params.documentId === 'string') {
      collector.tags.add(documentTag(params.documentId, locale));
    } else collector.tags.add(queryTag(uid, locale));
    const names = selfNames(uid);
    const widen = mayReadOwnType(params.populate, names) || mayReadOwnType(params.filters, names);
    return frames.run({ uid, widen }, next);
  };

  const onWrite = async (context: DocumentContext, next: () => Promise<unknown>) => {
    const { uid } = context;
    if (!uid.startsWith(API_PREFIX)) {
      // Users and other plugin types: not tracked per document.
      const result = await next();
      await contentChanged(strapi, undefined);
      return result;
    }
    const rows = new Set<string>();
    let result: unknown;
    try {
      result = await writes.run(rows, next);
    } finally {
      const params = context.params ?? {};
      const documentId =
        typeof params.documentId === 'string'
          ? params.documentId
          : typeof (result as { documentId?: unknown } | undefined)?.documentId === 'string'
            ? (result as { documentId: string }).documentId
            : undefined;
      let locales: string[] = [];
      if (isLocalized(strapi, uid)) {
        locales =
          typeof params.locale === 'string' && params.locale !== '*'
            ? [params.locale]
            : await localeCodes(strapi);
      }
      for (const tag of writeTags({ uid, documentId, locales })) rows.add(tag);
      await contentChanged(strapi, [...rows]);
    }
    return result;
  };

  return (context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (READ_DOCUMENT_ACTIONS.has(context.action)) return onRead(context, next);
    if (!isContentWrite(context.action, context.uid)) return next();
    return onWrite(context, next);
  };
}

/** A database lifecycle event, reduced to what the cache looks at. */
export interface LifecycleEvent {
  model: { uid: string };
  params?: { data?: unknown };
  result?: unknown;
}

function rowsOf(result: unknown): Array<{ documentId?: unknown; locale?: unknown }> {
  if (Array.isArray(result)) return result as Array<{ documentId?: unknown; locale?: unknown }>;
  if (typeof result === 'object' && result !== null && 'documentId' in result) {
    return [result as { documentId?: unknown; locale?: unknown }];
  }
  return [];
}

/** What a database write (lifecycle event) evicts, `undefined` for everything. */
export function lifecycleEviction(event: LifecycleEvent, isComponent: boolean): Eviction | null {
  const uid = event.model.uid;
  if (TOKEN_MODELS.includes(uid)) {
    const data = event.params?.data;
    if (
      typeof data === 'object' &&
      data !== null &&
      Object.keys(data).every((key) => TOKEN_BOOKKEEPING.has(key))
    ) {
      return null;
    }
    return [TOKENS];
  }
  if (uid.startsWith(API_PREFIX)) {
    const rows = rowsOf(event.result);
    if (rows.length === 0) return writeTags({ uid, locales: [] });
    const tags = new Set<string>();
    for (const row of rows) {
      const documentId = typeof row.documentId === 'string' ? row.documentId : undefined;
      const locales = typeof row.locale === 'string' ? [row.locale] : [];
      for (const tag of writeTags({ uid, documentId, locales })) tags.add(tag);
    }
    return [...tags];
  }
  // Inside a Document Service write a component belongs to the document written.
  if (isComponent && writes.getStore()) return null;
  return undefined;
}

/** Handles a database lifecycle write event (subscribed in bootstrap.ts). */
export async function onDatabaseWrite(
  strapi: Core.Strapi,
  event: LifecycleEvent,
  isComponent: boolean
): Promise<void> {
  const eviction = lifecycleEviction(event, isComponent);
  if (eviction === null) return;
  const pending = writes.getStore();
  if (pending && eviction !== undefined && event.model.uid.startsWith(API_PREFIX)) {
    // Evicted together with the Document Service write it belongs to.
    for (const tag of eviction) pending.add(tag);
    return;
  }
  await contentChanged(strapi, eviction);
}

/**
 * Records the tables each SQL statement of a cacheable miss reads. Called once in bootstrap; the
 * table map is read on first use (after Strapi built its metadata).
 */
export function trackSqlReads(strapi: Core.Strapi): void {
  let tables: TableModels | undefined;
  onEverySql(strapi, (sql) => {
    const collector = requests.getStore();
    if (!collector || !/^\s*(?:select|with)\b/i.test(sql)) return;
    tables ??= tableModels(strapi);
    const frame = frames.getStore();
    for (const table of tablesOf(sql)) {
      const uid = tables.models.get(table);
      if (uid === undefined) {
        if (!tables.joinTables.has(table)) collector.tags.add(ANY);
        continue;
      }
      if (!uid.startsWith(API_PREFIX)) continue;
      if (frame && frame.uid === uid && !frame.widen) continue;
      collector.tags.add(typeTag(uid));
      collector.tags.add(queryTag(uid));
    }
  });
}
