import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  checkLocaleParams,
  LocaleParamError,
  type CheckedLocaleParams,
  type LocaleParams,
} from '../lib/i18n/locale-params';
import { GenerationMemo } from '../lib/i18n/generation-memo';
import { responseCache } from '../response-cache';

interface LocaleRecord {
  code: string;
}

interface ExistingLocales {
  codes: readonly string[];
  defaultLocale: string;
}

const memos = new WeakMap<Core.Strapi, GenerationMemo<ExistingLocales>>();
const lastRead = new WeakMap<Core.Strapi, readonly string[]>();

/**
 * The locale codes that exist now and the default one, read from the i18n plugin. Kept in memory
 * for one generation of the response cache's store: every write that can change them (a locale
 * created, updated or deleted, the default locale in the core store, here or on another instance
 * through the bus) invalidates the store and so bumps the generation. Without this, every REST
 * read paid two extra SQL queries for the strict-locale check (README → Performance).
 */
export function existingLocales(strapi: Core.Strapi): Promise<ExistingLocales> {
  let memo = memos.get(strapi);
  if (!memo) {
    memo = new GenerationMemo();
    memos.set(strapi, memo);
  }
  return memo.get(responseCache(strapi).store.generation, async () => {
    const service = strapi.plugin('i18n').service('locales');
    const locales: LocaleRecord[] = await service.find();
    const defaultLocale: string = await service.getDefaultLocale();
    const codes = locales.map((locale) => locale.code).sort();
    lastRead.set(strapi, codes);
    return { codes, defaultLocale };
  });
}

/**
 * The locale codes as `existingLocales` last read them (read once at bootstrap), for code that
 * cannot wait for a query: a GraphQL scalar parses synchronously. Only for wording messages.
 */
export function lastReadLocaleCodes(strapi: Core.Strapi): readonly string[] {
  return lastRead.get(strapi) ?? [];
}

/**
 * Checks a request's `locale` and `fallbackLocale` against the existing locales (current ones,
 * so locales added later count) and turns a mistake into a 400 `ValidationError`.
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
