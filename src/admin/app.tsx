import type { StrapiApp } from '@strapi/strapi/admin';
import { registerTranslationStatusWidget } from './translation-status/register';

export default {
  config: {},
  register(app: StrapiApp) {
    registerTranslationStatusWidget(app);
  },
};
