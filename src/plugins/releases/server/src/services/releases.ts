/**
 * Releases as stored (`plugin::releases.release`, table `release_sets`): create, read, change and
 * delete, each checked against the app's content types, locales and documents. Running one is
 * services/runner.ts.
 */
import type { Core, UID } from '@strapi/strapi';
import { ReleaseConflictError, ReleaseInputError, ReleaseNotFoundError } from '../errors';
import { localeCodes } from '../internals';
import { parseReleasesConfig, type RawReleasesConfig, type ReleasesConfig } from '../lib/config';
import {
  checkEntries,
  checkName,
  entryKey,
  type EntryInput,
  type InputProblem,
  type StoredEntry,
} from '../lib/entries';
import { inZone, parseScheduledAt } from '../lib/scheduled-at';
import {
  isOpen,
  notOpenReason,
  openStatus,
  OPEN_STATUSES,
  STATUSES,
  type ReleaseStatus,
} from '../lib/status';

export const RELEASE = 'plugin::releases.release';
const PLUGIN_PREFIX = 'plugin::releases.';

/** A release row as the Query Engine returns it. */
export interface ReleaseRow {
  id: number;
  name: string;
  status: ReleaseStatus;
  scheduledAt: string | Date | null;
  timeZone: string | null;
  entries: StoredEntry[] | null;
  error: string | null;
  startedAt: string | Date | null;
  finishedAt: string | Date | null;
  leaseExpiresAt: string | Date | null;
  claimedBy: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

/** A release as the API shows it. */
export interface ReleaseView {
  id: number;
  name: string;
  status: ReleaseStatus;
  /** UTC. */
  scheduledAt: string | null;
  /** The same instant in the zone the client gave (`timeZone`). */
  scheduledAtLocal: string | null;
  timeZone: string | null;
  entries: StoredEntry[];
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function iso(value: string | Date | null): string | null {
  return value === null || value === undefined ? null : new Date(value).toISOString();
}

export function toView(row: ReleaseRow): ReleaseView {
  const scheduledAt = row.scheduledAt ? new Date(row.scheduledAt) : null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    scheduledAt: iso(scheduledAt),
    scheduledAtLocal: scheduledAt ? inZone(scheduledAt, row.timeZone ?? 'Z') : null,
    timeZone: scheduledAt ? (row.timeZone ?? 'Z') : null,
    entries: row.entries ?? [],
    error: row.error ?? null,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

/** A release's id from a route parameter: a positive integer, else 404. */
export function parseId(raw: unknown): number {
  const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new ReleaseNotFoundError(String(raw));
  return id;
}

interface ContentTypeSchema {
  kind?: string;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
}

function schemaOf(strapi: Core.Strapi, uid: string): ContentTypeSchema | undefined {
  return (strapi.contentTypes as unknown as Record<string, ContentTypeSchema | undefined>)[uid];
}

/** True when versions of `uid` differ per locale. */
export function isLocalized(strapi: Core.Strapi, uid: string): boolean {
  return schemaOf(strapi, uid)?.pluginOptions?.i18n?.localized === true;
}

export function releasesConfig(strapi: Core.Strapi): ReleasesConfig {
  return parseReleasesConfig(strapi.config.get<RawReleasesConfig>('plugin::releases', {}));
}

/**
 * Checks entries against the app: a content type with draft & publish, a locale it has (none
 * for a type without locales), a document that exists in that locale. Problems name the entry.
 */
async function checkAgainstApp(
  strapi: Core.Strapi,
  entries: EntryInput[],
  problems: InputProblem[],
  offset = 0
): Promise<void> {
  const locales = await localeCodes(strapi);
  const wanted = new Map<string, Array<{ entry: EntryInput; index: number }>>();
  entries.forEach((entry, position) => {
    const index = offset + position;
    const schema = schemaOf(strapi, entry.uid);
    if (!schema || entry.uid.startsWith(PLUGIN_PREFIX) || entry.uid.startsWith('admin::')) {
      problems.push({
        path: ['entries', index, 'uid'],
        message: `unknown content type ${entry.uid}`,
      });
      return;
    }
    if (schema.options?.draftAndPublish !== true) {
      problems.push({
        path: ['entries', index, 'uid'],
        message: `${entry.uid} has no draft & publish: there is nothing to publish`,
      });
      return;
    }
    if (isLocalized(strapi, entry.uid)) {
      if (entry.locale === null) {
        problems.push({
          path: ['entries', index, 'locale'],
          message: `${entry.uid} is localized: the entry needs a locale`,
        });
        return;
      }
      if (locales && !locales.has(entry.locale)) {
        problems.push({
          path: ['entries', index, 'locale'],
          message: `unknown locale ${entry.locale} (the app has ${[...locales].sort().join(', ')})`,
        });
        return;
      }
    } else if (entry.locale !== null) {
      problems.push({
        path: ['entries', index, 'locale'],
        message: `${entry.uid} is not localized: locale must be null`,
      });
      return;
    }
    const list = wanted.get(entry.uid) ?? [];
    list.push({ entry, index });
    wanted.set(entry.uid, list);
  });
  // One query per type, not one per entry (a release of 116 entries of one type: one query).
  for (const [uid, list] of wanted) {
    const rows = (await strapi.db.query(uid as UID.Schema).findMany({
      where: { documentId: { $in: [...new Set(list.map(({ entry }) => entry.documentId))] } },
      select: isLocalized(strapi, uid) ? ['documentId', 'locale'] : ['documentId'],
    })) as Array<{ documentId: string; locale?: string | null }>;
    const existing = new Set(
      rows.map((row) => entryKey({ uid, documentId: row.documentId, locale: row.locale ?? null }))
    );
    for (const { entry, index } of list) {
      const key = entryKey({ ...entry, locale: isLocalized(strapi, uid) ? entry.locale : null });
      if (!existing.has(key)) {
        problems.push({
          path: ['entries', index, 'documentId'],
          message: entry.locale
            ? `no document ${entry.documentId} of ${uid} in locale ${entry.locale}`
            : `no document ${entry.documentId} of ${uid}`,
        });
      }
    }
  }
}

/** `scheduledAt` of a request: absent/null for none; must be in the future. */
function checkScheduledAt(
  value: unknown,
  problems: InputProblem[]
): { utc: Date; zone: string } | null {
  if (value === undefined || value === null) return null;
  const parsed = parseScheduledAt(value);
  if (typeof parsed === 'string') {
    problems.push({ path: ['scheduledAt'], message: `scheduledAt ${parsed}` });
    return null;
  }
  if (parsed.utc.getTime() <= Date.now()) {
    problems.push({
      path: ['scheduledAt'],
      message: `scheduledAt ${String(value)} is in the past: schedule a later time or publish now`,
    });
    return null;
  }
  return parsed;
}

function dataOf(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReleaseInputError([
      { path: ['data'], message: 'the body must be { data: { ... } }' },
    ]);
  }
  return data as Record<string, unknown>;
}

function rejectUnknownKeys(data: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(data).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ReleaseInputError(
      unknown.map((key) => ({
        path: [key],
        message: `unknown field ${key} (a release has ${allowed.join(', ')})`,
      }))
    );
  }
}

function pendingEntries(entries: EntryInput[]): StoredEntry[] {
  return entries.map((entry) => ({ ...entry, result: 'pending' }));
}

export interface ListQuery {
  status?: unknown;
  page?: unknown;
  pageSize?: unknown;
}

const releases = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(RELEASE as UID.Schema);

