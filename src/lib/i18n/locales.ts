/** The locales this project ships with. More can be added in the admin panel at any time. */
export interface LocaleDefinition {
  code: string;
  name: string;
  isDefault: boolean;
}

export const DEFAULT_LOCALE = 'de';

export const LOCALES: readonly LocaleDefinition[] = [
  { code: 'de', name: 'Deutsch (de)', isDefault: true },
  { code: 'en', name: 'English (en)', isDefault: false },
];
