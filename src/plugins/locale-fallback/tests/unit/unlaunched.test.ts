import { selectLocaleOfLocalizations, withoutUnlaunched } from '../../server/src/lib/unlaunched';

describe('withoutUnlaunched', () => {
  it('drops versions in unlaunched locales from localizations at any depth', () => {
    const body = {
      data: [
        {
          slug: 'krakau',
          localizations: [
            { slug: 'krakow', locale: 'en' },
            { slug: 'cracovie', locale: 'fr' },
          ],
          country: { localizations: [{ locale: 'fr' }] },
        },
      ],
      meta: {},
    };
    expect(withoutUnlaunched(body, ['de', 'en'])).toEqual({
      data: [
        {
          slug: 'krakau',
          localizations: [{ slug: 'krakow', locale: 'en' }],
          country: { localizations: [] },
        },
      ],
      meta: {},
    });
    // The input is not changed.
    expect(body.data[0].localizations).toHaveLength(2);
  });

  it('returns the same object when nothing is removed, and keeps versions without a locale', () => {
    const body = { data: { localizations: [{ slug: 'krakow' }, { locale: 'en' }] } };
    expect(withoutUnlaunched(body, ['de', 'en'])).toBe(body);
  });
});

describe('withoutUnlaunched with dropLocale', () => {
  it('drops the private versions, then the locale it was asked for only to tell them apart', () => {
    const body = {
      data: [
        {
          localizations: [
            { slug: 'krakow', locale: 'en' },
            { slug: 'cracovie', locale: 'fr' },
          ],
        },
      ],
    };
    expect(withoutUnlaunched(body, ['de', 'en'], { dropLocale: true })).toEqual({
      data: [{ localizations: [{ slug: 'krakow' }] }],
    });
  });
});

describe('selectLocaleOfLocalizations', () => {
  it('adds locale to every localizations populate that selects fields, at any depth', () => {
    const populate = {
      localizations: { fields: ['slug'] },
      country: { populate: { localizations: { fields: 'name,slug' } } },
    };
    expect(selectLocaleOfLocalizations(populate)).toBe(true);
    expect(populate).toEqual({
      localizations: { fields: ['slug', 'locale'] },
      country: { populate: { localizations: { fields: 'name,slug,locale' } } },
    });
  });

  it('leaves populates alone that select locale or every field', () => {
    for (const populate of [
      { localizations: { fields: ['slug', 'locale'] } },
      { localizations: { fields: 'slug, locale' } },
      { localizations: true },
      'localizations',
      '*',
      undefined,
    ]) {
      const before = JSON.stringify(populate);
      expect(selectLocaleOfLocalizations(populate)).toBe(false);
      expect(JSON.stringify(populate)).toBe(before);
    }
  });
});
