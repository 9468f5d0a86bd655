import type { Core } from '@strapi/strapi';
import { localesService as i18nLocales } from '../i18n/locales';
import { LOCALES } from '../lib/i18n/locales';

/**
 * Creates the declared locales that do not exist yet and makes the declared default the
 * default locale. Idempotent: a second run writes nothing.
 */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const localesService = i18nLocales(strapi);
  const existing = await localesService.find();
  const existingCodes = new Set(existing.map((locale) => locale.code));

  for (const locale of LOCALES) {
    if (!existingCodes.has(locale.code)) {
      await localesService.create({ code: locale.code, name: locale.name });
      strapi.log.info(`[locales] created locale ${locale.code}`);
    }
  }

  const wantedDefault = LOCALES.find((locale) => locale.isDefault);
  const currentDefault = await localesService.getDefaultLocale();
  if (wantedDefault && currentDefault !== wantedDefault.code) {
    await localesService.setDefaultLocale({ code: wantedDefault.code });
    strapi.log.info(`[locales] default locale is now ${wantedDefault.code}`);
  }
}
