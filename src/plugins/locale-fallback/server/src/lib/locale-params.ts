/**
 * Strict checking of the `locale` and `fallbackLocale` request parameters against the locales
 * that exist. Pure: the caller passes the locale codes it read from the i18n locales service, so
 * a locale added in the admin panel later is accepted without a code change.
 */

/** The document service's "every locale" wildcard; accepted as `locale`, never as a fallback. */
export const ALL_LOCALES = '*';

/** `fallbackLocale=none`: no fallback for this request, not even the locale's stored chain. */
export const NO_FALLBACK = 'none';

export interface LocaleParams {
  locale?: unknown;
  fallbackLocale?: unknown;
}

export interface CheckedLocaleParams {
  /** The requested locale, or undefined when the request has none (Strapi then uses the default). */
  locale?: string;
  /** The fallback locale, or undefined when the request asks for none. */
  fallbackLocale?: string;
  /** True for `fallbackLocale=none`: the request switches fallback off. */
  noFallback?: boolean;
}

/** What is wrong with a request's locale parameters, in words a website developer can act on. */
export class LocaleParamError extends Error {
  constructor(
    message: string,
    /** The parameter at fault. */
    readonly param: 'locale' | 'fallbackLocale',
    /** The locale codes that exist. */
    readonly locales: readonly string[]
  ) {
    super(message);
    this.name = 'LocaleParamError';
  }
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Why a value is not an existing locale code, for the error message. */
function problem(param: string, value: unknown): string {
  if (typeof value === 'string') return `Unknown ${param} "${value}".`;
  const kind = Array.isArray(value) ? 'a list' : `a value of type ${typeof value}`;
  return `Invalid ${param}: expected one locale code, got ${kind}.`;
}

/** The message for a value of `param` that is no existing locale code. */
export function unknownLocaleMessage(
  param: 'locale' | 'fallbackLocale',
  value: unknown,
  locales: readonly string[]
): string {
  return `${problem(param, value)} Available locales: ${locales.join(', ')}.`;
}

/**
 * Checks `locale` and `fallbackLocale` against the existing locale codes.
 *
 * @param params the raw request parameters (REST query or GraphQL arguments)
 * @param locales the codes of the locales that exist
 * @param defaultLocale the locale Strapi uses when the request names none
 * @throws LocaleParamError for an unknown or malformed value, or a fallback equal to the locale
 */
export function checkLocaleParams(
  params: LocaleParams,
  locales: readonly string[],
  defaultLocale: string
): CheckedLocaleParams {
  const list = locales.join(', ');
  const checked: CheckedLocaleParams = {};

  if (!isAbsent(params.locale)) {
    const { locale } = params;
    if (typeof locale !== 'string' || (locale !== ALL_LOCALES && !locales.includes(locale))) {
      throw new LocaleParamError(
        unknownLocaleMessage('locale', locale, locales),
        'locale',
        locales
      );
    }
    checked.locale = locale;
  }

  if (params.fallbackLocale === NO_FALLBACK) {
    checked.noFallback = true;
  } else if (!isAbsent(params.fallbackLocale)) {
    const { fallbackLocale } = params;
    if (typeof fallbackLocale !== 'string' || !locales.includes(fallbackLocale)) {
      throw new LocaleParamError(
        unknownLocaleMessage('fallbackLocale', fallbackLocale, locales),
        'fallbackLocale',
        locales
      );
    }
    const effectiveLocale = checked.locale ?? defaultLocale;
    if (effectiveLocale === ALL_LOCALES) {
      throw new LocaleParamError(
        `fallbackLocale needs a single locale, not "${ALL_LOCALES}". Available locales: ${list}.`,
        'fallbackLocale',
        locales
      );
    }
    if (fallbackLocale === effectiveLocale) {
      throw new LocaleParamError(
        `fallbackLocale "${fallbackLocale}" must differ from locale "${effectiveLocale}". Available locales: ${list}.`,
        'fallbackLocale',
        locales
      );
    }
    checked.fallbackLocale = fallbackLocale;
  }

  return checked;
}
