/**
 * The admin panel's texts that belong to this project, per admin language: content-type names
 * and field labels. Passed to `config.translations` in src/admin/app.tsx.
 *
 * Keys are the ones Strapi 5.54's content manager looks up:
 * - a content type's `info.displayName` itself ("City") names it in the menu, the list title,
 *   the browser tab, the home page's "last edited" widget and the roles screen;
 * - `content-manager.content-types.<uid>.<field>` labels a field in the list and the edit view
 *   (falling back to the label stored in the view configuration).
 */
import { CONTENT_TYPE_UIDS } from '../content-model';
import { FIELD_LABELS } from './content-manager-views';
import { STRAPI_GERMAN_GAPS } from './strapi-german-gaps';

export type AdminLanguage = 'de' | 'en';

/**
 * German names of the content types, keyed by `displayName` (English, and what the English
 * admin shows). Plural, as the menu and the list titles name the collection.
 */
export const GERMAN_TYPE_NAMES: Record<string, string> = {
  City: 'Städte',
  Country: 'Länder',
  'Creative field': 'Kreativfelder',
  'Glossary term': 'Glossar',
  'Network goal': 'Netzwerkziele',
  'Network page': 'Netzwerkseite',
};

/** Name and description of the year custom field (src/admin/year-field/) in the field picker. */
export const YEAR_FIELD_TEXTS: Record<AdminLanguage, Record<string, string>> = {
  de: {
    'ccn.year-field.label': 'Jahr',
    'ccn.year-field.description': 'Eine Jahreszahl wie 2014, ohne Tausendertrennzeichen',
  },
  en: {
    'ccn.year-field.label': 'Year',
    'ccn.year-field.description': 'A year such as 2014, shown without a thousands separator',
  },
};

/** The translations of one admin language. */
export function adminTranslations(language: AdminLanguage): Record<string, string> {
  const messages: Record<string, string> = {
    ...(language === 'de' ? { ...STRAPI_GERMAN_GAPS, ...GERMAN_TYPE_NAMES } : {}),
    ...YEAR_FIELD_TEXTS[language],
  };
  for (const uid of CONTENT_TYPE_UIDS) {
    for (const [field, label] of Object.entries(FIELD_LABELS)) {
      messages[`content-manager.content-types.${uid}.${field}`] = label[language];
    }
  }
  return messages;
}
