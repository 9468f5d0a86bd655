import type { StrapiApp } from '@strapi/strapi/admin';
import { adminTranslations } from '../lib/admin/admin-translations';
import { registerFieldDescriptionLanguage } from './field-descriptions';
import { registerYearColumns, registerYearField } from './year-field/register';

export default {
  config: {
    // The editorial team works in German; English stays available in each user's profile.
    locales: ['de', 'en'],
    // No release check against api.github.com from the editors' browsers.
    notifications: { releases: false },
    // Content-type names and field labels of this project in each admin language.
    translations: { de: adminTranslations('de'), en: adminTranslations('en') },
  },
  register(app: StrapiApp) {
    registerYearField(app);
  },
  bootstrap(app: StrapiApp) {
    registerYearColumns(app);
    registerFieldDescriptionLanguage(app);
  },
};
