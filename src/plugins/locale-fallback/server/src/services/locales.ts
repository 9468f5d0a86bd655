/**
 * The one place of the plugin that reads the locales and the default locale. Kept in memory and
 * read again after a write that can change them on this instance (a locale created, updated or
 * deleted, a core-store write such as a new default locale: see ../bootstrap.ts). A code that is
 * not in the list is checked once more against the database before it is refused, so a locale
 * added on another instance is accepted at once.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { GenerationMemo } from '../lib/generation-memo';
import {
  checkLocaleParams,
  LocaleParamError,
  type CheckedLocaleParams,
  type LocaleParams,
} from '../lib/locale-params';
import { i18n } from '../internals';

export interface KnownLocales {
  /** The codes of the locales that exist, sorted. */
  codes: readonly string[];
  /** The locale Strapi uses when a request names none. */
  defaultLocale: string;
}

export interface LocalesService {
  /** The locales as last read (read again after a change). */
  known(): Promise<KnownLocales>;
  /** The default locale code. */
  defaultLocale(): Promise<string>;
  /** The locales as last read, without waiting; undefined before the first read. */
  lastKnown(): KnownLocales | undefined;
  /** Forget the list: the next call reads it again. */
  invalidate(): void;
  /**
   * Checks a request's `locale` and `fallbackLocale` against the existing locales.
   *
   * @throws errors.ValidationError (a 400) that names the parameter and the existing locales
   */
  check(params: LocaleParams): Promise<CheckedLocaleParams>;
}

export default ({ strapi }: { strapi: Core.Strapi }): LocalesService => {
  const memo = new GenerationMemo<KnownLocales>();
  let generation = 0;
  let last: KnownLocales | undefined;

  const known = (): Promise<KnownLocales> =>
    memo.get(generation, async () => {
      const adapter = i18n(strapi);
      const [codes, defaultLocale] = await Promise.all([
        adapter.findLocaleCodes(),
        adapter.getDefaultLocale(),
      ]);
      last = { codes: [...codes].sort(), defaultLocale };
      return last;
    });

  const invalidate = (): void => {
    generation += 1;
  };

  const checkAgainst = ({ codes, defaultLocale }: KnownLocales, params: LocaleParams) =>
    checkLocaleParams(params, codes, defaultLocale);

  return {
    known,
    async defaultLocale() {
      return (await known()).defaultLocale;
    },
    lastKnown: () => last,
    invalidate,
    async check(params) {
      try {
        try {
          return checkAgainst(await known(), params);
        } catch (error) {
          if (!(error instanceof LocaleParamError)) throw error;
          const value = params[error.param];
          if (typeof value !== 'string' || error.locales.includes(value)) throw error;
          // An unknown code, perhaps created on another instance since the last read: look again.
          invalidate();
          return checkAgainst(await known(), params);
        }
      } catch (error) {
        if (error instanceof LocaleParamError) {
          throw new errors.ValidationError(error.message, {
            param: error.param,
            locales: [...error.locales],
          });
        }
        throw error;
      }
    },
  };
};
