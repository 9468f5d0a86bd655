/**
 * Translation status per localized type and target locale: the counts alone (`documents: false`)
 * from aggregate queries (./status-counts.ts); with the document list, from that list, which
 * takes a few queries per type (source
 * drafts with their translatable components, target draft ids, recorded digests), never one per
 * document.
 */
import type { Core } from '@strapi/strapi';
import {
  countReviewStates,
  defaultReviewState,
  type ReviewCounts,
  type ReviewState,
} from '../lib/review';
import { countStates, stateOf, type LocaleCounts, type TranslationState } from '../lib/status';
import { sourceDigest } from '../lib/units';
import { getService } from '../utils';
import { labelOf, type TypeInfo } from './content';
import { statusCounts } from './status-counts';

export interface DocumentStatus {
  documentId: string;
  label: string;
  states: Record<string, TranslationState>;
  /** Review state per target locale. */
  review: Record<string, ReviewState>;
  /**
   * Per target locale whose shared relations link other documents than the source locale's: the
   * attributes that differ ("facts differ"; absent when every locale agrees).
   */
  factsDiffer?: Record<string, string[]>;
}

/** Counts of one locale: translation states and review states. */
export type LocaleStatus = LocaleCounts & {
  review: ReviewCounts;
  /** Documents whose shared relations differ from the source locale's. */
  factsDiffer: number;
};

export interface TypeStatus {
  uid: string;
  displayName: string;
  kind: string;
  locales: LocaleStatus[];
  documents?: DocumentStatus[];
}

export interface TranslationStatus {
  sourceLocale: string;
  targetLocales: string[];
  types: TypeStatus[];
}

export interface StatusOptions {
  sourceLocale?: string;
  targetLocales?: string[];
  types?: string[];
  documents?: boolean;
}

/** Thrown for a bad request (unknown locale or type): the caller answers 400. */
export class TranslationRequestError extends Error {}

const status = ({ strapi }: { strapi: Core.Strapi }) => {
  const content = () => getService(strapi, 'content');
  const service = {
    /**
     * The documents of one type with their state per target locale, in label order (the status's
     * document list; its counts come from `statusCounts`).
     */
    async documentStatus(
      type: TypeInfo,
      sourceLocale: string,
      targetLocales: string[]
    ): Promise<DocumentStatus[]> {
      const sources = await content().draftVersions(type, sourceLocale);
      const targets = (await strapi.db.query(type.uid).findMany({
        where: { locale: { $in: targetLocales } },
        select: ['documentId', 'locale', 'publishedAt'],
      })) as Array<{ documentId: string; locale: string; publishedAt: string | null }>;
      const existing = new Set(
        targets.filter((t) => t.publishedAt === null).map((t) => `${t.documentId}|${t.locale}`)
      );
      const published = new Set(
        targets.filter((t) => t.publishedAt !== null).map((t) => `${t.documentId}|${t.locale}`)
      );
      const reviewed = await getService(strapi, 'review').recorded(type.uid);
      const facts = await getService(strapi, 'shared-relations').factsDiffer(
        type.uid,
        sourceLocale,
        targetLocales
      );
      const recorded = await content().recordedDigests(type.uid, sourceLocale);

      const documents: DocumentStatus[] = sources.map((source) => {
        const documentId = String(source.documentId);
        const digest = sourceDigest(type.fields, source);
        const states: Record<string, TranslationState> = {};
        const review: Record<string, ReviewState> = {};
        for (const locale of targetLocales) {
          const key = `${documentId}|${locale}`;
          states[locale] = stateOf(digest, existing.has(key), recorded.get(key));
          review[locale] =
            reviewed.get(key) ?? defaultReviewState(existing.has(key), published.has(key));
        }
        const differ = facts.get(documentId);
        return {
          documentId,
          label: labelOf(type, source),
          states,
          review,
          ...(differ ? { factsDiffer: differ } : {}),
        };
      });
      return documents.sort(
        (a, b) => a.label.localeCompare(b.label) || a.documentId.localeCompare(b.documentId)
      );
    },

    /** Resolves source and target locales against the configured ones. */
    async resolveLocales(
      sourceLocale: string | undefined,
      targetLocales: string[] | undefined
    ): Promise<{ source: string; targets: string[] }> {
      const configured = (await content().locales()).map((locale) => locale.code);
      const source = sourceLocale ?? (await content().defaultLocale());
      if (!configured.includes(source))
        throw new TranslationRequestError(
          `source locale "${source}" does not exist (configured: ${configured.join(', ')})`
        );
      const targets =
        targetLocales && targetLocales.length > 0
          ? targetLocales
          : configured.filter((code) => code !== source);
      for (const target of targets) {
        if (!configured.includes(target))
          throw new TranslationRequestError(
            `target locale "${target}" does not exist (configured: ${configured.join(', ')})`
          );
        if (target === source)
          throw new TranslationRequestError(`target locale "${target}" is the source locale`);
      }
      return { source, targets };
    },

    /** Resolves type uids (all localized types when none are given). */
    resolveTypes(uids: string[] | undefined): TypeInfo[] {
      const all = content().localizedTypes();
      if (!uids || uids.length === 0) return all;
      return uids.map((uid) => {
        const type = all.find((candidate) => candidate.uid === uid);
        if (!type)
          throw new TranslationRequestError(
            `"${uid}" is not a localized content type (known: ${all.map((t) => t.uid).join(', ')})`
          );
        return type;
      });
    },

    /** The translation status of every localized type in every target locale. */
    async status(options: StatusOptions = {}): Promise<TranslationStatus> {
      const { source, targets } = await service.resolveLocales(
        options.sourceLocale,
        options.targetLocales
      );
      const types: TypeStatus[] = [];
      for (const type of service.resolveTypes(options.types)) {
        if (options.documents === false) {
          types.push({
            uid: type.uid,
            displayName: type.displayName,
            kind: type.kind,
            locales: await statusCounts(strapi, type, source, targets),
          });
          continue;
        }
        // The documents are read anyway: their states are counted in JS, no query more
        // (tests/api/plugins/translations/status-counts.test.ts: both counts agree).
        const documents = await service.documentStatus(type, source, targets);
        types.push({
          uid: type.uid,
          displayName: type.displayName,
          kind: type.kind,
          locales: targets.map((locale) => ({
            ...countStates(
              locale,
              documents.map((doc) => doc.states[locale])
            ),
            review: countReviewStates(documents.map((doc) => doc.review[locale])),
            factsDiffer: documents.filter((doc) => doc.factsDiffer?.[locale]).length,
          })),
          documents,
        });
      }
      return { sourceLocale: source, targetLocales: targets, types };
    },
  };
  return service;
};

export type StatusService = ReturnType<typeof status>;
export default status;
