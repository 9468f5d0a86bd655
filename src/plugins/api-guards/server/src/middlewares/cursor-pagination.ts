/**
 * `plugin::api-guards.cursor-pagination`: keyset pagination of the REST list routes
 * (`GET /api/cities?pagination[cursor]=&pagination[pageSize]=50&sort=name`). The plugin places it
 * after the filter limits (which measure what the client sent, not the keyset filter added here).
 *
 * The request is rewritten into one Strapi already answers (the keyset as an extra filter, the
 * sort with `documentId` as tie-breaker, an offset-0 page without a count), so permissions,
 * sanitizing, locale fallback, populate and the response cache (which keys on the URL the client
 * sent) all apply unchanged. The list query reads one row more than the page (a document-service
 * middleware below) to know whether a next page exists without counting; the response's
 * `meta.pagination` is `{ pageSize, nextCursor }`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  CURSOR_PARAM,
  CursorError,
  afterFilter,
  decodeCursor,
  keysetSort,
  pageAndNextCursor,
  queryFingerprint,
  sortParam,
  type AttributeShape,
  type NullOrder,
  type SortKey,
} from '../lib/cursor';

export const CURSOR_PAGINATION = 'plugin::api-guards.cursor-pagination';

/** The list read of one cursor request, whose row limit the document middleware raises by one. */
interface PagePlan {
  uid: string;
  pageSize: number;
  applied: boolean;
}

const plans = new AsyncLocalStorage<PagePlan>();

/** Runs `read` with its list read of `uid` asking for one row more than `pageSize`. */
export function withOneRowMore<T>(uid: string, pageSize: number, read: () => T): T {
  return plans.run({ uid, pageSize, applied: false }, read);
}

/** The key cursors are signed with: derived, not the app key itself, so a signature reveals nothing usable elsewhere. */
export function cursorSecret(strapi: Core.Strapi): string {
  const keys = strapi.config.get<string[]>('server.app.keys', []);
  return `cursor-pagination\n${keys.join('\n')}`;
}

/** Where the database sorts NULL (PostgreSQL: after every value; SQLite: before). */
export function nullOrder(strapi: Core.Strapi): NullOrder {
  return strapi.config.get<string>('database.connection.client') === 'postgres'
    ? 'nulls-largest'
    : 'nulls-smallest';
}

