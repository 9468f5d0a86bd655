/**
 * The counts of the translation status (states, review states, facts that differ) per target
 * locale, counted by the database: GROUP BY over the source and target versions, the recorded
 * digests and the recorded review states. Only what SQL cannot decide is read into JS: whether a
 * recorded digest is the current source digest (a hash of the source's texts and components),
 * for the documents that have one, a batch of source versions at a time (keyset by id).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { modelColumns } from '../internals';
import { REVIEW_STATES, type ReviewCounts, type ReviewState } from '../lib/review';
import { sourceDigest } from '../lib/units';
import { getService } from '../utils';
import { DIGEST, type TypeInfo } from './content';
import type { LocaleStatus } from './status';

const REVIEW = 'plugin::translations.translation-review';

/** Source versions whose digests are compared at a time. */
const DIGEST_BATCH = 500;

/** Percent as the status always gave it: one decimal, 100 when there is nothing to do. */
function percentOf(translated: number, total: number): number {
  return total === 0 ? 100 : Math.round((translated / total) * 1000) / 10;
}

/** Counts of one type in each target locale, in the order of `targetLocales`. */
export async function statusCounts(
  strapi: Core.Strapi,
  type: TypeInfo,
  sourceLocale: string,
  targetLocales: readonly string[]
): Promise<LocaleStatus[]> {
  const knex = strapi.db.connection as unknown as Knex;
  const t = modelColumns(strapi, type.uid);
  const d = modelColumns(strapi, DIGEST);
  const r = modelColumns(strapi, REVIEW);
  const docId = t.column('documentId');
  const locale = t.column('locale');
  const publishedAt = t.column('publishedAt');

  /** The draft source versions (`s`): every count is over these documents. */
  const sources = () =>
    knex({ s: t.table }).where(`s.${locale}`, sourceLocale).whereNull(`s.${publishedAt}`);
  /** Joins the recorded digest (`d`) of the source `s` in target locale `targetColumn`. */
  const digestJoin = (join: Knex.JoinClause, targetColumn: string) =>
    join
      .on(`d.${d.column('entryDocumentId')}`, `s.${docId}`)
      .andOn(`d.${d.column('targetLocale')}`, targetColumn)
      .andOnVal(`d.${d.column('contentType')}`, type.uid)
      .andOnVal(`d.${d.column('sourceLocale')}`, sourceLocale);

  const [{ total }] = (await sources().count({ total: '*' })) as Array<{ total: string | number }>;

  // Target drafts of source documents, and how many of them have a recorded digest.
  const existingRows = (await sources()
    .join({ t: t.table }, (join) =>
      join
        .on(`t.${docId}`, `s.${docId}`)
        .andOnIn(`t.${locale}`, [...targetLocales])
        .andOnNull(`t.${publishedAt}`)
    )
    .leftJoin({ d: d.table }, (join) => digestJoin(join, `t.${locale}`))
    .groupBy(`t.${locale}`)
    .select({ locale: `t.${locale}` })
    .count({ existing: '*' })
    .count({ recorded: `d.id` })) as Array<{
    locale: string;
    existing: string | number;
    recorded: string | number;
  }>;
  const existing = new Map(existingRows.map((row) => [row.locale, row]));

  const translated = await translatedCounts(strapi, knex, type, sourceLocale, targetLocales);
  const review = await reviewCounts();
  const facts = await factsDifferCounts();

  return targetLocales.map((target) => {
    const row = existing.get(target);
    const exists = Number(row?.existing ?? 0);
    const recorded = Number(row?.recorded ?? 0);
    const current = translated.get(target) ?? 0;
    const all = Number(total);
    return {
      locale: target,
      total: all,
      translated: current,
      outdated: recorded - current,
      unknown: exists - recorded,
      missing: all - exists,
      percent: percentOf(current, all),
      review: review.get(target) ?? emptyReviewCounts(),
      factsDiffer: facts.get(target) ?? 0,
    };
  });

  /**
   * Review states per target locale: the recorded one, else untranslated without a target
   * draft, published when the target has a published version, else in translation.
   */
  async function reviewCounts(): Promise<Map<string, ReviewCounts>> {
    const result = new Map<string, ReviewCounts>();
    for (const target of targetLocales) {
      const state = knex.raw(
        `coalesce(??, case when ?? is null then 'untranslated' when exists (select 1 from ?? as p where ?? = ?? and ?? = ? and ?? is not null) then 'published' else 'in-translation' end)`,
        [
          `r.${r.column('state')}`,
          't.id',
          t.table,
          `p.${docId}`,
          `s.${docId}`,
          `p.${locale}`,
          target,
          `p.${publishedAt}`,
        ]
      );
      const rows = (await sources()
        .leftJoin({ t: t.table }, (join) =>
          join
            .on(`t.${docId}`, `s.${docId}`)
            .andOnVal(`t.${locale}`, target)
            .andOnNull(`t.${publishedAt}`)
        )
        .leftJoin({ r: r.table }, (join) =>
          join
            .on(`r.${r.column('entryDocumentId')}`, `s.${docId}`)
            .andOnVal(`r.${r.column('contentType')}`, type.uid)
            .andOnVal(`r.${r.column('locale')}`, target)
        )
        .select({ state })
        .count({ n: '*' })
        .groupByRaw('1')) as Array<{ state: ReviewState; n: string | number }>;
      const counts = emptyReviewCounts();
      for (const row of rows) counts[row.state] = Number(row.n);
      result.set(target, counts);
    }
    return result;
  }

  /** Source documents whose shared relations differ from their version in each target locale. */
  async function factsDifferCounts(): Promise<Map<string, number>> {
    const differ = await getService(strapi, 'shared-relations').factsDiffer(
      type.uid,
      sourceLocale,
      targetLocales
    );
    const result = new Map<string, number>();
    if (differ.size === 0) return result;
    // Only documents with a source draft count, as in the status's document list.
    const ids = [...differ.keys()];
    const withSource = new Set<string>();
    for (let at = 0; at < ids.length; at += DIGEST_BATCH) {
      const rows = (await sources()
        .whereIn(`s.${docId}`, ids.slice(at, at + DIGEST_BATCH))
        .select({ documentId: `s.${docId}` })) as Array<{ documentId: string }>;
      for (const row of rows) withSource.add(row.documentId);
    }
    for (const [documentId, locales] of differ) {
      if (!withSource.has(documentId)) continue;
      for (const target of Object.keys(locales)) result.set(target, (result.get(target) ?? 0) + 1);
    }
    return result;
  }
}

