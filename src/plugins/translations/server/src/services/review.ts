/**
 * Review states per document and target locale (`plugin::translations.translation-review`), set
 * over the API and by publishing, and the Document Service middleware that, with `requireReview`,
 * refuses to publish a target-locale version that is not reviewed: admin, REST, GraphQL, import
 * and scripts all publish through the Document Service.
 */
import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  defaultReviewState,
  publishable,
  refusal,
  type ReviewRight,
  type ReviewState,
} from '../lib/review';
import { getService } from '../utils';
import { TranslationRequestError } from './status';

export const REVIEW = 'plugin::translations.translation-review';

/** The Document Service actions that can publish, unpublish or delete a reviewed translation. */
const REVIEW_ACTIONS = new Set(['create', 'update', 'publish', 'unpublish', 'delete']);

interface MiddlewareContext {
  uid: UID.ContentType;
  action: string;
  params: { documentId?: string; locale?: string | string[]; status?: string };
}

interface ReviewRow {
  id: number;
  entryDocumentId: string;
  locale: string;
  state: ReviewState;
}

/** Thrown when a caller may not set a state: answered with 403. */
export class ReviewForbiddenError extends Error {}

const review = ({ strapi }: { strapi: Core.Strapi }) => {
  const content = () => getService(strapi, 'content');

  const service = {
    /** Recorded states of a type, keyed `documentId|locale`. */
    async recorded(uid: string, documentIds?: string[]): Promise<Map<string, ReviewState>> {
      const where: Record<string, unknown> = { contentType: uid };
      if (documentIds) where.entryDocumentId = { $in: documentIds };
      const rows = (await strapi.db.query(REVIEW).findMany({
        where,
        select: ['entryDocumentId', 'locale', 'state'],
      })) as ReviewRow[];
      return new Map(rows.map((row) => [`${row.entryDocumentId}|${row.locale}`, row.state]));
    },

    /** The state of one target version: the recorded one, else derived from its versions. */
    async stateOf(uid: string, documentId: string, locale: string): Promise<ReviewState> {
      const recorded = (await service.recorded(uid, [documentId])).get(`${documentId}|${locale}`);
      if (recorded) return recorded;
      const versions = (await strapi.db.query(uid as UID.ContentType).findMany({
        where: { documentId, locale },
        select: ['publishedAt'],
      })) as Array<{ publishedAt: string | null }>;
      return defaultReviewState(
        versions.length > 0,
        versions.some((version) => version.publishedAt !== null)
      );
    },

    /** Stores a state (insert or update). */
    async store(
      uid: string,
      documentId: string,
      locale: string,
      state: ReviewState,
      changedBy?: string
    ): Promise<void> {
      const query = strapi.db.query(REVIEW);
      const where = { contentType: uid, entryDocumentId: documentId, locale };
      const existing = (await query.findOne({ where, select: ['id'] })) as { id: number } | null;
      const data = { ...where, state, changedBy: changedBy ?? null };
      if (existing) await query.update({ where: { id: existing.id }, data });
      else await query.create({ data });
    },

    /**
     * Sets the state of a target version as a caller with `rights`; checks type, locale and
     * document. Throws TranslationRequestError (400) or ReviewForbiddenError (403).
     */
    async set(request: {
      uid: string;
      documentId: string;
      locale: string;
      state: ReviewState;
      rights: readonly ReviewRight[];
      changedBy?: string;
    }): Promise<{
      uid: string;
      documentId: string;
      locale: string;
      state: ReviewState;
      previous: ReviewState;
    }> {
      const { uid, documentId, locale, state, rights } = request;
      const type = content().typeInfo(uid);
      if (!type) throw new TranslationRequestError(`"${uid}" is not a localized content type`);
      const source = await content().defaultLocale();
      const locales = (await content().locales()).map((l) => l.code);
      if (!locales.includes(locale))
        throw new TranslationRequestError(
          `locale "${locale}" does not exist (configured: ${locales.join(', ')})`
        );
      if (locale === source)
        throw new TranslationRequestError(
          `"${locale}" is the source locale: it has no review state`
        );
      const exists = await strapi.db.query(type.uid).count({ where: { documentId } });
      if (exists === 0)
        throw new TranslationRequestError(`no ${type.displayName} document ${documentId}`);
      const previous = await service.stateOf(uid, documentId, locale);
      const reason = refusal(previous, state, rights);
      if (reason) throw new ReviewForbiddenError(reason);
      await service.store(uid, documentId, locale, state, request.changedBy);
      return { uid, documentId, locale, state, previous };
    },

    /** The target locales a Document Service call touches (`*` and lists resolved). */
    async targetLocales(
      uid: string,
      documentId: string,
      locale: string | string[] | undefined
    ): Promise<string[]> {
      const source = await content().defaultLocale();
      let locales: string[];
      if (locale === '*') {
        const rows = (await strapi.db.query(uid as UID.ContentType).findMany({
          where: { documentId },
          select: ['locale'],
        })) as Array<{ locale: string }>;
        locales = [...new Set(rows.map((row) => row.locale))];
      } else if (Array.isArray(locale)) locales = locale;
      else locales = [locale ?? source];
      return locales.filter((code) => code !== source);
    },

    /**
     * Document Service middleware: with `requireReview`, publishing (or writing with
     * `status: 'published'`) a target-locale version that is not reviewed fails with a 400;
     * publishing records `published`, unpublishing moves it back to `reviewed`, delete forgets.
     */
    documentMiddleware(): Modules.Documents.Middleware.Middleware {
      return async (context, next) => {
        const ctx = context as unknown as MiddlewareContext;
        // Reads (the bulk of all calls) go straight through: only these actions change a review.
        if (!REVIEW_ACTIONS.has(ctx.action) || !ctx.uid.startsWith('api::')) return next();
        if (!content().typeInfo(ctx.uid)) return next();
        const publishing =
          ctx.action === 'publish' ||
          (['create', 'update'].includes(ctx.action) && ctx.params.status === 'published');
        const { documentId } = ctx.params;
        if (publishing && documentId && strapi.plugin('translations').config('requireReview')) {
          for (const locale of await service.targetLocales(
            ctx.uid,
            documentId,
            ctx.params.locale
          )) {
            const state = await service.stateOf(ctx.uid, documentId, locale);
            if (!publishable(state))
              throw new errors.ApplicationError(
                `Translation review required: the "${locale}" version is "${state}", it can be published once it is "reviewed"`,
                { documentId, locale, reviewState: state }
              );
          }
        }
        const result = await next();
        const id = (result as { documentId?: string } | null)?.documentId ?? documentId;
        if (!id) return result;
        if (ctx.action === 'delete') {
          const { locale } = ctx.params;
          const where: Record<string, unknown> = { contentType: ctx.uid, entryDocumentId: id };
          if (Array.isArray(locale)) where.locale = { $in: locale };
          else if (locale !== '*') where.locale = locale ?? (await content().defaultLocale());
          await strapi.db.query(REVIEW).deleteMany({ where });
        } else if (publishing || ctx.action === 'unpublish') {
          const locales = await service.targetLocales(ctx.uid, id, ctx.params.locale);
          for (const locale of locales) {
            if (ctx.action === 'unpublish') {
              if ((await service.stateOf(ctx.uid, id, locale)) === 'published')
                await service.store(ctx.uid, id, locale, 'reviewed');
            } else await service.store(ctx.uid, id, locale, 'published');
          }
        }
        return result;
      };
    },
  };
  return service;
};

export type ReviewService = ReturnType<typeof review>;
export default review;
