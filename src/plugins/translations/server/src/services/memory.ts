/**
 * The translation memory: every published source/target segment pair (per plain field, per block
 * of rich text), recorded whenever a target-locale version is published through the Document
 * Service, plus pairs imported from TMX. Feeds exact and fuzzy matches into the XLIFF export.
 */
import type { Core, UID } from '@strapi/strapi';
import { plainText, type Content } from '../lib/inline';
import { buildTmx, parseTmx, segmentKey, similarity, type TmEntry } from '../lib/tm';
import { currentTargets, documentUnits, type Entry } from '../lib/units';
import { getService } from '../utils';

export const MEMORY = 'plugin::translations.translation-memory';

/** Fuzzy matches from this similarity (percent). */
export const FUZZY_FLOOR = 75;

interface MemoryRow {
  id: number;
  origin: string;
  sourceLocale: string;
  targetLocale: string;
  sourceKey: string;
  sourceText: string;
  targetText: string;
  targetContent: Content | null;
  updatedAt?: string;
}

export interface Match {
  quality: number;
  sourceText: string;
  targetText: string;
  /** Target with the source's inline codes (exact matches of memory entries from this CMS). */
  targetContent: Content | null;
  origin: string;
}

/** An in-memory index of one locale pair, built once per export. */
export interface MemoryIndex {
  exact(source: Content): Match | null;
  fuzzy(source: Content, limit?: number): Match[];
}

const memory = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /** Records the pairs of a published target version (replacing what it had). */
    async recordPublished(uid: string, documentId: string, targetLocale: string): Promise<void> {
      const content = getService(strapi, 'content');
      const type = content.typeInfo(uid);
      if (!type) return;
      const sourceLocale = await content.defaultLocale();
      if (targetLocale === sourceLocale) return;
      const published = async (locale: string): Promise<Entry | null> =>
        (await strapi.db.query(type.uid as UID.ContentType).findOne({
          where: { documentId, locale, publishedAt: { $notNull: true } },
          populate: type.populate,
        })) as Entry | null;
      const source = await published(sourceLocale);
      const target = await published(targetLocale);
      const query = strapi.db.query(MEMORY);
      await query.deleteMany({ where: { origin: uid, entryDocumentId: documentId, targetLocale } });
      if (!source || !target) return;
      const targets = currentTargets(type.fields, source, target);
      const rows = documentUnits(type.fields, source).flatMap((unit) => {
        const translated = targets.get(unit.path);
        if (!translated) return [];
        const sourceText = plainText(unit.content);
        const targetText = plainText(translated);
        if (sourceText.trim() === '' || targetText.trim() === '') return [];
        return [
          {
            origin: uid,
            entryDocumentId: documentId,
            path: unit.path,
            sourceLocale,
            targetLocale,
            sourceKey: segmentKey(sourceText),
            sourceText,
            targetText,
            sourceContent: unit.content,
            targetContent: translated,
          },
        ];
      });
      if (rows.length > 0) await query.createMany({ data: rows });
    },

    /** Forgets the pairs of a document (all target locales when `targetLocale` is undefined). */
    async forget(uid: string, documentId: string, targetLocale?: string): Promise<void> {
      const where: Record<string, unknown> = { origin: uid, entryDocumentId: documentId };
      if (targetLocale) where.targetLocale = targetLocale;
      await strapi.db.query(MEMORY).deleteMany({ where });
    },

    async rows(sourceLocale: string, targetLocale: string): Promise<MemoryRow[]> {
      return (await strapi.db.query(MEMORY).findMany({
        where: { sourceLocale, targetLocale },
        orderBy: [{ sourceText: 'asc' }, { id: 'asc' }],
      })) as MemoryRow[];
    },

    /** Loads a locale pair once for the matches of an export. */
    async index(sourceLocale: string, targetLocale: string): Promise<MemoryIndex> {
      const rows = await service.rows(sourceLocale, targetLocale);
      const byKey = new Map<string, MemoryRow>();
      // The most recent pair wins for an exact match.
      for (const row of [...rows].sort((a, b) => a.id - b.id)) byKey.set(row.sourceKey, row);
      const match = (row: MemoryRow, quality: number): Match => ({
        quality,
        sourceText: row.sourceText,
        targetText: row.targetText,
        targetContent: row.targetContent,
        origin: row.origin,
      });
      return {
        exact(source) {
          const row = byKey.get(segmentKey(plainText(source)));
          return row ? match(row, 100) : null;
        },
        fuzzy(source, limit = 3) {
          const text = plainText(source);
          const found: Match[] = [];
          const seen = new Set<string>();
          for (const row of byKey.values()) {
            const quality = similarity(text, row.sourceText, FUZZY_FLOOR);
            if (quality < FUZZY_FLOOR || quality >= 100) continue;
            const key = `${row.sourceText}\u0000${row.targetText}`;
            if (seen.has(key)) continue;
            seen.add(key);
            found.push(match(row, quality));
          }
          return found.sort((a, b) => b.quality - a.quality).slice(0, limit);
        },
      };
    },

    /** TMX 1.4b of every pair (all target locales of the source locale). */
    async exportTmx(): Promise<{ xml: string; units: number }> {
      const sourceLocale = await getService(strapi, 'content').defaultLocale();
      const rows = (await strapi.db.query(MEMORY).findMany({
        where: { sourceLocale },
        orderBy: [{ targetLocale: 'asc' }, { sourceText: 'asc' }, { id: 'asc' }],
      })) as MemoryRow[];
      const entries: TmEntry[] = rows.map((row) => ({
        sourceLocale: row.sourceLocale,
        targetLocale: row.targetLocale,
        sourceText: row.sourceText,
        targetText: row.targetText,
        origin: row.origin,
        changedAt: row.updatedAt,
      }));
      return {
        xml: buildTmx(entries, sourceLocale, 'strapi-plugin-translations'),
        units: rows.length,
      };
    },

    /**
     * Adds the pairs of a TMX file between the source locale and every other locale; pairs
     * already in the memory are skipped. Returns how many were added and skipped.
     */
    async importTmx(xml: string, name: string): Promise<{ added: number; skipped: number }> {
      const content = getService(strapi, 'content');
      const sourceLocale = await content.defaultLocale();
      const targets = (await content.locales())
        .map((l) => l.code)
        .filter((c) => c !== sourceLocale);
      let added = 0;
      let skipped = 0;
      for (const targetLocale of targets) {
        const existing = new Set(
          (await service.rows(sourceLocale, targetLocale)).map(
            (row) => `${row.sourceText}\u0000${row.targetText}`
          )
        );
        const rows = [];
        for (const entry of parseTmx(xml, sourceLocale, targetLocale)) {
          const key = `${entry.sourceText}\u0000${entry.targetText}`;
          if (existing.has(key)) {
            skipped += 1;
            continue;
          }
          existing.add(key);
          rows.push({
            origin: `tmx:${name}`,
            sourceLocale,
            targetLocale,
            sourceKey: segmentKey(entry.sourceText),
            sourceText: entry.sourceText,
            targetText: entry.targetText,
          });
        }
        if (rows.length > 0) await strapi.db.query(MEMORY).createMany({ data: rows });
        added += rows.length;
      }
      return { added, skipped };
    },
  };
  return service;
};

export type MemoryService = ReturnType<typeof memory>;
export default memory;