  async function row(id: number): Promise<ReleaseRow> {
    const found = (await query().findOne({ where: { id } })) as ReleaseRow | null;
    if (!found) throw new ReleaseNotFoundError(id);
    return found;
  }

  /** Writes `data` when the release is still open; 404 or 409 otherwise. */
  async function updateOpen(id: number, data: Record<string, unknown>, what: string) {
    // One conditional UPDATE: a run that claimed the release meanwhile wins, the edit gets a 409.
    const { count } = (await query().updateMany({
      where: { id, status: { $in: [...OPEN_STATUSES] } },
      data,
    })) as { count: number };
    if (count === 0) {
      const current = await row(id);
      throw new ReleaseConflictError(notOpenReason(current.status, what));
    }
    return toView(await row(id));
  }

  return {
    async list(params: ListQuery = {}) {
      const page = params.page === undefined ? 1 : Number(params.page);
      const pageSize = params.pageSize === undefined ? 25 : Number(params.pageSize);
      const problems: InputProblem[] = [];
      if (!Number.isInteger(page) || page < 1 || page > 100_000) {
        problems.push({ path: ['page'], message: 'page must be a whole number from 1' });
      }
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
        problems.push({
          path: ['pageSize'],
          message: 'pageSize must be a whole number from 1 to 100',
        });
      }
      const status = params.status;
      if (status !== undefined && !STATUSES.includes(status as ReleaseStatus)) {
        problems.push({
          path: ['status'],
          message: `status must be one of ${STATUSES.join(', ')}`,
        });
      }
      if (problems.length > 0) throw new ReleaseInputError(problems);
      const where = status === undefined ? {} : { status };
      const [rows, total] = await Promise.all([
        query().findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<ReleaseRow[]>,
        query().count({ where }),
      ]);
      return {
        data: rows.map(toView),
        meta: {
          pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
        },
      };
    },

