/**
 * Field fallback: the entries a fallback read serves get their empty translated fields filled
 * from the first locale after theirs in the chain that has a value (the rules:
 * ../lib/empty-fields.ts), with `fallbackFields` naming the locale of each filled field. An entry
 * served in `locale` is filled from the whole chain, an entry served in a chain locale (a missing
 * document) from the chain locales after it.
 *
 * Cost: per level of the answer (the root entries, the members of each populated relation) at
 * most one query per chain locale, for all entries of that level at once, reading only the fields
 * still empty; none when no entry has an empty field. The reads go through the document service,
 * so a response cache that tags document reads (this repository's does) records every chain
 * version that was looked at, and a write to one of them evicts the answer.
 */
import type { Core, UID } from '@strapi/strapi';
import {
  emptyFieldsOf,
  fillableFields,
  fillFrom,
  selectedFillable,
  type FieldAttribute,
} from '../lib/empty-fields';
import { asVersionList, populatedRelations, type LocaleVersion } from '../lib/fallback';

type Params = Record<string, unknown>;

/** What a fill needs to know about the read. */
export interface FillRequest {
  locale: string;
  chain: readonly string[];
  status: unknown;
  /** The relations of a content type that take part in fallback, by name, with their target. */
  relationsOf: (uid: string) => ReadonlyMap<string, string>;
}

const fillableByType = new WeakMap<Core.Strapi, Map<string, Map<string, string>>>();

/** The fillable fields of a content type; schemas do not change while the app runs. */
function fillableOf(strapi: Core.Strapi, uid: string): Map<string, string> {
  let byType = fillableByType.get(strapi);
  if (!byType) {
    byType = new Map();
    fillableByType.set(strapi, byType);
  }
  let fillable = byType.get(uid);
  if (!fillable) {
    const { attributes } = strapi.contentType(uid as UID.ContentType);
    fillable = fillableFields(attributes as unknown as Record<string, FieldAttribute>);
    byType.set(uid, fillable);
  }
  return fillable;
}

/**
 * Fills the empty translated fields of `entries` (versions of `uid`, as served), in place.
 *
 * @param fields the read's field selection (undefined: every field)
 */
export async function fillEmptyFields(
  strapi: Core.Strapi,
  uid: string,
  entries: readonly LocaleVersion[],
  fields: unknown,
  { locale, chain, status }: Pick<FillRequest, 'locale' | 'chain' | 'status'>
): Promise<void> {
  const selected = selectedFillable(fillableOf(strapi, uid), fields);
  if (selected.size === 0 || chain.length === 0) return;
  const pending = new Map<LocaleVersion, string[]>();
  for (const entry of entries) {
    const empty = emptyFieldsOf(entry, selected);
    if (empty.length > 0) pending.set(entry, empty);
  }
  for (const [step, stepLocale] of chain.entries()) {
    // Only entries served before this chain locale: a version is never filled from its own
    // locale or from one the chain puts before it.
    const wanted = [...pending].filter(([entry]) => {
      const served = entry.locale === locale ? -1 : chain.indexOf(String(entry.locale));
      return served < step;
    });
    if (wanted.length === 0) continue;
    const ids = [...new Set(wanted.map(([entry]) => entry.documentId))];
    const names = [...new Set(wanted.flatMap(([, empty]) => empty))];
    const versions = (await strapi.documents(uid as UID.ContentType).findMany({
      locale: stepLocale,
      status,
      fields: [...names, 'locale'],
      filters: { documentId: { $in: ids } },
      limit: ids.length,
    } as never)) as unknown as LocaleVersion[];
    const byId = new Map(versions.map((version) => [version.documentId, version]));
    for (const [entry, empty] of wanted) {
      const left = fillFrom(entry, byId.get(entry.documentId), empty, selected, stepLocale);
      if (left.length === 0) pending.delete(entry);
      else pending.set(entry, left);
    }
    if (pending.size === 0) return;
  }
}

/**
 * {@link fillEmptyFields} on `entries` and, level by level, on the members of their populated
 * relations (all members of one relation and level at once).
 */
export async function fillEmptyFieldsAtEveryDepth(
  strapi: Core.Strapi,
  uid: string,
  entries: readonly LocaleVersion[],
  params: Params,
  request: FillRequest
): Promise<void> {
  if (entries.length === 0) return;
  await fillEmptyFields(strapi, uid, entries, params.fields, request);
  const relations = request.relationsOf(uid);
  const wanted = populatedRelations(params.populate, [...relations.keys()]);
  for (const [name, options] of wanted) {
    const members = entries.flatMap((entry) => asVersionList(entry[name]));
    await fillEmptyFieldsAtEveryDepth(
      strapi,
      relations.get(name) as string,
      members,
      options,
      request
    );
  }
}
