/** HTTP details of stored responses: ETags, conditional requests, which headers to replay. */
import { createHash } from 'node:crypto';

/**
 * Strong ETag of a body: SHA-1 in base64url, quoted. Identical bytes get identical tags on every
 * instance, so a client or CDN can revalidate against any of them.
 */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * True when an `If-None-Match` header matches the ETag (weak comparison, as RFC 9110 requires for
 * `If-None-Match`; `*` matches anything).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const candidate of header.split(',')) {
    let tag = candidate.trim();
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (tag === etag) return true;
  }
  return false;
}

/**
 * Headers that are not part of a stored response: connection-level ones, the ones the cache sets
 * itself, and per-request debug values.
 */
const NOT_STORED = new Set([
  'connection',
  'content-length',
  'content-encoding',
  'date',
  'keep-alive',
  'transfer-encoding',
  'etag',
  'cache-control',
  'x-cache',
  'x-query-count',
  'x-response-time',
]);

export type HeaderValue = string | string[];

/**
 * The response headers worth replaying on a hit, in the order and letter case they were set
 * (so a hit looks exactly like the miss that stored it).
 */
export function storableHeaders(
  headers: Iterable<[string, number | string | string[] | undefined]>
): Record<string, HeaderValue> {
  const kept: Record<string, HeaderValue> = {};
  for (const [name, value] of headers) {
    if (value === undefined || NOT_STORED.has(name.toLowerCase())) continue;
    kept[name] = typeof value === 'number' ? String(value) : value;
  }
  return kept;
}
