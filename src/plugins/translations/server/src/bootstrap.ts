import type { Core } from '@strapi/strapi';
import { REVIEW_ACTIONS } from './lib/review';

/**
 * Admin permissions for review states (Settings → Roles → Plugins → Translations):
 * `plugin::translations.review.translate` sets states up to "translated",
 * `plugin::translations.review.approve` sets every state but "published".
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    {
      section: 'plugins',
      displayName: 'Set review states up to "translated"',
      uid: REVIEW_ACTIONS.translate,
      pluginName: 'translations',
    },
    {
      section: 'plugins',
      displayName: 'Review translations (set every review state)',
      uid: REVIEW_ACTIONS.approve,
      pluginName: 'translations',
    },
  ]);
};
