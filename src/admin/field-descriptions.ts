import type { StrapiApp } from '@strapi/strapi/admin';
import { descriptionInLanguage } from '../lib/admin/content-manager-views';

/** The content manager's documented hook over the edit view's layout (Strapi 5). */
const MUTATE_EDIT_VIEW_LAYOUT = 'Admin/CM/pages/EditView/mutate-edit-view-layout';
/** Where the admin panel keeps the interface language of the logged-in user. */
const LANGUAGE_STORAGE_KEY = 'strapi-admin-language';

interface EditField {
  hint?: unknown;
}

interface EditLayout {
  layout: EditField[][][];
}

/**
 * Shows the field descriptions of the edit view in the interface language: the view configuration
 * stores them in both ("Übersetzt pro Sprache · Translated per locale", because the stored text is
 * all Strapi shows), and this picks the half of the user's language. Call from `bootstrap`.
 */
export function registerFieldDescriptionLanguage(app: StrapiApp): void {
  app.registerHook(
    MUTATE_EDIT_VIEW_LAYOUT,
    ({ layout, query }: { layout: EditLayout; query: unknown }) => {
      const language = window.localStorage.getItem(LANGUAGE_STORAGE_KEY) ?? 'en';
      return {
        query,
        layout: {
          ...layout,
          layout: layout.layout.map((panel) =>
            panel.map((row) =>
              row.map((field) =>
                typeof field.hint === 'string'
                  ? { ...field, hint: descriptionInLanguage(field.hint, language) }
                  : field
              )
            )
          ),
        },
      };
    }
  );
}
