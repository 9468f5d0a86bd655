import type { StrapiApp } from '@strapi/strapi/admin';
import { Earth } from '@strapi/icons';

/** Adds the "Translation status" widget to the admin home page. */
export function registerTranslationStatusWidget(app: StrapiApp): void {
  app.widgets.register({
    id: 'translation-status',
    icon: Earth,
    title: { id: 'translation-status.title', defaultMessage: 'Translation status' },
    component: async () => (await import('./TranslationStatusWidget')).TranslationStatusWidget,
  });
}
