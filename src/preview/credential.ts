/**
 * Issues and checks the demo site's preview tokens (src/lib/preview/token.ts) with this app's
 * secret (derived from APP_KEYS) and lifetime (PREVIEW_TOKEN_MINUTES, config/site.ts).
 */
import type { Core } from '@strapi/strapi';
import type { SiteConfig } from '../../config/site';
import {
  previewSecret,
  signPreviewToken,
  verifyPreviewToken,
  type PreviewClaims,
  type PreviewTokenCheck,
} from '../lib/preview/token';

/** The longest a preview link may live: it is a bearer credential in a URL. */
const MAX_PREVIEW_MINUTES = 60;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function secretOf(strapi: Core.Strapi): Buffer {
  return previewSecret(strapi.config.get<string[]>('server.app.keys', []));
}

/** The configured lifetime; stops the start with a message naming the variable when invalid. */
export function previewMinutes(strapi: Core.Strapi): number {
  const minutes = strapi.config.get<SiteConfig>('site').previewMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_PREVIEW_MINUTES) {
    throw new Error(
      `PREVIEW_TOKEN_MINUTES must be a whole number of minutes from 1 to ${MAX_PREVIEW_MINUTES}, got ${String(minutes)}`
    );
  }
  return minutes;
}

/** A token for the draft of one document in one locale, valid for the configured minutes. */
export function issuePreviewToken(
  strapi: Core.Strapi,
  target: Omit<PreviewClaims, 'exp'>
): { token: string; expiresAt: Date } {
  const exp = nowSeconds() + previewMinutes(strapi) * 60;
  return {
    token: signPreviewToken({ ...target, exp }, secretOf(strapi)),
    expiresAt: new Date(exp * 1000),
  };
}

/** Checks a token now. */
export function checkPreviewToken(strapi: Core.Strapi, token: string): PreviewTokenCheck {
  return verifyPreviewToken(token, secretOf(strapi), nowSeconds());
}
