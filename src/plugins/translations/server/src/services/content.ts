/**
 * What the other services read from Strapi: the localized types (from the schemas), the locales
 * (from the i18n plugin), draft versions and the recorded digests.
 */
import type { Core, UID } from '@strapi/strapi';
import { i18nLocales } from '../internals';
import {
  labelField,
  localizedUidFields,
  populateFor,
  translatableFields,
  type FieldSpec,
  type ModelSchema,
} from '../lib/fields';
import type { Content } from '../lib/inline';
import type { Entry } from '../lib/units';

/** The plugin's own content type holding the digests. */
export const DIGEST = 'plugin::translations.translation-digest';

export interface TypeInfo {
  uid: UID.ContentType;
  displayName: string;
  kind: string;
  fields: FieldSpec[];
  labelField: string | null;
  uidFields: string[];
  populate: Record<string, unknown>;
}

export interface LocaleInfo {
  code: string;
  name: string;
  isDefault: boolean;
}

/** The label of a document in notes and tables: its name or title, else its documentId. */
export function labelOf(type: TypeInfo, entry: Entry | undefined): string {
  const value = type.labelField ? entry?.[type.labelField] : undefined;
  return typeof value === 'string' && value !== '' ? value : String(entry?.documentId ?? '');
}

const content = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /**
     * Every localized content type of the application (`api::…`) with at least one translatable
     * field, from the schemas, sorted by uid.
     */
    localizedTypes(): TypeInfo[] {
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
    },

    typeInfo(uid: string): TypeInfo | undefined {
      return service.localizedTypes().find((type) => type.uid === uid);
    },

    /** The configured locales, default first. */
    async locales(): Promise<LocaleInfo[]> {
      const service = i18nLocales(strapi);
      const all = await service.find();
      const defaultCode = await service.getDefaultLocale();
      return all
        .map((locale) => ({
          code: locale.code,
          name: locale.name,
          isDefault: locale.code === defaultCode,
        }))
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.code.localeCompare(b.code));
    },

    /** The i18n default locale: the source of every translation. */
    defaultLocale(): Promise<string> {
      return i18nLocales(strapi).getDefaultLocale();
    },

    /** Draft versions of a type in one locale (one query plus one per populated component). */
    async draftVersions(type: TypeInfo, locale: string, documentIds?: string[]): Promise<Entry[]> {
      const where: Record<string, unknown> = { locale, publishedAt: null };
      if (documentIds) where.documentId = { $in: documentIds };
      return (await strapi.db
        .query(type.uid)
        .findMany({ where, populate: type.populate })) as Entry[];
    },

    /** Source snapshots recorded with the digests of a type, keyed `documentId|locale`. */
    async recordedSnapshots(
      uid: string,
      sourceLocale: string,
      documentIds?: string[]
    ): Promise<Map<string, Record<string, Content>>> {
      const rows = (await strapi.db.query(DIGEST).findMany({
        where: {
          contentType: uid,
          sourceLocale,
          ...(documentIds ? { entryDocumentId: { $in: documentIds } } : {}),
        },
        select: ['entryDocumentId', 'targetLocale', 'sourceSnapshot'],
      })) as Array<{
        entryDocumentId: string;
        targetLocale: string;
        sourceSnapshot: Record<string, Content> | null;
      }>;
      return new Map(
        rows
          .filter((row) => row.sourceSnapshot)
          .map((row) => [
            `${row.entryDocumentId}|${row.targetLocale}`,
            row.sourceSnapshot as Record<string, Content>,
          ])
      );
    },

    /** Digests recorded for a type, keyed `documentId|locale`. */
    async recordedDigests(
      uid: string,
      sourceLocale: string,
      documentIds?: string[]
    ): Promise<Map<string, string>> {
      const rows = (await strapi.db.query(DIGEST).findMany({
        where: {
          contentType: uid,
          sourceLocale,
          ...(documentIds ? { entryDocumentId: { $in: documentIds } } : {}),
        },
        select: ['entryDocumentId', 'targetLocale', 'sourceDigest'],
      })) as Array<{ entryDocumentId: string; targetLocale: string; sourceDigest: string }>;
      return new Map(
        rows.map((row) => [`${row.entryDocumentId}|${row.targetLocale}`, row.sourceDigest])
      );
    },
  };
  return service;
};

export type ContentService = ReturnType<typeof content>;
export default content;
