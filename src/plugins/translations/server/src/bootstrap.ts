import type { Core } from '@strapi/strapi';
import { REVIEW_ACTIONS } from './lib/review';
import { LOCALES_MANAGE } from './services/locales';
import { getService } from './utils';

/** One line at start when shared relations differ between locales (data from before the option). */
async function warnOfDifferingFacts(strapi: Core.Strapi): Promise<void> {
  const shared = getService(strapi, 'shared-relations');
  if (shared.relations().length === 0) return;
  const differing = await shared.differences();
  if (differing.length === 0) return;
  const fields = [...new Set(differing.map((d) => `${d.uid}.${d.attribute}`))].join(', ');
  strapi.log.warn(
    `[translations] shared relations differ between locales in ${differing.length} document(s) (${fields}): see npm run i18n:check`
  );
}

/**
 * Admin permissions for review states (Settings → Roles → Plugins → Translations):
 * `plugin::translations.review.translate` sets states up to "translated",
 * `plugin::translations.review.approve` sets every state but "published";
 * `plugin::translations.locales.manage` changes the locales (the "Languages" page).
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await warnOfDifferingFacts(strapi);
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
    {
      section: 'plugins',
      displayName: 'Manage languages (add, launch, unlaunch, fallback chains, remove)',
      uid: LOCALES_MANAGE,
      pluginName: 'translations',
    },
  ]);
};