function emptyReviewCounts(): ReviewCounts {
  return Object.fromEntries(REVIEW_STATES.map((state) => [state, 0])) as ReviewCounts;
}

/**
 * Per target locale, the target drafts whose recorded digest is the current source digest: the
 * source versions that have a recorded digest with a target draft, a batch at a time in id order,
 * each hashed once.
 */
async function translatedCounts(
  strapi: Core.Strapi,
  knex: Knex,
  type: TypeInfo,
  sourceLocale: string,
  targetLocales: readonly string[]
): Promise<Map<string, number>> {
  const t = modelColumns(strapi, type.uid);
  const d = modelColumns(strapi, DIGEST);
  const docId = t.column('documentId');
  const locale = t.column('locale');
  const publishedAt = t.column('publishedAt');
  const content = getService(strapi, 'content');
  const result = new Map<string, number>();
  let after = 0;
  for (;;) {
    // Recorded digests with a target draft, for the next batch of source versions by id.
    const batch = (await knex({ s: t.table })
      .where(`s.${locale}`, sourceLocale)
      .whereNull(`s.${publishedAt}`)
      .where('s.id', '>', after)
      .whereExists(
        knex({ d: d.table })
          .select(knex.raw('1'))
          .whereRaw('?? = ??', [`d.${d.column('entryDocumentId')}`, `s.${docId}`])
          .where(`d.${d.column('contentType')}`, type.uid)
          .where(`d.${d.column('sourceLocale')}`, sourceLocale)
          .whereIn(`d.${d.column('targetLocale')}`, [...targetLocales])
      )
      .orderBy('s.id')
      .limit(DIGEST_BATCH)
      .select({ id: 's.id', documentId: `s.${docId}` })) as Array<{
      id: number;
      documentId: string;
    }>;
    if (batch.length === 0) break;
    after = Number(batch[batch.length - 1].id);
    const ids = batch.map((row) => row.documentId);
    const recorded = (await knex({ d: d.table })
      .join({ t: t.table }, (join) =>
        join
          .on(`t.${docId}`, `d.${d.column('entryDocumentId')}`)
          .andOn(`t.${locale}`, `d.${d.column('targetLocale')}`)
          .andOnNull(`t.${publishedAt}`)
      )
      .where(`d.${d.column('contentType')}`, type.uid)
      .where(`d.${d.column('sourceLocale')}`, sourceLocale)
      .whereIn(`d.${d.column('targetLocale')}`, [...targetLocales])
      .whereIn(`d.${d.column('entryDocumentId')}`, ids)
      .select({
        documentId: `d.${d.column('entryDocumentId')}`,
        locale: `d.${d.column('targetLocale')}`,
        digest: `d.${d.column('sourceDigest')}`,
      })) as Array<{ documentId: string; locale: string; digest: string }>;
    const current = new Map(
      (await content.draftVersions(type, sourceLocale, ids)).map((entry) => [
        String(entry.documentId),
        sourceDigest(type.fields, entry),
      ])
    );
    for (const row of recorded)
      if (current.get(row.documentId) === row.digest)
        result.set(row.locale, (result.get(row.locale) ?? 0) + 1);
  }
  return result;
}
