import type { StrapiApp } from '@strapi/strapi/admin';
import { registerTranslationStatusWidget } from './translation-status/register';

export default {
  config: {
    // The editorial team works in German; English stays available in each user's profile.
    locales: ['de', 'en'],
    // No release check against api.github.com from the editors' browsers.
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    registerTranslationStatusWidget(app);
  },
  bootstrap(_app: StrapiApp) {},
};
