import type { Core } from '@strapi/strapi';
import { LOCALES } from '../lib/i18n/locales';

interface LocaleRecord {
  code: string;
}

/**
 * Creates the declared locales that do not exist yet and makes the declared default the
 * default locale. Idempotent: a second run writes nothing.
 */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const localesService = strapi.plugin('i18n').service('locales');
  const existing: LocaleRecord[] = await localesService.find();
  const existingCodes = new Set(existing.map((locale) => locale.code));

  for (const locale of LOCALES) {
    if (!existingCodes.has(locale.code)) {
      await localesService.create({ code: locale.code, name: locale.name });
      strapi.log.info(`[locales] created locale ${locale.code}`);
    }
  }

  const wantedDefault = LOCALES.find((locale) => locale.isDefault);
  const currentDefault: string = await localesService.getDefaultLocale();
  if (wantedDefault && currentDefault !== wantedDefault.code) {
    await localesService.setDefaultLocale({ code: wantedDefault.code });
    strapi.log.info(`[locales] default locale is now ${wantedDefault.code}`);
  }
}
