import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  checkLocaleParams,
  LocaleParamError,
  type CheckedLocaleParams,
  type LocaleParams,
} from '../lib/i18n/locale-params';

interface LocaleRecord {
  code: string;
}

/** The locale codes that exist now and the default one, read from the i18n plugin. */
export async function existingLocales(
  strapi: Core.Strapi
): Promise<{ codes: string[]; defaultLocale: string }> {
  const service = strapi.plugin('i18n').service('locales');
  const locales: LocaleRecord[] = await service.find();
  const defaultLocale: string = await service.getDefaultLocale();
  return { codes: locales.map((locale) => locale.code).sort(), defaultLocale };
}

/**
 * Checks a request's `locale` and `fallbackLocale` against the existing locales (read at every
 * call, so locales added later count) and turns a mistake into a 400 `ValidationError`.
 */
export async function assertLocaleParams(
  strapi: Core.Strapi,
  params: LocaleParams
): Promise<CheckedLocaleParams> {
  const { codes, defaultLocale } = await existingLocales(strapi);
  try {
    return checkLocaleParams(params, codes, defaultLocale);
  } catch (error) {
    if (error instanceof LocaleParamError) {
      throw new errors.ValidationError(error.message, {
        param: error.param,
        locales: [...error.locales],
      });
    }
    throw error;
  }
}
