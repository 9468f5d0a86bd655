/**
 * Keyset (cursor) pagination of the REST list routes. Pure: signing and reading cursors, the
 * sort a cursor pages along, and the filter that selects the rows after a cursor.
 *
 * An offset page costs the database every row before it; a keyset page starts where the last
 * one ended (`(name, documentId) > (last name, last documentId)`), so page 1000 costs what
 * page 1 costs. The cursor carries the sort values of the last row, is signed (HMAC-SHA256 with
 * a server secret) so a client cannot forge arbitrary filters through it, and is bound to the
 * query (path, sort, filters, locale, status, page size) it was issued for.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A cursor the request cannot be answered with; the message says what is wrong. */
export class CursorError extends Error {
  constructor(
    message: string,
    readonly param: string
  ) {
    super(message);
  }
}

export const CURSOR_PARAM = 'pagination[cursor]';

/** How the messages name the cursor parameter and the first page (REST's words by default). */
export interface CursorNaming {
  param: string;
  firstPage: string;
}

export const REST_NAMING: CursorNaming = {
  param: CURSOR_PARAM,
  firstPage: 'pagination[cursor]=',
};

/** One step of a keyset sort. `documentId` always ends the sort, as the tie-breaker. */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

/** The database's place for `NULL` in an ascending sort (SQLite, MySQL: first; PostgreSQL: last). */
export type NullOrder = 'nulls-smallest' | 'nulls-largest';

export const TIE_BREAKER = 'documentId';

/** Attribute types a keyset can compare with `<` and `=` in SQL. */
const SORTABLE_TYPES = new Set([
  'string',
  'text',
  'email',
  'uid',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'date',
  'time',
  'datetime',
  'timestamp',
  'boolean',
]);

export interface AttributeShape {
  type?: string;
  private?: boolean;
}

/**
 * The keyset sort of a request: Strapi's `sort` forms (`name`, `name:desc`, `name:asc,slug`,
 * `sort[0]=name:desc`, `sort[name]=desc`) over the type's own public scalar attributes, with
 * `documentId:asc` appended unless the sort names it.
 */
export function keysetSort(
  sort: unknown,
  attributes: Readonly<Record<string, AttributeShape>>,
  param: string = CURSOR_PARAM
): SortKey[] {
  const steps: Array<[string, string | undefined]> = [];
  const fromString = (value: string): void => {
    for (const part of value.split(',')) {
      const [field, direction, ...rest] = part.trim().split(':');
      if (rest.length > 0)
        throw new CursorError(`sort "${part}" is not field:asc or field:desc`, 'sort');
      steps.push([field, direction]);
    }
  };
  if (sort === undefined || sort === '') {
    // No sort: by the tie-breaker alone.
  } else if (typeof sort === 'string') fromString(sort);
  else if (Array.isArray(sort)) {
    for (const item of sort) {
      if (typeof item !== 'string')
        throw new CursorError(`with ${param}, sort lists field names`, 'sort');
      fromString(item);
    }
  } else if (typeof sort === 'object' && sort !== null) {
    for (const [field, direction] of Object.entries(sort)) {
      if (typeof direction !== 'string')
        throw new CursorError(
          `with ${param}, sort takes the type's own fields (not "${field}" of a relation)`,
          'sort'
        );
      steps.push([field, direction]);
    }
  } else throw new CursorError('sort must be a field name or a list of them', 'sort');

  const keys: SortKey[] = [];
  for (const [field, rawDirection] of steps) {
    const direction = (rawDirection ?? 'asc').toLowerCase();
    if (direction !== 'asc' && direction !== 'desc')
      throw new CursorError(`sort direction of "${field}" must be asc or desc`, 'sort');
    const attribute = field === TIE_BREAKER ? { type: 'string' } : attributes[field];
    if (
      field.includes('.') ||
      !attribute ||
      attribute.private === true ||
      !SORTABLE_TYPES.has(attribute.type ?? '')
    )
      throw new CursorError(
        `with ${param}, sort takes the type's own text, number, date or boolean fields; "${field}" is not one`,
        'sort'
      );
    if (keys.some((key) => key.field === field))
      throw new CursorError(`sort names "${field}" twice`, 'sort');
    keys.push({ field, direction });
  }
  if (!keys.some((key) => key.field === TIE_BREAKER))
    keys.push({ field: TIE_BREAKER, direction: 'asc' });
  return keys;
}

/** `sort` in Strapi's string form (`['name:asc', 'documentId:asc']`). */
export const sortParam = (keys: readonly SortKey[]): string[] =>
  keys.map((key) => `${key.field}:${key.direction}`);

type Filter = Record<string, unknown>;

/**
 * The filter that selects the rows after `values` (the last row's sort values) in the order of
 * `keys`: `(a > va) OR (a = va AND b > vb) OR …`, with `NULL` where the database sorts it.
 */
