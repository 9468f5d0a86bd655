/**
 * The draft preview of the demo site: the admin preview handler (handler.ts, wired in
 * config/admin.ts) signs a preview token, the site reads the draft with it from /preview/draft.
 */
import type { Core } from '@strapi/strapi';
import { previewMinutes } from './credential';
import { registerPreviewDraftRoute } from './draft-route';

/** Bootstrap phase: checks PREVIEW_TOKEN_MINUTES and serves /preview/draft. */
export function bootstrapPreview(strapi: Core.Strapi): void {
  previewMinutes(strapi);
  registerPreviewDraftRoute(strapi);
}
