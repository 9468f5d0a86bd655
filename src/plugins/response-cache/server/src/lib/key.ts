/**
 * Cache keys for anonymous reads. Two requests share an entry only when Strapi would answer both
 * with the same bytes: same method, same raw path, the same query parameters (the order of
 * parameters with distinct base names and percent-encoding do not matter; the order of those
 * with the same base name does, e.g. `sort[memberSince]=desc&sort[name]=desc`), and the same
 * response-format headers.
 */
import { createHash } from 'node:crypto';

/** Request headers that change the bytes of a response (content negotiation, CORS). */
export interface FormatHeaders {
  accept?: string;
  origin?: string;
}

function decodeComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape stays as sent: it still keys its own entry, and Strapi decides what it means.
    return spaced;
  }
}

/**
 * True when the parameter `name` (decoded; `utm_source` or `utm_source[x]`) matches one of
 * `patterns`: an exact name, or a prefix ending in `*` (`utm_*`).
 */
export function isIgnoredParam(name: string, patterns: readonly string[]): boolean {
  const bracket = name.indexOf('[');
  const base = bracket < 0 ? name : name.slice(0, bracket);
  return patterns.some((pattern) =>
    pattern.endsWith('*') ? base.startsWith(pattern.slice(0, -1)) : base === pattern
  );
}

/** The name of a parameter without its brackets: `sort` for `sort[name]` and `sort[0]`. */
function baseName(name: string): string {
  const bracket = name.indexOf('[');
  return bracket < 0 ? name : name.slice(0, bracket);
}

/**
 * Normalises a query string: decodes each name and value, drops the parameters matching
 * `ignored` (the host strips them before Strapi sees them, e.g. `utm_*`), then sorts the pairs by
 * base name. The sort is stable, so the parameters of one base name keep their order: the query
 * parser builds `sort[memberSince]=desc&sort[name]=desc` into an object whose key order is the
 * sort order, and `sort=a&sort=b` into a list (sorting by full name once let the reversed pair
 * share an entry and answered it with the other's order).
 *
 * @param search the raw query string, with or without the leading `?`
 * @param ignored names (or `prefix*` patterns) that do not change the response
 * @returns a canonical query string, `''` when there are no parameters
 */
export function normaliseQuery(search: string, ignored: readonly string[] = []): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    if (ignored.length > 0 && isIgnoredParam(name, ignored)) continue;
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    pairs.push([name, value]);
  }
  const keyed = pairs.map((pair) => ({ pair, base: baseName(pair[0]) }));
  keyed.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  return keyed
    .map(({ pair }) => pair)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

function formatSuffix(headers: FormatHeaders): string {
  return `\n${(headers.accept ?? '').trim().toLowerCase()}\n${headers.origin ?? ''}`;
}

/**
 * Key of a `GET` request.
 *
 * @param path the raw path, without the query string (case and encoding kept: document ids are
 *   case-sensitive)
 * @param search the raw query string
 * @param ignored query parameters left out of the key (see {@link normaliseQuery})
 */
export function requestKey(
  path: string,
  search: string,
  headers: FormatHeaders,
  ignored: readonly string[] = []
): string {
  return `GET ${path}?${normaliseQuery(search, ignored)}${formatSuffix(headers)}`;
}

/** The parts of a GraphQL request that determine its result. */
export interface GraphQLRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * Key of a GraphQL `POST`: a hash of its raw body, so that a hit costs no JSON parsing (the body
 * is parsed on a miss only). Bodies share an entry when their bytes are equal; clients send the
 * same bytes for the same request (Apollo Client, graphql-request, fetch with `JSON.stringify`).
 */
export function graphqlBodyKey(path: string, rawBody: Buffer, headers: FormatHeaders): string {
  const digest = createHash('sha256').update(rawBody).digest('base64');
  return `POST ${path}\n${digest}${formatSuffix(headers)}`;
}

/** Cookies that carry an admin session (Strapi admin refresh cookie, koa sessions). */
const PRIVATE_COOKIE = /(?:^|;)\s*(?:strapi_|koa[.:]sess|jwtToken=)/i;

/** True when a `Cookie` header carries an admin session. */
export function hasAdminSession(cookie: string | undefined): boolean {
  return cookie !== undefined && PRIVATE_COOKIE.test(cookie);
}

/**
 * True when a request carries credentials: it must neither be answered from nor stored in the
 * shared cache. Any `Authorization` header counts (users-permissions JWT, API token), as does an
 * admin session cookie.
 */
export function isPrivateRequest(headers: { authorization?: string; cookie?: string }): boolean {
  if (headers.authorization !== undefined) return true;
  return headers.cookie !== undefined && PRIVATE_COOKIE.test(headers.cookie);
}
