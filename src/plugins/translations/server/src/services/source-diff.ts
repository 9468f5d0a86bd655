/**
 * What the admin edit-view side panel shows for one document in one target locale: its
 * translation state, per unit whether the translation is up to date, outdated or missing with the
 * word diff of the source since the translation was made, and its review state with the states
 * the caller may move it to.
 */
import type { Core } from '@strapi/strapi';
import { editViewLabels } from '../internals';
import { fieldChanges, type FieldChange } from '../lib/field-changes';
import { REVIEW_STATES, refusal, type ReviewRight, type ReviewState } from '../lib/review';
import { stateOf, type TranslationState } from '../lib/status';
import { documentUnits, sourceDigest } from '../lib/units';
import { getService } from '../utils';
import type { Content } from '../lib/inline';
import { DIGEST } from './content';
import { TranslationRequestError } from './status';

export interface DocumentChanges {
  uid: string;
  documentId: string;
  sourceLocale: string;
  locale: string;
  /** True for the source locale itself: it has no translation state. */
  isSource: boolean;
  state: TranslationState | null;
  review: { state: ReviewState; allowed: ReviewState[] } | null;
  /** When the snapshot the diffs start from was taken (the target's last write). */
  translatedAt: string | null;
  fields: Array<FieldChange & { label: string }>;
  /**
   * Shared relations (`pluginOptions.translations.shared`) whose links differ from the source
   * locale's ("facts differ"), with their edit-view labels; empty when they agree.
   */
  factsDiffer: Array<{ field: string; label: string }>;
}

export interface ChangesRequest {
  uid: string;
  documentId: string;
  locale: string;
  /** The caller's review rights; `canEdit` false means no state may be set at all. */
  rights: readonly ReviewRight[];
  canEdit: boolean;
}

const sourceDiff = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Throws TranslationRequestError (400) for an unknown type, locale or document. */
  async changes(request: ChangesRequest): Promise<DocumentChanges> {
    const { uid, documentId, locale } = request;
    const content = getService(strapi, 'content');
    const type = content.typeInfo(uid);
    if (!type) throw new TranslationRequestError(`"${uid}" is not a localized content type`);
    const locales = (await content.locales()).map((l) => l.code);
    if (!locales.includes(locale))
      throw new TranslationRequestError(
        `locale "${locale}" does not exist (configured: ${locales.join(', ')})`
      );
    const sourceLocale = await content.defaultLocale();
    const [source] = await content.draftVersions(type, sourceLocale, [documentId]);
    const [target] = await content.draftVersions(type, locale, [documentId]);
    if (!source && !target)
      throw new TranslationRequestError(`no ${type.displayName} document ${documentId}`);
    const result: DocumentChanges = {
      uid,
      documentId,
      sourceLocale,
      locale,
      isSource: locale === sourceLocale,
      state: null,
      review: null,
      translatedAt: null,
      fields: [],
      factsDiffer: [],
    };
    if (result.isSource) return result;

    const differing =
      (
        await getService(strapi, 'shared-relations').factsDiffer(
          uid,
          sourceLocale,
          [locale],
          [documentId]
        )
      ).get(documentId)?.[locale] ?? [];
    if (differing.length > 0) {
      const labels = await editViewLabels(strapi, uid, false);
      result.factsDiffer = differing.map((field) => ({ field, label: labels[field] ?? field }));
    }

    const review = await getService(strapi, 'review').stateOf(uid, documentId, locale);
    result.review = {
      state: review,
      allowed: request.canEdit
        ? REVIEW_STATES.filter(
            (to) => to !== review && refusal(review, to, request.rights) === null
          )
        : [],
    };
    if (!source) return result;

    const digest = (await strapi.db.query(DIGEST).findOne({
      where: { contentType: uid, entryDocumentId: documentId, targetLocale: locale, sourceLocale },
      select: ['sourceDigest', 'sourceSnapshot', 'updatedAt'],
    })) as {
      sourceDigest: string;
      sourceSnapshot: Record<string, Content> | null;
      updatedAt: string | Date | null;
    } | null;
    const state = stateOf(sourceDigest(type.fields, source), Boolean(target), digest?.sourceDigest);
    result.state = state;
    result.translatedAt = digest?.updatedAt ? new Date(digest.updatedAt).toISOString() : null;
    const labels = await editViewLabels(strapi, uid, false);
    const blockFields = new Set(
      type.fields.filter((field) => field.kind === 'blocks').map((field) => field.name)
    );
    result.fields = fieldChanges({
      documentState: state,
      sourceUnits: documentUnits(type.fields, source),
      targetPaths: new Set(documentUnits(type.fields, target ?? null).map((unit) => unit.path)),
      snapshot: digest?.sourceSnapshot ?? null,
      blockFields,
    }).map((change) => ({ ...change, label: labels[change.field] ?? change.field }));
    return result;
  },
});

export type SourceDiffService = ReturnType<typeof sourceDiff>;
export default sourceDiff;
