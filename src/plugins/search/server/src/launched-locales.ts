/**
 * Which locales the public may search in: with the locale-fallback plugin, its launched locales
 * (its public `locales` service, looked up by name so that neither plugin imports the other;
 * docs/adr/0005-locale-settings.md of the app this was built for), else every locale.
 */
import type { Core } from '@strapi/strapi';

interface LocaleSettingsContract {
  known(): Promise<{
    codes: readonly string[];
    all: readonly string[];
    settings?: Readonly<Record<string, { fallback?: readonly string[] }>>;
  }>;
}

const settingsService = (strapi: Core.Strapi): LocaleSettingsContract | undefined => {
  const service = strapi.plugin('locale-fallback')?.service('locales') as
    LocaleSettingsContract | undefined;
  return service && typeof service.known === 'function' ? service : undefined;
};

/**
 * The stored fallback chain of `locale` (its launched members, in order), the default fallback
 * of a search that names no `fallbackLocale`; empty without the locale-fallback plugin.
 */
export async function storedChain(strapi: Core.Strapi, locale: string): Promise<string[]> {
  const service = settingsService(strapi);
  if (!service) return [];
  const { codes, settings } = await service.known();
  return (settings?.[locale]?.fallback ?? []).filter(
    (code) => code !== locale && codes.includes(code)
  );
}

/** `locales` narrowed to the launched ones; unchanged without the locale-fallback plugin. */
export async function onlyLaunched(
  strapi: Core.Strapi,
  locales: readonly string[]
): Promise<string[]> {
  const service = settingsService(strapi);
  if (!service) return [...locales];
  const { codes } = await service.known();
  return locales.filter((code) => codes.includes(code));
}

/**
 * The locales that exist but are not launched (private: the index keeps their names out of the
 * other locales' entries); empty without the locale-fallback plugin.
 */
export async function unlaunchedLocales(strapi: Core.Strapi): Promise<Set<string>> {
  const service = settingsService(strapi);
  if (!service) return new Set();
  const { codes, all } = await service.known();
  return new Set(all.filter((code) => !codes.includes(code)));
}
