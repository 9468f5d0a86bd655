/** Reads what the translation features need from Strapi: localized types, locales, versions. */
import type { Core, UID } from '@strapi/strapi';
import {
  labelField,
  localizedUidFields,
  populateFor,
  translatableFields,
  type FieldSpec,
  type ModelSchema,
} from '../lib/translation/fields';
import type { Entry } from '../lib/translation/units';

export const DIGEST = 'api::translation.translation-digest';

export interface TypeInfo {
  uid: UID.ContentType;
  displayName: string;
  kind: string;
  fields: FieldSpec[];
  labelField: string | null;
  uidFields: string[];
  populate: Record<string, unknown>;
}

/** Every localized content type with at least one translatable field, from the schemas. */
export function localizedTypes(strapi: Core.Strapi): TypeInfo[] {
  const components = (uid: string): ModelSchema | undefined =>
    strapi.components[uid as UID.Component] as unknown as ModelSchema | undefined;
  const types: TypeInfo[] = [];
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    const schema = contentType as unknown as ModelSchema;
    const fields = translatableFields(schema, components);
    if (fields.length === 0) continue;
    types.push({
      uid: uid as UID.ContentType,
      displayName: schema.info?.displayName ?? uid,
      kind: schema.kind ?? 'collectionType',
      fields,
      labelField: labelField(schema),
      uidFields: localizedUidFields(schema),
      populate: populateFor(fields),
    });
  }
  return types.sort((a, b) => a.uid.localeCompare(b.uid));
}

export function typeInfo(strapi: Core.Strapi, uid: string): TypeInfo | undefined {
  return localizedTypes(strapi).find((type) => type.uid === uid);
}

export interface LocaleInfo {
  code: string;
  name: string;
  isDefault: boolean;
}

/** The configured locales, default first. */
export async function locales(strapi: Core.Strapi): Promise<LocaleInfo[]> {
  const service = strapi.plugin('i18n').service('locales');
  const all = (await service.find()) as Array<{ code: string; name: string; isDefault?: boolean }>;
  const defaultCode = (await service.getDefaultLocale()) as string;
  return all
    .map((locale) => ({
      code: locale.code,
      name: locale.name,
      isDefault: locale.code === defaultCode,
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.code.localeCompare(b.code));
}

export async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
}

/** Draft versions of a type in one locale (one query plus one per populated component). */
export async function draftVersions(
  strapi: Core.Strapi,
  type: TypeInfo,
  locale: string,
  documentIds?: string[]
): Promise<Entry[]> {
  const where: Record<string, unknown> = { locale, publishedAt: null };
  if (documentIds) where.documentId = { $in: documentIds };
  return (await strapi.db.query(type.uid).findMany({ where, populate: type.populate })) as Entry[];
}

/** Digests recorded for a type, keyed `documentId|locale`. */
export async function recordedDigests(
  strapi: Core.Strapi,
  uid: string,
  sourceLocale: string
): Promise<Map<string, string>> {
  const rows = (await strapi.db.query(DIGEST).findMany({
    where: { contentType: uid, sourceLocale },
    select: ['entryDocumentId', 'targetLocale', 'sourceDigest'],
  })) as Array<{ entryDocumentId: string; targetLocale: string; sourceDigest: string }>;
  return new Map(
    rows.map((row) => [`${row.entryDocumentId}|${row.targetLocale}`, row.sourceDigest])
  );
}

export function labelOf(type: TypeInfo, entry: Entry | undefined): string {
  const value = type.labelField ? entry?.[type.labelField] : undefined;
  return typeof value === 'string' && value !== '' ? value : String(entry?.documentId ?? '');
}
