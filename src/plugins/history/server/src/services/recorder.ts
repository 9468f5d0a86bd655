/**
 * Records every change of a document version, from whatever path it comes (admin, REST, GraphQL,
 * scripts, imports, releases): all of them go through the Document Service, whose middleware
 * reads the document's versions before and after the write and stores one entry per version
 * that changed. The entry is written in the same transaction as the change, so it exists exactly
 * when the change was committed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import type { HistoryConfig } from '../config';
import {
  changedFields,
  populateOf,
  sameValues,
  valuesOf,
  type ModelSchema,
  type SchemaLookup,
  type Values,
} from '../lib/values';
import { getService } from '../utils';

export const ENTRY = 'plugin::history.history-entry';

export type VersionStatus = 'draft' | 'published';
export type HistoryAction =
  'create' | 'update' | 'publish' | 'unpublish' | 'discardDraft' | 'delete';

/** Document Service actions that write a document's versions. */
const WRITE_ACTIONS: ReadonlySet<string> = new Set<HistoryAction>([
  'create',
  'update',
  'publish',
  'unpublish',
  'discardDraft',
  'delete',
]);

/** Most entries one write removes when pruning (the rest goes with the next writes). */
const PRUNE_BATCH = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One version of a document as it is stored now. */
export interface StoredVersion {
  locale: string | null;
  status: VersionStatus;
  values: Values;
}

interface Row extends Values {
  locale?: string | null;
  publishedAt?: string | Date | null;
}

interface MiddlewareContext {
  uid: string;
  action: string;
  params: { documentId?: string };
}

/** The entry a restore writes names the version it restored (set around the restoring write). */
const restoring = new AsyncLocalStorage<number>();

/** Runs `write` so that what it records says it restored entry `id`. */
export function asRestoreOf<T>(id: number, write: () => Promise<T>): Promise<T> {
  return restoring.run(id, write);
}

function hasDraftAndPublish(schema: ModelSchema & { options?: { draftAndPublish?: boolean } }) {
  return schema.options?.draftAndPublish === true;
}

/**
 * What an entry calls the change of one version: a create or update that wrote the published
 * version published it; an update that made a version which was not there (a new locale)
 * created it.
 */
function entryActionOf(
  action: HistoryAction,
  status: VersionStatus,
  isNew: boolean,
  draftAndPublish: boolean
): HistoryAction {
  if (action !== 'create' && action !== 'update') return action;
  if (status === 'published' && draftAndPublish) return 'publish';
  return isNew ? 'create' : 'update';
}

const versionKey = (version: { locale: string | null; status: VersionStatus }) =>
  `${version.locale ?? ''}|${version.status}`;

