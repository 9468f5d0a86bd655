/**
 * The plugin's index table: created at bootstrap, rebuilt from the published versions of the
 * configured types, and kept in step one document at a time by the Document Service middleware
 * (register.ts). Names of unlaunched locales stay out of other locales' entries
 * (../lib/entries.ts): whoever launches, unlaunches or removes a locale calls `reindexLocale`,
 * which replaces the entries of that locale's documents only.
 */
import type { Core } from '@strapi/strapi';
import stringify from 'fast-json-stable-stringify';
import { sqlOf, type Sql } from '../internals';
import { unlaunchedLocales } from '../launched-locales';
import { buildEntries, type Version } from '../lib/entries';
import {
  createStatements,
  dropStatements,
  FTS_TABLE,
  INDEX_TABLE,
  insertStatements,
  type Tables,
} from '../lib/sql';
import type { SearchType } from './catalog';

/**
 * Bump when the tables or the stored form of entries change: the next boot drops the index
 * tables, creates them anew and rebuilds them (2: alternative names, labels, facets).
 */
const INDEX_FORMAT = 2;

const STORE_KEY = 'index';
/** Documents whose versions are read per query while rebuilding (see insertAll). */
const REBUILD_BATCH_SIZE = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const catalog = () => strapi.plugin('search').service('catalog');
  const tablesOf = (sql: Sql): Tables => ({
    index: sql.table(INDEX_TABLE),
    fts: sql.table(FTS_TABLE),
  });
  const store = () => strapi.store({ type: 'plugin', name: 'search' });

  /** The published versions of a type (of the given documents, or all), with the fields the index needs. */
  const readVersions = async (type: SearchType, documentIds?: string[]): Promise<Version[]> => {
    const select = ['documentId', ...type.fields];
    for (const extra of [type.slug, type.alternativeNames]) {
      if (extra && !select.includes(extra)) select.push(extra);
    }
    if (type.localized) select.push('locale');
    const where: Record<string, unknown> = {};
    if (documentIds) where.documentId = { $in: documentIds };
    if (type.draftAndPublish) where.publishedAt = { $notNull: true };
    const populate = Object.fromEntries(
      Object.keys(type.facets).map((facet) => [facet, { select: ['documentId'] }])
    );
    return (await strapi.db.query(type.uid).findMany({ select, where, populate })) as Version[];
  };

  /**
   * Indexes every published version of a type, the versions of `batchSize` documents at a time:
   * the relations of a batch are loaded with one `IN (…)` list of its row ids, and SQLite refuses
   * more than 32,766 variables (at 100× today's cities one list over all of them failed). A batch
   * holds whole documents because an entry also names its document's other locales.
   */
  const insertAll = async (sql: Sql, type: SearchType, batchSize: number): Promise<number> => {
    const where = type.draftAndPublish ? { publishedAt: { $notNull: true } } : {};
    const rows = (await strapi.db
      .query(type.uid)
      .findMany({ select: ['documentId'], where, orderBy: { documentId: 'asc' } })) as Version[];
    const documentIds = [...new Set(rows.map((row) => row.documentId))];
    let entries = 0;
    for (let start = 0; start < documentIds.length; start += batchSize) {
      const batch = documentIds.slice(start, start + batchSize);
      entries += await insert(sql, type, await readVersions(type, batch));
    }
    return entries;
  };

  const insert = async (sql: Sql, type: SearchType, versions: Version[]): Promise<number> => {
    const entries = buildEntries(
      type.uid,
      {
        fields: type.fields,
        slug: type.slug,
        alternativeNames: type.alternativeNames,
        facets: Object.keys(type.facets),
      },
      versions,
      await unlaunchedLocales(strapi)
    );
    for (const statement of insertStatements(sql.dialect, tablesOf(sql), entries)) {
      await sql.run(statement.sql, statement.bindings);
    }
    return entries.length;
  };

  /** What the index was built for: a change of searched types or fields needs a rebuild. */
  const fingerprint = (): string =>
    stringify({
      format: INDEX_FORMAT,
      types: catalog()
        .types()
        .map(
          ({
            uid,
            fields,
            slug,
            alternativeNames,
            facets,
            localized,
            draftAndPublish,
          }: SearchType) => ({
            uid,
            fields,
            slug,
            alternativeNames,
            facets,
            localized,
            draftAndPublish,
          })
        ),
    });

  return {
    /**
     * Creates the index tables when they are missing, first dropping tables of an earlier
     * INDEX_FORMAT (they are then empty, so the bootstrap rebuilds them).
     */
    async ensureTables(): Promise<void> {
      const sql = sqlOf(strapi);
      const stored = (await store().get({ key: STORE_KEY })) as { format?: number } | null;
      if (stored && stored.format !== INDEX_FORMAT) {
        for (const statement of dropStatements(tablesOf(sql))) await sql.run(statement);
        await store().delete({ key: STORE_KEY });
      }
      for (const statement of createStatements(sql.dialect, tablesOf(sql))) {
        await sql.run(statement);
      }
    },

    /** Replaces the entries of one document by those of its published versions now. */
    async reindexDocument(uid: string, documentId: string): Promise<void> {
      const type: SearchType | undefined = catalog().byUid(uid);
      if (!type) return;
      await sqlOf(strapi).transaction(async (sql) => {
        await sql.run(`DELETE FROM ${tablesOf(sql).index} WHERE type = ? AND document_id = ?`, [
          uid,
          documentId,
        ]);
        await insert(sql, type, await readVersions(type, [documentId]));
      });
    },

    /**
     * Replaces the entries of every document with a version in `locale` (published now, or
     * indexed before: a removed locale's versions are gone from the content tables), `batchSize`
     * documents at a time, after the locale was launched, unlaunched or removed: their entries
     * in every locale lend or withhold the locale's names. Other documents' entries are left as
     * they are. Returns the number of documents reindexed.
     */
    async reindexLocale(locale: string, batchSize = REBUILD_BATCH_SIZE): Promise<number> {
      return sqlOf(strapi).transaction(async (sql) => {
        let documents = 0;
        for (const type of catalog().types() as SearchType[]) {
          if (!type.localized) continue;
          const where: Record<string, unknown> = { locale };
          if (type.draftAndPublish) where.publishedAt = { $notNull: true };
          const published = (await strapi.db
            .query(type.uid)
            .findMany({ select: ['documentId'], where })) as Version[];
          const indexed = await sql.rows<{ document_id: string }>(
            `SELECT DISTINCT document_id FROM ${tablesOf(sql).index} WHERE type = ? AND locale = ?`,
            [type.uid, locale]
          );
          const documentIds = [
            ...new Set([
              ...published.map((row) => row.documentId),
              ...indexed.map((row) => row.document_id),
            ]),
          ].sort();
          for (let start = 0; start < documentIds.length; start += batchSize) {
            const batch = documentIds.slice(start, start + batchSize);
            await sql.run(
              `DELETE FROM ${tablesOf(sql).index} WHERE type = ? AND document_id IN (${batch.map(() => '?').join(', ')})`,
              [type.uid, ...batch]
            );
            await insert(sql, type, await readVersions(type, batch));
          }
          documents += documentIds.length;
        }
        return documents;
      });
    },

    /**
     * Empties the index and fills it from every published version, `batchSize` versions at a
     * time; returns the entry count.
     */
    async rebuild(batchSize = REBUILD_BATCH_SIZE): Promise<number> {
      const count = await sqlOf(strapi).transaction(async (sql) => {
        await sql.run(`DELETE FROM ${tablesOf(sql).index}`);
        let entries = 0;
        for (const type of catalog().types() as SearchType[]) {
          entries += await insertAll(sql, type, batchSize);
        }
        return entries;
      });
      await store().set({
        key: STORE_KEY,
        value: { format: INDEX_FORMAT, fingerprint: fingerprint() },
      });
      return count;
    },

    /** True when the index is empty or was built for other types or fields. */
    async isStale(): Promise<boolean> {
      const sql = sqlOf(strapi);
      const [row] = await sql.rows(`SELECT 1 AS present FROM ${tablesOf(sql).index} LIMIT 1`);
      if (!row) return true;
      const stored = (await store().get({ key: STORE_KEY })) as { fingerprint?: string } | null;
      return stored?.fingerprint !== fingerprint();
    },
  };
};