    async findOne(id: number): Promise<ReleaseView> {
      return toView(await row(id));
    },

    /** `{ data: { name, scheduledAt?, entries? } }` → the new release, pending or scheduled. */
    async create(body: unknown): Promise<ReleaseView> {
      const data = dataOf(body);
      rejectUnknownKeys(data, ['name', 'scheduledAt', 'entries']);
      const config = releasesConfig(strapi);
      const problems: InputProblem[] = [];
      const name = checkName(data.name, problems);
      const scheduled = checkScheduledAt(data.scheduledAt, problems);
      const entries = checkEntries(data.entries ?? [], config.maxEntries, problems);
      if (problems.length === 0) await checkAgainstApp(strapi, entries, problems);
      if (problems.length > 0) throw new ReleaseInputError(problems);
      const created = (await query().create({
        data: {
          name,
          status: openStatus(scheduled?.utc ?? null),
          scheduledAt: scheduled?.utc ?? null,
          timeZone: scheduled?.zone ?? null,
          entries: pendingEntries(entries),
        },
      })) as ReleaseRow;
      return toView(created);
    },

    /**
     * `{ data: { name?, scheduledAt?, entries? } }`: renames, (re)schedules (`null`: publish
     * only when asked) or replaces the entries of an open release. A failed release becomes
     * pending or scheduled again, its results cleared.
     */
    async update(id: number, body: unknown): Promise<ReleaseView> {
      const data = dataOf(body);
      rejectUnknownKeys(data, ['name', 'scheduledAt', 'entries']);
      const current = await row(id);
      if (!isOpen(current.status)) {
        throw new ReleaseConflictError(notOpenReason(current.status, 'changed'));
      }
      const problems: InputProblem[] = [];
      const name = 'name' in data ? checkName(data.name, problems) : current.name;
      const scheduled =
        'scheduledAt' in data
          ? checkScheduledAt(data.scheduledAt, problems)
          : current.scheduledAt
            ? { utc: new Date(current.scheduledAt), zone: current.timeZone ?? 'Z' }
            : null;
      let entries: EntryInput[] = current.entries ?? [];
      if ('entries' in data) {
        entries = checkEntries(data.entries, releasesConfig(strapi).maxEntries, problems);
        if (problems.length === 0) await checkAgainstApp(strapi, entries, problems);
      }
      if (problems.length > 0) throw new ReleaseInputError(problems);
      return updateOpen(
        id,
        {
          name,
          status: openStatus(scheduled?.utc ?? null),
          scheduledAt: scheduled?.utc ?? null,
          timeZone: scheduled?.zone ?? null,
          entries: pendingEntries(
            entries.map(({ uid, documentId, locale, action }) => ({
              uid,
              documentId,
              locale,
              action,
            }))
          ),
          error: null,
        },
        'changed'
      );
    },

    /** `{ data: { entries: [...] } }`: adds entries to an open release (the bulk action). */
    async addEntries(id: number, body: unknown): Promise<ReleaseView> {
      const data = dataOf(body);
      rejectUnknownKeys(data, ['entries']);
      const current = await row(id);
      if (!isOpen(current.status)) {
        throw new ReleaseConflictError(notOpenReason(current.status, 'changed'));
      }
      const existing = current.entries ?? [];
      const problems: InputProblem[] = [];
      const added = checkEntries(
        data.entries,
        releasesConfig(strapi).maxEntries,
        problems,
        existing
      );
      if (problems.length === 0) await checkAgainstApp(strapi, added, problems);
      if (problems.length > 0) throw new ReleaseInputError(problems);
      const scheduledAt = current.scheduledAt ? new Date(current.scheduledAt) : null;
      return updateOpen(
        id,
        {
          status: openStatus(scheduledAt),
          entries: pendingEntries(
            [...existing, ...added].map(({ uid, documentId, locale, action }) => ({
              uid,
              documentId,
              locale,
              action,
            }))
          ),
          error: null,
        },
        'changed'
      );
    },

    /** Deletes an open release (one that has published nothing); 409 when running or done. */
    async remove(id: number): Promise<ReleaseView> {
      const current = await row(id);
      const { count } = (await query().deleteMany({
        where: { id, status: { $in: [...OPEN_STATUSES] } },
      })) as { count: number };
      if (count === 0) {
        const now = await row(id);
        throw new ReleaseConflictError(notOpenReason(now.status, 'deleted'));
      }
      return toView(current);
    },
  };
};

export type ReleasesService = ReturnType<typeof releases>;
export default releases;