const recorder = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get('plugin::history') as HistoryConfig;
  const lookup: SchemaLookup = (uid) =>
    strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as ModelSchema | undefined;
  const populates = new Map<string, Record<string, unknown>>();
  let trackedTypes: Set<string> | undefined;
  /** Writes recorded by this process: pruning runs on every `pruneEvery`-th. */
  let recordedWrites = 0;

  const service = {
    /** The schema of a content type (undefined for an unknown uid). */
    schema(uid: string): (ModelSchema & { options?: { draftAndPublish?: boolean } }) | undefined {
      return uid.includes('::') ? lookup(uid) : undefined;
    },

    lookup,

    /**
     * The content types that get a history: the configured list, else every `api::` type with
     * draft & publish or i18n. Throws on a configured uid the app does not have.
     */
    trackedTypes(): Set<string> {
      if (trackedTypes) return trackedTypes;
      const configured = settings().contentTypes;
      if (configured) {
        const unknown = configured.filter((uid) => !strapi.contentTypes[uid as never]);
        if (unknown.length > 0)
          throw new Error(
            `history.contentTypes names content types this app does not have: ${unknown.join(', ')}`
          );
        trackedTypes = new Set(configured);
      } else {
        trackedTypes = new Set(
          Object.entries(strapi.contentTypes)
            .filter(([uid]) => uid.startsWith('api::'))
            .filter(([, type]) => {
              const schema = type as unknown as ModelSchema & {
                options?: { draftAndPublish?: boolean };
              };
              return hasDraftAndPublish(schema) || schema.pluginOptions?.i18n?.localized === true;
            })
            .map(([uid]) => uid)
        );
      }
      return trackedTypes;
    },

    isTracked(uid: string): boolean {
      return service.trackedTypes().has(uid);
    },

    /** Every version (locale × draft/published) of a document as stored now. */
    async versions(uid: string, documentId: string, locale?: string): Promise<StoredVersion[]> {
      const schema = service.schema(uid);
      if (!schema) return [];
      let populate = populates.get(uid);
      if (!populate) {
        populate = populateOf(schema, lookup);
        populates.set(uid, populate);
      }
      const where: Record<string, unknown> = { documentId };
      if (locale !== undefined) where.locale = locale;
      const rows = (await strapi.db.query(uid as never).findMany({ where, populate })) as Row[];
      const draftAndPublish = hasDraftAndPublish(schema);
      return rows.map((row) => ({
        locale: row.locale ?? null,
        status: draftAndPublish && !row.publishedAt ? 'draft' : 'published',
        values: valuesOf(schema, row, lookup),
      }));
    },

    /** Stores one entry per version that a write changed (created, changed or removed). */
    async record(
      uid: string,
      documentId: string,
      action: HistoryAction,
      before: StoredVersion[],
      after: StoredVersion[]
    ): Promise<number> {
      const schema = service.schema(uid);
      if (!schema) return 0;
      const previous = new Map(before.map((version) => [versionKey(version), version]));
      const current = new Map(after.map((version) => [versionKey(version), version]));
      const author = getService(strapi, 'actor').current();
      const restoredFrom = restoring.getStore() ?? null;
      const touchedLocales = new Set<string | null>();
      const entries: Record<string, unknown>[] = [];
      for (const key of new Set([...previous.keys(), ...current.keys()])) {
        const old = previous.get(key);
        const now = current.get(key);
        const version = (now ?? old) as StoredVersion;
        // Publishing records the published version even when it holds what it held before: an
        // editor pressed Publish, and the list should say so.
        const republished = action === 'publish' && version.status === 'published';
        if (old && now && sameValues(old.values, now.values) && !republished) continue;
        const entryAction = entryActionOf(action, version.status, !old, hasDraftAndPublish(schema));
        entries.push({
          contentType: uid,
          entryDocumentId: documentId,
          locale: version.locale,
          status: version.status,
          action: entryAction,
          authorKind: author.kind,
          authorName: author.name,
          changedFields: now ? changedFields(schema, old?.values ?? null, now.values) : [],
          // A removed version keeps the values it had, so it can be looked at and restored.
          values: version.values,
          restoredFrom,
        });
        touchedLocales.add(version.locale);
      }
      if (entries.length === 0) return 0;
      // One INSERT for all versions (create() would read each row back).
      await strapi.db.query(ENTRY).createMany({ data: entries });
      recordedWrites += 1;
      if (recordedWrites % settings().retention.pruneEvery === 0)
        for (const locale of touchedLocales) await service.prune(uid, documentId, locale);
      return entries.length;
    },

    /**
     * Removes the entries of one document and locale that are past both limits: not among the
     * newest `keepLast` and older than `keepDays`. At most {@link PRUNE_BATCH} per call, one
     * indexed read when there is nothing to remove.
     */
    async prune(uid: string, documentId: string, locale: string | null): Promise<number> {
      const { keepLast, keepDays } = settings().retention;
      const query = strapi.db.query(ENTRY);
      const beyond = (await query.findMany({
        where: { contentType: uid, entryDocumentId: documentId, locale },
        select: ['id', 'createdAt'],
        orderBy: { id: 'desc' },
        offset: keepLast,
        limit: PRUNE_BATCH,
      })) as Array<{ id: number; createdAt: string | Date }>;
      const cutoff = Date.now() - keepDays * DAY_MS;
      const expired = beyond
        .filter((entry) => new Date(entry.createdAt).getTime() < cutoff)
        .map((entry) => entry.id);
      if (expired.length === 0) return 0;
      await query.deleteMany({ where: { id: { $in: expired } } });
      return expired.length;
    },

    /**
     * The Document Service middleware: for a write to a tracked type, reads the document's
     * versions, runs the write, reads them again and records the difference, all in one
     * transaction (the write's own transaction joins it).
     */
    documentMiddleware(): Modules.Documents.Middleware.Middleware {
      return async (context, next) => {
        const { uid, action, params } = context as unknown as MiddlewareContext;
        if (!WRITE_ACTIONS.has(action) || !settings().enabled || !service.isTracked(uid))
          return next();
        return strapi.db.transaction(async () => {
          const before = params.documentId ? await service.versions(uid, params.documentId) : [];
          const result = await next();
          const documentId =
            params.documentId ?? (result as { documentId?: string } | null)?.documentId;
          if (!documentId) return result;
          const after = await service.versions(uid, documentId);
          await service.record(uid, documentId, action as HistoryAction, before, after);
          return result;
        });
      };
    },
  };
  return service;
};

export type RecorderService = ReturnType<typeof recorder>;
export default recorder;
