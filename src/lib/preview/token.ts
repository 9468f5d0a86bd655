/**
 * The preview credential of the demo site: a short-lived, HMAC-signed token that names one
 * document in one locale. The admin panel's preview handler signs it for the editor who pressed
 * Preview; the site's draft endpoint (/preview/draft) accepts nothing else, so no API token ever
 * travels in a URL. No Strapi and no I/O here, only `node:crypto`.
 *
 * Format: `<payload>.<signature>`, both base64url; the payload is the JSON of PreviewClaims, the
 * signature HMAC-SHA-256 of the payload text under the preview secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token grants: the draft of `documentId` of type `uid` in `locale`, until `exp`. */
export interface PreviewClaims {
  uid: string;
  documentId: string;
  locale: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type PreviewTokenCheck =
  | { valid: true; claims: PreviewClaims }
  | { valid: false; reason: 'expired'; claims: PreviewClaims }
  | { valid: false; reason: 'malformed' | 'signature' };

/**
 * The key preview tokens are signed with, derived from the app's keys (APP_KEYS) under a label of
 * its own, so that a preview token is worth nothing as a session cookie signature and vice versa.
 * Rotating APP_KEYS invalidates outstanding preview tokens, which live minutes anyway.
 */
export function previewSecret(appKeys: readonly string[]): Buffer {
  const keys = appKeys.filter((key) => key.length > 0);
  if (keys.length === 0) throw new Error('Preview tokens need APP_KEYS (server.app.keys)');
  return createHmac('sha256', keys.join(',')).update('ccn-site-preview-token-v1').digest();
}

const sign = (payload: string, secret: Buffer): Buffer =>
  createHmac('sha256', secret).update(payload).digest();

/** Signs the claims into a token. */
export function signPreviewToken(claims: PreviewClaims, secret: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({
      uid: claims.uid,
      documentId: claims.documentId,
      locale: claims.locale,
      exp: claims.exp,
    })
  ).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longer than any real token (about 200 characters); refused before any work is done. */
const MAX_TOKEN_LENGTH = 1024;

function parseClaims(payload: string): PreviewClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { uid, documentId, locale, exp } = value as Record<string, unknown>;
  if (typeof uid !== 'string' || typeof documentId !== 'string' || typeof locale !== 'string') {
    return null;
  }
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return null;
  return { uid, documentId, locale, exp };
}

/**
 * Checks a token: well-formed, signed with `secret`, and not expired at `nowSeconds`. The
 * signature is compared in constant time and checked before the payload is trusted.
 */
export function verifyPreviewToken(
  token: string,
  secret: Buffer,
  nowSeconds: number
): PreviewTokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { valid: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) {
    return { valid: false, reason: 'malformed' };
  }
  const [payload, signature] = parts;
  // Compared as text: decoding would ignore the spare bits of the last character, so two
  // spellings of one signature would both pass.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(payload, secret).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'signature' };
  }
  const claims = parseClaims(payload);
  if (!claims) return { valid: false, reason: 'malformed' };
  if (claims.exp <= nowSeconds) return { valid: false, reason: 'expired', claims };
  return { valid: true, claims };
}
