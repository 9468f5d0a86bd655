/**
 * Which locales the public may search in: with the locale-fallback plugin, its launched locales
 * (its public `locales` service, looked up by name so that neither plugin imports the other;
 * docs/adr/0005-locale-settings.md of the app this was built for), else every locale.
 */
import type { Core } from '@strapi/strapi';

interface LocaleSettingsContract {
  known(): Promise<{ codes: readonly string[] }>;
}

/** `locales` narrowed to the launched ones; unchanged without the locale-fallback plugin. */
export async function onlyLaunched(
  strapi: Core.Strapi,
  locales: readonly string[]
): Promise<string[]> {
  const plugin = strapi.plugin('locale-fallback');
  const service = plugin?.service('locales') as LocaleSettingsContract | undefined;
  if (!service || typeof service.known !== 'function') return [...locales];
  const { codes } = await service.known();
  return locales.filter((code) => codes.includes(code));
}
