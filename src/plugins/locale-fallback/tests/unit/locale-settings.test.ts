import {
  checkChain,
  launchedCodes,
  LocaleSettingsError,
  resolveSettings,
  withLaunched,
  type LocaleSettingsMap,
} from '../../server/src/lib/locale-settings';

const settings = (): LocaleSettingsMap => ({
  de: { launched: true, fallback: [] },
  en: { launched: true, fallback: ['de'] },
  fr: { launched: false, fallback: ['en', 'de'] },
  it: { launched: false, fallback: [] },
});

describe('resolveSettings', () => {
  it('treats every locale without stored settings as launched without a chain (existing installs)', () => {
    expect(resolveSettings(['de', 'en'], 'de', undefined)).toEqual({
      de: { launched: true, fallback: [] },
      en: { launched: true, fallback: [] },
    });
    expect(resolveSettings(['de', 'en'], 'de', 'garbage')).toEqual({
      de: { launched: true, fallback: [] },
      en: { launched: true, fallback: [] },
    });
  });

  it('keeps stored settings, drops chain members that no longer exist, keeps the default launched', () => {
    expect(
      resolveSettings(['de', 'fr'], 'de', {
        de: { launched: false, fallback: [] },
        fr: { launched: false, fallback: ['en', 'de', 7] },
        gone: { launched: true, fallback: [] },
      })
    ).toEqual({ de: { launched: true, fallback: [] }, fr: { launched: false, fallback: ['de'] } });
  });

  it('lists the launched codes sorted', () => {
    expect(launchedCodes(settings())).toEqual(['de', 'en']);
  });
});

describe('checkChain', () => {
  it('accepts a chain of launched locales', () => {
    expect(checkChain('fr', ['en', 'de'], settings())).toEqual(['en', 'de']);
    expect(checkChain('fr', [], settings())).toEqual([]);
  });

  it.each([
    [['fr'], 'The fallback chain of "fr" cannot contain "fr".', 'chainContainsItself', {}],
    [
      ['en', 'en'],
      'The fallback chain of "fr" names "en" twice.',
      'chainNamesTwice',
      { member: 'en' },
    ],
    [
      ['xx'],
      'Unknown locale "xx" in the fallback chain of "fr". Locales: de, en, fr, it.',
      'chainUnknownLocale',
      { member: 'xx', locales: 'de, en, fr, it' },
    ],
    [
      ['it'],
      'Locale "it" in the fallback chain of "fr" is not launched. Launched locales: de, en.',
      'chainUnlaunchedLocale',
      { member: 'it', locales: 'de, en' },
    ],
  ])(
    'refuses %j with a message naming the member, and its reason for an admin page',
    (chain, message, reason, values) => {
      let thrown: unknown;
      try {
        checkChain('fr', chain, settings());
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(LocaleSettingsError);
      expect(thrown).toMatchObject({ message, reason, values: { code: 'fr', ...values } });
    }
  );

  it('refuses a chain that leads back to the locale', () => {
    // de → en would close en → de → en.
    expect(() => checkChain('de', ['en'], settings())).toThrow(
      'The fallback chain of "de" makes a cycle: de → en → de.'
    );
  });
});

describe('withLaunched', () => {
  it('launches and unlaunches', () => {
    expect(withLaunched(settings(), 'fr', true, 'de').fr).toEqual({
      launched: true,
      fallback: ['en', 'de'],
    });
  });

  it.each([
    ['fr', false, 'Locale "fr" is already unlaunched.'],
    ['en', true, 'Locale "en" is already launched.'],
    ['de', false, 'Locale "de" is the default locale: it is always launched.'],
    ['xx', true, 'Unknown locale "xx". Locales: de, en, fr, it.'],
  ])('refuses %s → launched=%s', (code, launched, message) => {
    expect(() => withLaunched(settings(), code, launched, 'de')).toThrow(message);
  });

  it('refuses to launch a locale whose chain names an unlaunched locale (its text would show)', () => {
    const chainToIt: LocaleSettingsMap = {
      ...settings(),
      fr: { launched: false, fallback: ['it', 'de'] },
    };
    expect(() => withLaunched(chainToIt, 'fr', true, 'de')).toThrow(
      'Locale "fr" falls back to the unlaunched locale(s) it: launch them first or change the chain.'
    );
  });

  it('refuses to unlaunch a locale a launched locale falls back to', () => {
    const launchedFr = withLaunched(settings(), 'fr', true, 'de');
    expect(() => withLaunched(launchedFr, 'en', false, 'de')).toThrow(
      'Locale "en" is in the fallback chain of the launched locale(s) fr: change their chains first.'
    );
  });
});
