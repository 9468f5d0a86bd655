/**
 * The term base: reads the app's glossary type (plugin option `glossary`: its uid and attribute
 * names) into concepts, exports them as TBX-Basic or CSV, and gives the XLIFF export and import
 * the terms of a locale pair. Only published versions count: a draft term is not in the term
 * base yet.
 */
import type { Core, UID } from '@strapi/strapi';
import { GLOSSARY_FIELD_DEFAULTS, type GlossaryConfig, type GlossaryFields } from '../config';
import type { Concept, TermStatus } from '../lib/glossary';
import { buildTbx, buildTermCsv } from '../lib/tbx';
import { getService } from '../utils';

/** The glossary is not configured (`translations.glossary` unset). */
export class GlossaryDisabledError extends Error {
  constructor() {
    super('no term base configured (plugin option translations.glossary)');
  }
}

export const GLOSSARY_FORMATS = ['tbx', 'csv'] as const;
export type GlossaryFormat = (typeof GLOSSARY_FORMATS)[number];

export interface GlossaryExport {
  body: string;
  concepts: number;
  contentType: string;
  filename: string;
}

/** The terms of one locale pair, for an export or an import. */
export interface TermBase {
  uid: string;
  concepts: Concept[];
}

type Row = Record<string, unknown> & { documentId: string; locale: string };

const glossary = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /** The configured glossary type and attribute names, or null when there is none. */
    settings(): { uid: string; fields: GlossaryFields } | null {
      const config = strapi.plugin('translations').config('glossary') as GlossaryConfig | undefined;
      if (!config) return null;
      return { uid: config.uid, fields: { ...GLOSSARY_FIELD_DEFAULTS, ...config.fields } };
    },

    /**
     * Checks at start that the configured type exists, is localized and has the term attribute
     * (the others are optional); throws naming what is wrong.
     */
    check(): void {
      const settings = service.settings();
      if (!settings) return;
      const model = strapi.contentTypes[settings.uid as UID.ContentType] as
        | {
            attributes: Record<string, unknown>;
            pluginOptions?: { i18n?: { localized?: boolean } };
          }
        | undefined;
      if (!model)
        throw new Error(`translations.glossary.uid "${settings.uid}" is not a content type`);
      if (model.pluginOptions?.i18n?.localized !== true)
        throw new Error(`translations.glossary.uid "${settings.uid}" is not localized`);
      if (!(settings.fields.term in model.attributes))
        throw new Error(
          `translations.glossary.fields.term: "${settings.fields.term}" is not an attribute of ${settings.uid}`
        );
    },

    /** Every concept with its published versions, sorted by the term in the first locale. */
    async concepts(locales?: string[]): Promise<Concept[]> {
      const settings = service.settings();
      if (!settings) throw new GlossaryDisabledError();
      const { uid, fields } = settings;
      const order = locales ?? (await getService(strapi, 'content').locales()).map((l) => l.code);
      const rows = (await strapi.db.query(uid as UID.ContentType).findMany({
        where: { publishedAt: { $notNull: true } },
        orderBy: [{ id: 'asc' }],
      })) as Row[];
      const text = (value: unknown): string | null =>
        typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
      const byId = new Map<string, Concept>();
      for (const row of rows) {
        const term = text(row[fields.term]);
        if (!term || !order.includes(row.locale)) continue;
        let concept = byId.get(row.documentId);
        if (!concept) {
          concept = {
            id: row.documentId,
            status: row[fields.status] === 'forbidden' ? 'forbidden' : ('approved' as TermStatus),
            doNotTranslate: row[fields.doNotTranslate] === true || row[fields.doNotTranslate] === 1,
            partOfSpeech: text(row[fields.partOfSpeech]),
            terms: {},
          };
          byId.set(row.documentId, concept);
        }
        concept.terms[row.locale] = { term, definition: text(row[fields.definition]) };
      }
      const label = (concept: Concept): string =>
        order.map((locale) => concept.terms[locale]?.term).find(Boolean) ?? '';
      return [...byId.values()].sort(
        (a, b) => label(a).localeCompare(label(b), order[0]) || a.id.localeCompare(b.id)
      );
    },

    /** The term base of an export or import; null without a glossary. */
    async termBase(): Promise<TermBase | null> {
      const settings = service.settings();
      return settings ? { uid: settings.uid, concepts: await service.concepts() } : null;
    },

    /** The term base as TBX-Basic (default) or CSV, every locale, the source locale first. */
    async export(format: GlossaryFormat = 'tbx'): Promise<GlossaryExport> {
      const locales = (await getService(strapi, 'content').locales()).map((l) => l.code);
      const concepts = await service.concepts(locales);
      if (format === 'csv')
        return {
          body: buildTermCsv(concepts, locales),
          concepts: concepts.length,
          contentType: 'text/csv; charset=utf-8; header=present',
          filename: 'term-base.csv',
        };
      return {
        body: buildTbx(concepts, locales, 'Term base'),
        concepts: concepts.length,
        contentType: 'application/x-tbx+xml; charset=utf-8',
        filename: 'term-base.tbx',
      };
    },
  };
  return service;
};

export type GlossaryService = ReturnType<typeof glossary>;
export default glossary;
