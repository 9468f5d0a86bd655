/**
 * Which documents' shared relations differ between locales, read over a knex connection. The
 * shared-relations service reads it inside Strapi; `strapi-translations check` reads it without
 * booting Strapi, from the schema files and the app's database config: the same statements give
 * the same answer.
 */
import type { Knex } from 'knex';
import type { DocumentStorage, RelationStorage } from './internals';
import {
  differences,
  type FactDifference,
  type SharedRelation,
  type VersionLinks,
} from './lib/shared-relations';

/** A document whose shared relation differs between locales, with labels for people. */
export interface SharedFactDifference extends FactDifference {
  uid: string;
  /** The document's name or title in the default locale (else its documentId). */
  label: string;
  /** The target documents named in `locales`, by documentId: their names. */
  targets: Record<string, string>;
}

/** What reading the differences needs to know of the app. */
export interface FactsSource {
  relations: readonly SharedRelation[];
  storageOf(relation: SharedRelation): RelationStorage;
  /** Undefined when the type has no label field: its documents are named by their documentId. */
  labelStorageOf(uid: string): DocumentStorage | undefined;
  defaultLocale(): Promise<string>;
}

interface LinkRow {
  id: number;
  document_id: string;
  locale: string;
  published_at: unknown;
  target: string | null;
}

const published = (value: unknown): boolean => value !== null && value !== undefined;

/** Every version of the documents with the target documents it links to (one statement). */
export async function versionLinks(
  knex: Knex,
  s: RelationStorage,
  documentIds?: readonly string[]
): Promise<Map<string, VersionLinks[]>> {
  const query = knex(`${s.table} as s`)
    .leftJoin(`${s.joinTable} as l`, `l.${s.joinColumn}`, 's.id')
    .leftJoin(`${s.targetTable} as t`, 't.id', `l.${s.inverseJoinColumn}`)
    .select(
      's.id as id',
      `s.${s.localeColumn} as locale`,
      `s.${s.publishedAtColumn} as published_at`,
      `t.${s.targetDocumentIdColumn} as target`,
      `s.${s.documentIdColumn} as document_id`
    )
    .orderBy('s.id');
  if (s.orderColumn) query.orderBy(`l.${s.orderColumn}`);
  if (documentIds) query.whereIn(`s.${s.documentIdColumn}`, [...documentIds]);
  const rows = (await query) as LinkRow[];
  const byDocument = new Map<string, VersionLinks[]>();
  const byRow = new Map<number, VersionLinks>();
  for (const row of rows) {
    let version = byRow.get(row.id);
    if (!version) {
      version = {
        id: row.id,
        locale: row.locale,
        published: published(row.published_at),
        targets: [],
      };
      byRow.set(row.id, version);
      const list = byDocument.get(row.document_id) ?? [];
      list.push(version);
      byDocument.set(row.document_id, list);
    }
    if (row.target !== null) version.targets.push(row.target);
  }
  return byDocument;
}

/** Labels of the draft versions of documents, the default locale's first (one statement). */
async function labelsOf(
  knex: Knex,
  source: FactsSource,
  uid: string,
  documentIds: readonly string[]
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const storage = source.labelStorageOf(uid);
  if (!storage || documentIds.length === 0) return labels;
  const defaultLocale = await source.defaultLocale();
  const rows = (await knex(storage.table)
    .select(
      `${storage.documentIdColumn} as document_id`,
      `${storage.localeColumn} as locale`,
      `${storage.labelColumn} as label`
    )
    .whereIn(storage.documentIdColumn, [...new Set(documentIds)])
    .whereNull(storage.publishedAtColumn)
    .orderBy('id')) as Array<{ document_id: string; locale: string; label: unknown }>;
  for (const row of rows) {
    if (typeof row.label !== 'string') continue;
    if (!labels.has(row.document_id) || row.locale === defaultLocale)
      labels.set(row.document_id, row.label);
  }
  return labels;
}

const linked = (difference: FactDifference): string[] =>
  Object.values(difference.locales).flatMap((links) => [
    ...(links.draft ?? []),
    ...(links.published ?? []),
  ]);

/**
 * The documents whose shared relations differ between locales, with labels (per shared relation:
 * one statement, and two for labels when any differ).
 */
export async function differingFacts(
  knex: Knex,
  source: FactsSource,
  options: { uids?: readonly string[]; documentIds?: readonly string[] } = {}
): Promise<SharedFactDifference[]> {
  const found: SharedFactDifference[] = [];
  for (const relation of source.relations) {
    if (options.uids && !options.uids.includes(relation.uid)) continue;
    const versions = await versionLinks(knex, source.storageOf(relation), options.documentIds);
    const differing = differences(relation.attribute, versions);
    if (differing.length === 0) continue;
    const labels = await labelsOf(
      knex,
      source,
      relation.uid,
      differing.map((difference) => difference.documentId)
    );
    const targets = await labelsOf(knex, source, relation.target, differing.flatMap(linked));
    for (const difference of differing)
      found.push({
        uid: relation.uid,
        label: labels.get(difference.documentId) ?? difference.documentId,
        ...difference,
        targets: Object.fromEntries(linked(difference).map((id) => [id, targets.get(id) ?? id])),
      });
  }
  return found;
}
