/**
 * Reading and restoring recorded versions, for the Content API (/api/history) and the admin
 * side panel alike. Bad input is an {@link HistoryRequestError} with the status to answer.
 */
import type { Core } from '@strapi/strapi';
import stableStringify from 'fast-json-stable-stringify';
import { i18nLocales } from '../internals';
import { compareVersion, type FieldDiff } from '../lib/field-diff';
import {
  referencedTargets,
  restoreData,
  type TargetLookup,
  type Unrestorable,
  type Values,
} from '../lib/values';
import { getService } from '../utils';
import { asRestoreOf, ENTRY, type HistoryAction, type VersionStatus } from './recorder';

export class HistoryRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string
  ) {
    super(message);
  }
}

const MEDIA = 'plugin::upload.file';
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

interface EntryRow {
  id: number;
  createdAt: string | Date;
  contentType: string;
  entryDocumentId: string;
  locale: string | null;
  status: VersionStatus;
  action: HistoryAction;
  authorKind: string;
  authorName: string | null;
  changedFields: string[] | null;
  values?: Values | null;
  restoredFrom: number | null;
}

/** An entry as the API lists it. */
export interface VersionSummary {
  id: number;
  createdAt: string;
  uid: string;
  documentId: string;
  action: HistoryAction;
  locale: string | null;
  status: VersionStatus;
  author: { kind: string; name: string };
  changedFields: string[];
  restoredFrom: number | null;
}

export interface VersionDetail extends VersionSummary {
  values: Values;
}

export interface ListQuery {
  uid?: unknown;
  documentId?: unknown;
  locale?: unknown;
  page?: unknown;
  pageSize?: unknown;
  /** Strapi's own spelling, `pagination[page]` / `pagination[pageSize]`, works too. */
  pagination?: { page?: unknown; pageSize?: unknown };
}

const SUMMARY_COLUMNS = [
  'id',
  'createdAt',
  'contentType',
  'entryDocumentId',
  'locale',
  'status',
  'action',
  'authorKind',
  'authorName',
  'changedFields',
  'restoredFrom',
];

function summary(row: EntryRow): VersionSummary {
  return {
    id: row.id,
    createdAt: new Date(row.createdAt).toISOString(),
    uid: row.contentType,
    documentId: row.entryDocumentId,
    action: row.action,
    locale: row.locale,
    status: row.status,
    author: { kind: row.authorKind, name: row.authorName ?? '' },
    changedFields: row.changedFields ?? [],
    restoredFrom: row.restoredFrom ?? null,
  };
}

function positiveInteger(value: unknown, name: string, fallback: number, max?: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || (max !== undefined && number > max))
    throw new HistoryRequestError(
      400,
      `${name} must be a whole number from 1${max !== undefined ? ` to ${max}` : ''}, got "${String(value)}"`
    );
  return number;
}

function requiredText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new HistoryRequestError(400, `${name} is required`);
  return value;
}

/** The id of a version from a route parameter, or a 400 naming it. */
export function versionId(value: unknown): number {
  return positiveInteger(typeof value === 'string' ? value : String(value), 'version id', 0);
}

