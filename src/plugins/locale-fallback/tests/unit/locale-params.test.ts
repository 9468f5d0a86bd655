import { checkLocaleParams, LocaleParamError } from '../../server/src/lib/locale-params';

const LOCALES = ['de', 'en'];
const check = (params: Record<string, unknown>) => checkLocaleParams(params, LOCALES, 'de');

function errorOf(params: Record<string, unknown>): LocaleParamError {
  try {
    check(params);
  } catch (error) {
    if (error instanceof LocaleParamError) return error;
    throw error;
  }
  throw new Error('expected a LocaleParamError');
}

describe('checkLocaleParams', () => {
  it('accepts existing locales and no locale at all', () => {
    expect(check({ locale: 'en' })).toEqual({ locale: 'en' });
    expect(check({})).toEqual({});
    expect(check({ locale: '' })).toEqual({});
    expect(check({ locale: 'en', fallbackLocale: 'de' })).toEqual({
      locale: 'en',
      fallbackLocale: 'de',
    });
  });

  it('takes fallbackLocale=none as no fallback (not even a stored chain)', () => {
    expect(check({ locale: 'en', fallbackLocale: 'none' })).toEqual({
      locale: 'en',
      noFallback: true,
    });
  });

  it('accepts a locale added later, because the list is an input', () => {
    expect(checkLocaleParams({ locale: 'fr' }, [...LOCALES, 'fr'], 'de')).toEqual({
      locale: 'fr',
    });
  });

  it.each(['fr', 'xx-nonsense', 'DE', 'de '])('rejects the unknown locale %p', (locale) => {
    const error = errorOf({ locale });
    expect(error.param).toBe('locale');
    expect(error.message).toBe(`Unknown locale "${locale}". Available locales: de, en.`);
  });

  it('rejects a list or an object as locale', () => {
    expect(errorOf({ locale: ['de', 'en'] }).message).toBe(
      'Invalid locale: expected one locale code, got a list. Available locales: de, en.'
    );
    expect(errorOf({ locale: { $ne: 'de' } }).message).toContain('got a value of type object');
  });

  it('rejects an unknown fallbackLocale', () => {
    const error = errorOf({ locale: 'en', fallbackLocale: 'fr' });
    expect(error.param).toBe('fallbackLocale');
    expect(error.message).toBe('Unknown fallbackLocale "fr". Available locales: de, en.');
  });

  it('rejects a fallbackLocale equal to the locale, also to the default locale', () => {
    expect(errorOf({ locale: 'en', fallbackLocale: 'en' }).message).toBe(
      'fallbackLocale "en" must differ from locale "en". Available locales: de, en.'
    );
    expect(errorOf({ fallbackLocale: 'de' }).message).toContain('must differ from locale "de"');
  });

  it('accepts the wildcard locale only without fallback', () => {
    expect(check({ locale: '*' })).toEqual({ locale: '*' });
    expect(errorOf({ locale: '*', fallbackLocale: 'de' }).param).toBe('fallbackLocale');
  });
});