type Query = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Query =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/api/<pluralName>` → the collection type it lists. */
function collectionsByPath(strapi: Core.Strapi, prefix: string): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    const { kind, info } = contentType as { kind?: string; info?: { pluralName?: string } };
    if (kind === 'collectionType' && info?.pluralName)
      byPath.set(`${prefix}/${info.pluralName}`, uid);
  }
  return byPath;
}

/** The page size of a cursor request, checked with the words of the offset pagination's check. */
function pageSizeOf(pagination: Query, defaultLimit: number, maxLimit: number): number {
  for (const key of Object.keys(pagination)) {
    if (key === 'cursor' || key === 'pageSize') continue;
    if (key === 'withCount' && pagination.withCount === 'false') continue;
    throw new CursorError(
      key === 'withCount'
        ? `${CURSOR_PARAM} pages without counting: leave out pagination[withCount]`
        : `${CURSOR_PARAM} cannot be combined with pagination[${key}]`,
      `pagination[${key}]`
    );
  }
  const raw = pagination.pageSize;
  if (raw === undefined) return defaultLimit;
  const size = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isInteger(size) || size < 1)
    throw new CursorError(
      'pagination[pageSize] must be a positive integer',
      'pagination[pageSize]'
    );
  if (size > maxLimit)
    throw new CursorError(
      `pagination[pageSize] must be at most ${maxLimit}`,
      'pagination[pageSize]'
    );
  return size;
}

/** `fields` with the sort keys added; `added` are the ones to take out of the answer again. */
function fieldsWithKeys(
  fields: unknown,
  keys: readonly SortKey[]
): { fields: unknown; added: string[] } {
  if (fields === undefined || fields === '*') return { fields, added: [] };
  const list =
    typeof fields === 'string'
      ? fields.split(',').map((field) => field.trim())
      : Array.isArray(fields)
        ? fields.map(String)
        : null;
  if (list === null) return { fields, added: [] };
  const added = keys
    .map((key) => key.field)
    .filter((field) => field !== 'documentId' && !list.includes(field));
  return { fields: [...list, ...added], added };
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api'));
  const defaultLimit = Number(strapi.config.get('api.rest.defaultLimit', 25));
  const maxLimit = Number(strapi.config.get('api.rest.maxLimit', 100)) || 100;
  const secret = cursorSecret(strapi);
  const nulls = nullOrder(strapi);
  let collections: Map<string, string> | undefined;

  return async (ctx, next) => {
    const query = ctx.query as Query;
    const pagination = query.pagination;
    if (
      (ctx.method !== 'GET' && ctx.method !== 'HEAD') ||
      !isPlainObject(pagination) ||
      !('cursor' in pagination)
    )
      return next();
    collections ??= collectionsByPath(strapi, prefix);
    const uid = collections.get(ctx.path.replace(/\/$/, ''));
    try {
      if (!uid) {
        if (!ctx.path.startsWith(`${prefix}/`)) return next();
        throw new CursorError(
          `${CURSOR_PARAM} pages the list routes of collection types (GET ${prefix}/<pluralName>)`,
          CURSOR_PARAM
        );
      }
      const cursor = pagination.cursor;
      if (typeof cursor !== 'string')
        throw new CursorError(
          `${CURSOR_PARAM} must be the nextCursor of a previous page, or empty for the first page`,
          CURSOR_PARAM
        );
      const pageSize = pageSizeOf(pagination, defaultLimit, maxLimit);
      const attributes = strapi.contentType(uid as UID.ContentType).attributes as unknown as Record<
        string,
        AttributeShape
      >;
      const sort = keysetSort(query.sort, attributes);
      const fingerprint = queryFingerprint({
        path: ctx.path,
        sort: sortParam(sort),
        filters: query.filters,
        locale: query.locale,
        fallbackLocale: query.fallbackLocale,
        status: query.status,
        q: query._q,
        pageSize,
      });
      const now = Math.floor(Date.now() / 1000);
      let filters = query.filters;
      if (cursor !== '') {
        const { k } = decodeCursor(cursor, secret, fingerprint, sort.length, now);
        const after = afterFilter(sort, k, nulls);
        filters = filters === undefined ? after : { $and: [filters, after] };
      }
      const { fields, added } = fieldsWithKeys(query.fields, sort);
      ctx.query = {
        ...query,
        sort: sortParam(sort),
        ...(filters === undefined ? {} : { filters }),
        ...(fields === undefined ? {} : { fields }),
        pagination: { start: '0', limit: String(pageSize), withCount: 'false' },
      };

      await withOneRowMore(uid, pageSize, next);

      const body = ctx.body as { data?: unknown; meta?: Query } | undefined;
      if (ctx.status !== 200 || !isPlainObject(body) || !Array.isArray(body.data)) return;
      const { page, nextCursor } = pageAndNextCursor(
        body.data as Query[],
        pageSize,
        sort,
        fingerprint,
        now,
        secret
      );
      if (added.length > 0) for (const row of page) for (const field of added) delete row[field];
      ctx.body = {
        ...body,
        data: page,
        meta: { ...(body.meta ?? {}), pagination: { pageSize, nextCursor } },
      };
    } catch (error) {
      if (error instanceof CursorError)
        throw new errors.ValidationError(error.message, { param: error.param });
      throw error;
    }
  };
};

/**
 * The document-service half: the list read of a cursor request asks for one row more than the
 * page (past Strapi's `maxLimit`, which would otherwise cap it), once per request.
 */
export function registerCursorRows(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const plan = plans.getStore();
    if (plan && !plan.applied && context.action === 'findMany' && context.uid === plan.uid) {
      const params = (context.params ?? {}) as Query;
      if (params.limit === plan.pageSize) {
        plan.applied = true;
        context.params = { ...params, limit: plan.pageSize + 1 } as typeof context.params;
      }
    }
    return next();
  });
}