const versions = ({ strapi }: { strapi: Core.Strapi }) => {
  const recorder = () => getService(strapi, 'recorder');

  /** The type (must have a history) and locale (must exist; the default one when not given). */
  async function checkTypeAndLocale(
    uid: string,
    locale: unknown
  ): Promise<{ uid: string; locale: string | null }> {
    if (!recorder().isTracked(uid))
      throw new HistoryRequestError(
        400,
        `"${uid}" is not a content type with a history (kept for: ${[...recorder().trackedTypes()].join(', ')})`
      );
    const localized = recorder().schema(uid)?.pluginOptions?.i18n?.localized === true;
    const locales = i18nLocales(strapi);
    if (!localized || !locales) {
      if (locale !== undefined && locale !== '')
        throw new HistoryRequestError(400, `${uid} is not localized: leave out locale`);
      return { uid, locale: null };
    }
    if (locale === undefined || locale === '')
      return { uid, locale: await locales.getDefaultLocale() };
    const codes = (await locales.find()).map((entry) => entry.code);
    if (typeof locale !== 'string' || !codes.includes(locale))
      throw new HistoryRequestError(
        400,
        `locale "${String(locale)}" does not exist (configured: ${codes.join(', ')})`
      );
    return { uid, locale };
  }

  async function documentExists(uid: string, documentId: string): Promise<boolean> {
    const row = await strapi.db.query(uid as never).findOne({
      where: { documentId },
      select: ['id'],
    });
    return row !== null;
  }

  async function entry(id: number): Promise<EntryRow> {
    const row = (await strapi.db.query(ENTRY).findOne({ where: { id } })) as EntryRow | null;
    if (!row) throw new HistoryRequestError(404, `version ${id} does not exist`);
    return row;
  }

  /** The values of the current draft (else the published version) of a document's locale. */
  async function currentValues(
    uid: string,
    documentId: string,
    locale: string | null
  ): Promise<Values> {
    const stored = await recorder().versions(uid, documentId, locale ?? undefined);
    const current =
      stored.find((candidate) => candidate.status === 'draft') ??
      stored.find((candidate) => candidate.status === 'published');
    return current?.values ?? {};
  }

  /** Which relation and media targets of `values` still exist, asked once per target type. */
  async function targetsNow(uid: string, values: Values): Promise<TargetLookup> {
    const schema = recorder().schema(uid);
    const existing = new Map<string, Set<string>>();
    const mediaIds = new Map<string, number>();
    if (schema) {
      for (const [target, ids] of referencedTargets(schema, values, recorder().lookup)) {
        if (ids.size === 0) continue;
        const rows = (await strapi.db.query(target as never).findMany({
          where: { documentId: { $in: [...ids] } },
          select: ['id', 'documentId'],
        })) as Array<{ id: number; documentId: string }>;
        existing.set(target, new Set(rows.map((row) => row.documentId)));
        if (target === MEDIA) for (const row of rows) mediaIds.set(row.documentId, row.id);
      }
    }
    return {
      existing: (target) => existing.get(target) ?? new Set(),
      mediaIds,
      localized: (target) => recorder().schema(target)?.pluginOptions?.i18n?.localized === true,
    };
  }

  const service = {
    /** The versions of one document and locale, newest first, a page at a time. */
    async list(query: ListQuery) {
      const uid = requiredText(query.uid, 'uid');
      const documentId = requiredText(query.documentId, 'documentId');
      const page = positiveInteger(query.page ?? query.pagination?.page, 'pagination page', 1);
      const pageSize = positiveInteger(
        query.pageSize ?? query.pagination?.pageSize,
        'pagination pageSize',
        DEFAULT_PAGE_SIZE,
        MAX_PAGE_SIZE
      );
      const scope = await checkTypeAndLocale(uid, query.locale);
      const where = { contentType: uid, entryDocumentId: documentId, locale: scope.locale };
      const entries = strapi.db.query(ENTRY);
      const total = await entries.count({ where });
      if (total === 0 && !(await documentExists(uid, documentId)))
        throw new HistoryRequestError(404, `${uid} has no document "${documentId}"`);
      const rows = (await entries.findMany({
        where,
        select: SUMMARY_COLUMNS,
        orderBy: { id: 'desc' },
        offset: (page - 1) * pageSize,
        limit: pageSize,
      })) as EntryRow[];
      return {
        data: rows.map(summary),
        meta: {
          pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
        },
      };
    },

    /** One version with its values. */
    async findOne(id: number): Promise<VersionDetail> {
      const row = await entry(id);
      return { ...summary(row), values: row.values ?? {} };
    },

    /** A version compared field by field with the current draft of its document and locale. */
    async compare(id: number): Promise<{ version: VersionDetail; fields: FieldDiff[] }> {
      const version = await service.findOne(id);
      const schema = recorder().schema(version.uid);
      if (!schema) throw new HistoryRequestError(400, `${version.uid} no longer exists`);
      const current = await currentValues(version.uid, version.documentId, version.locale);
      return { version, fields: compareVersion(schema, version.values, current) };
    },

    /**
     * Writes a version's values as the new draft of its document and locale (publishing stays a
     * separate act). Relation and media targets deleted since are left out and named.
     */
    async restore(
      id: number,
      options: { mayUpdate?: (field: string) => boolean } = {}
    ): Promise<{ draft: unknown; notRestored: Unrestorable[] }> {
      const version = await service.findOne(id);
      const schema = recorder().schema(version.uid);
      if (!schema) throw new HistoryRequestError(400, `${version.uid} no longer exists`);
      if (!(await documentExists(version.uid, version.documentId)))
        throw new HistoryRequestError(
          404,
          `${version.uid} "${version.documentId}" was deleted: its versions can be read but not restored`
        );
      const { data, unrestorable } = restoreData(
        schema,
        version.values,
        version.locale,
        recorder().lookup,
        await targetsNow(version.uid, version.values)
      );
      const notRestored: Unrestorable[] = [];
      if (options.mayUpdate) {
        // Fields the admin may not edit keep their current value; named when that differs.
        const current = await currentValues(version.uid, version.documentId, version.locale);
        for (const field of Object.keys(data)) {
          if (options.mayUpdate(field)) continue;
          delete data[field];
          if (
            stableStringify(current[field] ?? null) !==
            stableStringify(version.values[field] ?? null)
          )
            notRestored.push({ field, reason: 'no permission to update this field' });
        }
      }
      notRestored.push(...unrestorable);
      const draft = await asRestoreOf(id, () =>
        strapi.documents(version.uid as never).update({
          documentId: version.documentId,
          ...(version.locale ? { locale: version.locale } : {}),
          data,
        } as never)
      );
      return { draft, notRestored };
    },

    checkTypeAndLocale,
  };
  return service;
};

export type VersionsService = ReturnType<typeof versions>;
export default versions;
