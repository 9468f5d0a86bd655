/**
 * Records, whenever a target-locale version is written through the Document Service (admin save,
 * XLIFF import, scripts), the digest of the source version it was made from. Publishing a target
 * remembers the digest of what was published, so that "discard draft" (the draft becomes the
 * published version again) restores it: the draft is then as current as the published text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules, UID } from '@strapi/strapi';
import type { Content } from '../lib/inline';
import { documentUnits, sourceDigest, type Entry } from '../lib/units';
import { getService } from '../utils';
import { DIGEST, type TypeInfo } from './content';

/** Written instead of a digest when a target was imported from stale source text: never current. */
export const STALE_DIGEST = 'stale';

interface DigestOverride {
  /** documentId|locale → digest to record instead of the current source digest. */
  digests: Map<string, string>;
}

const overrides = new AsyncLocalStorage<DigestOverride>();

/** Runs `work` with recorded digests overridden for some versions (used by the import). */
export function withDigestOverrides<T>(
  digests: Map<string, string>,
  work: () => Promise<T>
): Promise<T> {
  return overrides.run({ digests }, work);
}

interface DigestRecord {
  id: number;
  sourceDigest: string;
  publishedSourceDigest: string | null;
}

interface MiddlewareContext {
  uid: UID.ContentType;
  action: string;
  params: { documentId?: string; locale?: string | string[]; status?: string; data?: unknown };
}

/**
 * True when an update's data names none of the type's translated fields (only a website, a
 * coordinate, a relation…): the target's translated text is what it was, so the digest of the
 * source it was made from stays too. Recording the current one would call an outdated
 * translation current.
 */
function touchesNoTranslatedField(type: TypeInfo, data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  return !type.fields.some((field) => field.name in data);
}

/** The digest records of a document's target versions in `locale` (a code, a list or `*`). */
function recordsWhere(
  uid: string,
  documentId: string,
  locale: string | string[] | undefined
): Record<string, unknown> {
  const where: Record<string, unknown> = { contentType: uid, entryDocumentId: documentId };
  if (Array.isArray(locale)) where.targetLocale = { $in: locale };
  else if (locale && locale !== '*') where.targetLocale = locale;
  return where;
}

const TRACKED_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'discardDraft']);

const digests = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Updates each digest record matching `where` with what `change` makes of it. */
  async function updateRecords(
    where: Record<string, unknown>,
    change: (record: DigestRecord) => Partial<DigestRecord>
  ): Promise<void> {
    const query = strapi.db.query(DIGEST);
    const records = (await query.findMany({ where })) as DigestRecord[];
    for (const record of records)
      await query.update({ where: { id: record.id }, data: change(record) });
  }

  /** A target version was published: what it was translated from is now the published text's. */
  const rememberPublished = (where: Record<string, unknown>) =>
    updateRecords(where, (record) => ({ publishedSourceDigest: record.sourceDigest }));

  /**
   * The draft of a target version was discarded, i.e. replaced by the published version: it is
   * translated from what the published text was. Unknown (published before digests were kept for
   * it): stale, so a translator looks at it.
   */
  const restorePublished = (where: Record<string, unknown>) =>
    updateRecords(where, (record) => ({
      sourceDigest: record.publishedSourceDigest ?? STALE_DIGEST,
    }));

  const service = {
    /** Stores (insert or update) the digest for one target version. */
    async store(record: {
      uid: string;
      documentId: string;
      targetLocale: string;
      sourceLocale: string;
      digest: string;
      /** The source units (path → content) the target was made from, for "what changed". */
      snapshot?: Record<string, Content>;
    }): Promise<void> {
      const query = strapi.db.query(DIGEST);
      const where = {
        contentType: record.uid,
        entryDocumentId: record.documentId,
        targetLocale: record.targetLocale,
      };
      const existing = (await query.findOne({ where, select: ['id'] })) as { id: number } | null;
      const data: Record<string, unknown> = {
        ...where,
        sourceLocale: record.sourceLocale,
        sourceDigest: record.digest,
      };
      if (record.snapshot) data.sourceSnapshot = record.snapshot;
      if (existing) await query.update({ where: { id: existing.id }, data });
      else await query.create({ data });
    },

    /** The current draft source version of a document, or null when it has none. */
    async currentSource(
      type: TypeInfo,
      documentId: string,
      sourceLocale: string
    ): Promise<Entry | null> {
      return (await strapi.db.query(type.uid).findOne({
        where: { documentId, locale: sourceLocale, publishedAt: null },
        populate: type.populate,
      })) as Entry | null;
    },

    /** Records the digest (and the source snapshot) after a target version was written. */
    async recordTargetWritten(uid: string, documentId: string, locale: string): Promise<void> {
      const content = getService(strapi, 'content');
      const type = content.typeInfo(uid);
      if (!type) return;
      const sourceLocale = await content.defaultLocale();
      if (locale === sourceLocale) return;
      const override = overrides.getStore()?.digests.get(`${documentId}|${locale}`);
      const source = await service.currentSource(type, documentId, sourceLocale);
      if (!source) return;
      const digest = override ?? sourceDigest(type.fields, source);
      const snapshot = Object.fromEntries(
        documentUnits(type.fields, source).map((unit) => [unit.path, unit.content])
      );
      await service.store({
        uid,
        documentId,
        targetLocale: locale,
        sourceLocale,
        digest,
        snapshot,
      });
    },

    /**
     * Document Service middleware: every create/update of a non-default locale records a digest,
     * publish remembers it for the published version, discardDraft restores that, delete forgets.
     */
    documentMiddleware(): Modules.Documents.Middleware.Middleware {
      return async (context, next) => {
        const ctx = context as unknown as MiddlewareContext;
        const result = await next();
        if (!TRACKED_ACTIONS.has(ctx.action)) return result;
        if (ctx.uid === DIGEST || !ctx.uid.startsWith('api::')) return result;
        const { locale, status } = ctx.params;
        const documentId =
          (result as { documentId?: string } | null)?.documentId ?? ctx.params.documentId;
        if (!documentId) return result;
        const where = recordsWhere(ctx.uid, documentId, locale);

        const memory = getService(strapi, 'memory');
        if (ctx.action === 'delete') {
          await strapi.db.query(DIGEST).deleteMany({ where });
          await memory.forget(
            ctx.uid,
            documentId,
            typeof locale === 'string' && locale !== '*' ? locale : undefined
          );
        } else if (ctx.action === 'publish') {
          if (locale !== undefined) await rememberPublished(where);
          for (const target of await getService(strapi, 'review').targetLocales(
            ctx.uid,
            documentId,
            locale
          ))
            await memory.recordPublished(ctx.uid, documentId, target);
        } else if (ctx.action === 'discardDraft') {
          if (locale !== undefined) await restorePublished(where);
        } else if (typeof locale === 'string') {
          const type = getService(strapi, 'content').typeInfo(ctx.uid);
          const untranslated =
            ctx.action === 'update' && type && touchesNoTranslatedField(type, ctx.params.data);
          if (!untranslated) await service.recordTargetWritten(ctx.uid, documentId, locale);
          // `update({ status: 'published' })` publishes inside the document service, unseen here.
          if (status === 'published') {
            await rememberPublished(where);
            await memory.recordPublished(ctx.uid, documentId, locale);
          }
        }
        return result;
      };
    },
  };
  return service;
};

export type DigestsService = ReturnType<typeof digests>;
export default digests;
