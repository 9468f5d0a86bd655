/**
 * Validators for the app's own public documents (`/sitemap.xml`, `/openapi.json`): a strong
 * `ETag` from the bytes, and `If-None-Match` compared as RFC 9110 says (weak comparison, `*`).
 */
import { createHash } from 'node:crypto';

/** A strong entity tag of the body's bytes. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when an `If-None-Match` header matches `etag` (a 304 is the answer). */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .includes(etag);
}
