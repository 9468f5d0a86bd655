/**
 * The app's one reader of the i18n plugin's locales (sitemap, preview, admin roles, locale
 * bootstrap). The plugins have their own, so that they stay independent of the app.
 */
import type { Core } from '@strapi/strapi';

export interface LocaleRecord {
  id: number;
  code: string;
  name: string;
}

/** The i18n plugin's locales service, typed as far as the app uses it. */
export interface LocalesService {
  find(): Promise<LocaleRecord[]>;
  getDefaultLocale(): Promise<string>;
  create(locale: { code: string; name: string }): Promise<LocaleRecord>;
  setDefaultLocale(locale: { code: string }): Promise<void>;
}

export function localesService(strapi: Core.Strapi): LocalesService {
  return strapi.plugin('i18n').service('locales') as LocalesService;
}

/** The code of the default locale. */
export function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return localesService(strapi).getDefaultLocale();
}

/** The codes of every locale that exists. */
export async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  return (await localesService(strapi).find()).map((locale) => locale.code);
}

/**
 * The codes of the launched locales, the ones the public sees (the locale-fallback plugin's
 * settings: docs/adr/0005-locale-settings.md); every locale without that plugin.
 */
export async function launchedLocales(strapi: Core.Strapi): Promise<readonly string[]> {
  const plugin = strapi.plugin('locale-fallback');
  if (!plugin) return localeCodes(strapi);
  const known = (await plugin.service('locales').known()) as { codes: readonly string[] };
  return known.codes;
}
