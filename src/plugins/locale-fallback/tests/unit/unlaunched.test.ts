import { withoutUnlaunched } from '../../server/src/lib/unlaunched';

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