export function afterFilter(
  keys: readonly SortKey[],
  values: readonly unknown[],
  nulls: NullOrder
): Filter {
  const branches: Filter[] = [];
  for (let index = 0; index < keys.length; index += 1) {
    const equal = keys.slice(0, index).map((key, at) => equalTo(key.field, values[at]));
    const beyond = beyondValue(keys[index], values[index], nulls);
    if (beyond === null) continue;
    branches.push(equal.length === 0 ? beyond : { $and: [...equal, beyond] });
  }
  // The last row of the whole list has nothing after it: a filter that matches no row.
  if (branches.length === 0) return { [TIE_BREAKER]: { $null: true } };
  return branches.length === 1 ? branches[0] : { $or: branches };
}

const equalTo = (field: string, value: unknown): Filter =>
  value === null ? { [field]: { $null: true } } : { [field]: { $eq: value } };

/** Rows strictly beyond `value` on one key in its direction, or null when none can be. */
function beyondValue(key: SortKey, value: unknown, nulls: NullOrder): Filter | null {
  const larger = key.direction === 'asc';
  // documentId is never NULL: no NULL branch for the tie-breaker.
  const nullIsBeyond =
    key.field !== TIE_BREAKER && (larger ? nulls === 'nulls-largest' : nulls === 'nulls-smallest');
  if (value === null) {
    // Beyond NULL lie all values when NULL sorts first in this direction, none when it sorts last.
    return nullIsBeyond ? null : { [key.field]: { $notNull: true } };
  }
  const compare = { [key.field]: { [larger ? '$gt' : '$lt']: value } };
  return nullIsBeyond ? { $or: [compare, { [key.field]: { $null: true } }] } : compare;
}

/** What a cursor says: the query it belongs to, the last row's sort values, when it expires. */
export interface CursorPayload {
  /** Fingerprint of the query (queryFingerprint). */
  q: string;
  /** The last row's values of the sort keys, in order. */
  k: unknown[];
  /** Expiry, seconds since the epoch. */
  e: number;
}

/** A stable fingerprint of the parts of a query a cursor is bound to. */
export function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(canonicalJson(query)).digest('base64url').slice(0, 22);
}

/** JSON with object keys in sorted order, so equal queries give equal strings. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const signature = (secret: string, body: string): string =>
  createHmac('sha256', secret).update(body).digest('base64url');

/** The opaque cursor: base64url JSON, a dot, its base64url HMAC. */
export function encodeCursor(payload: CursorPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${signature(secret, body)}`;
}

/**
 * Reads a cursor issued by `encodeCursor` for the query `fingerprint` with `keyCount` sort keys.
 * Throws a CursorError saying whether it is malformed, expired or from another query.
 */
export function decodeCursor(
  cursor: string,
  secret: string,
  fingerprint: string,
  keyCount: number,
  nowSeconds: number,
  { param, firstPage }: CursorNaming = REST_NAMING
): CursorPayload {
  const malformed = new CursorError(
    `${param} is malformed: pass the nextCursor of a previous page unchanged`,
    param
  );
  const [body, mac, ...rest] = cursor.split('.');
  if (!body || !mac || rest.length > 0) throw malformed;
  const expected = Buffer.from(signature(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw malformed;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw malformed;
  }
  const { q, k, e } = (payload ?? {}) as Partial<CursorPayload>;
  if (typeof q !== 'string' || !Array.isArray(k) || typeof e !== 'number') throw malformed;
  if (q !== fingerprint || k.length !== keyCount)
    throw new CursorError(
      `${param} belongs to another query: sort, filters, locale, status and pageSize must stay those of the page that issued it`,
      param
    );
  if (e < nowSeconds)
    throw new CursorError(
      `${param} has expired: start again from the first page (${firstPage})`,
      param
    );
  return { q, k, e };
}

/**
 * The expiry of cursors issued now: `ttlSeconds` after the start of the current hour, so every
 * client paging the same list within the hour gets the same cursors (and the same cached pages).
 */
export function cursorExpiry(nowSeconds: number, ttlSeconds: number): number {
  return Math.floor(nowSeconds / 3600) * 3600 + ttlSeconds;
}

/** How long a cursor stays valid (at least 23 hours: see cursorExpiry). */
export const CURSOR_TTL_SECONDS = 24 * 3600;

/**
 * Splits the rows of a list read with one row more than `pageSize` (REST and GraphQL read that
 * way to know, without counting, whether a next page exists) into the page and the cursor of the
 * page after it: null on the last page.
 */
export function pageAndNextCursor<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  pageSize: number,
  sort: readonly SortKey[],
  fingerprint: string,
  nowSeconds: number,
  secret: string
): { page: Row[]; nextCursor: string | null } {
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : [...rows];
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          {
            q: fingerprint,
            k: sort.map((key) => last[key.field] ?? null),
            e: cursorExpiry(nowSeconds, CURSOR_TTL_SECONDS),
          },
          secret
        )
      : null;
  return { page, nextCursor };
}
