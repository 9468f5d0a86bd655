/**
 * Where the cache learns what a response read and what a write changed (tags: lib/tags.ts).
 *
 * Reads: while a cacheable miss is computed, an AsyncLocalStorage collects tags. The Document
 * Service middleware records each read action (type, locale, document id or list), and list reads
 * with their parameters and answer so that a write may have them checked (lib/list-reads.ts); the SQL
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
import {
  copyParams,
  fingerprintOf,
  isListAction,
  MAX_LIST_READS,
  rowTags,
  type ListRead,
} from './lib/list-reads';
import { isContentWrite, READ_DOCUMENT_ACTIONS } from './lib/scope';
import {
  ANY,
  TOKENS,
  documentTag,
  mayReadOwnType,
  queryTag,
  readsOnlyRowExistence,
  selfReachingNames,
  tablesOf,
  typeTag,
  writeTags,
  type AttributeSchema,
} from './lib/tags';
import type { ListDependencies } from './lib/store';
import { contentChanged, runtimeOf, type Eviction } from './runtime';

/** The tags of the response being computed. */
export interface ReadCollector {
  /** Every tag of the response (sent to CDNs). */
  tags: Set<string>;
  /**
   * Where list reads are recorded for a later check (lib/list-reads.ts); absent when the cache
   * does not check lists.
   */
  lists?: {
    reads: ListRead[];
    /** Tags of the recorded list reads. */
    checkable: Set<string>;
    /** Tags that a write must evict: of reads that are not recorded lists (wins over checkable). */
    pinned: Set<string>;
    /** Document tags of the rows the recorded lists returned (not sent to CDNs). */
    rows: Set<string>;
  };
}

/** Adds a tag that a write must evict (not only check). */
function pin(collector: ReadCollector, tag: string): void {
  collector.tags.add(tag);
  collector.lists?.pinned.add(tag);
}

/** A collector for a miss; `checkLists` records list reads for later checks. */
export function readCollector(initialTags: string[], checkLists: boolean): ReadCollector {
  return {
    tags: new Set(initialTags),
    lists: checkLists
      ? { reads: [], checkable: new Set(), pinned: new Set(initialTags), rows: new Set() }
      : undefined,
  };
}

/**
 * What the store keeps of a computed response's reads: its index tags (the response's tags plus
 * the rows of its recorded lists) and, when it recorded lists, which tags a write may have
 * checked instead of evicting.
 */
export function storedDependencies(
  collector: ReadCollector,
  extraPinned: readonly string[]
): { tags: string[]; lists?: ListDependencies } {
  const tags = [...collector.tags, ...extraPinned];
  const lists = collector.lists;
  if (!lists || lists.reads.length === 0) return { tags };
  const checkable = new Set<string>();
  for (const tag of lists.checkable) {
    if (!lists.pinned.has(tag) && !extraPinned.includes(tag)) checkable.add(tag);
  }
  if (checkable.size === 0) return { tags };
  return { tags: [...tags, ...lists.rows], lists: { checkable, lists: lists.reads } };
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
    pin(collector, typeTag(uid));
    let tag: string;
    if (localized && locale === undefined) tag = queryTag(uid);
    else if (action === 'findOne' && typeof params.documentId === 'string') {
      tag = documentTag(params.documentId, locale);
    } else tag = queryTag(uid, locale);
    collector.tags.add(tag);
    const lists = collector.lists;
    const copy =
      lists && isListAction(action) && lists.reads.length < MAX_LIST_READS
        ? copyParams(params)
        : undefined;
    if (!copy) lists?.pinned.add(tag);
    const names = selfNames(uid);
    const widen = mayReadOwnType(params.populate, names) || mayReadOwnType(params.filters, names);
    const result = await frames.run({ uid, widen }, next);
    if (lists && copy && isListAction(action)) {
      const fingerprint = fingerprintOf(action, result);
      if (fingerprint === undefined) lists.pinned.add(tag);
      else {
        lists.reads.push({ uid, action, params: copy, fingerprint });
        lists.checkable.add(tag);
        for (const row of rowTags(result, localized ? locale : undefined)) lists.rows.add(row);
      }
    }
    return result;
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
    // Which of the parents' ids exist (Strapi's populate): covered by the read that returned them.
    if (readsOnlyRowExistence(sql)) return;
    tables ??= tableModels(strapi);
    const frame = frames.getStore();
    for (const table of tablesOf(sql)) {
      const uid = tables.models.get(table);
      if (uid === undefined) {
        if (!tables.joinTables.has(table)) pin(collector, ANY);
        continue;
      }
      if (!uid.startsWith(API_PREFIX)) continue;
      if (frame && frame.uid === uid && !frame.widen) continue;
      pin(collector, typeTag(uid));
      pin(collector, queryTag(uid));
    }
  });
}
