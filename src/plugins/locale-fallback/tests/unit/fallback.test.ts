import {
  markVersion,
  mergeRelation,
  populatedRelations,
  withLocaleField,
  withLocaleInPopulate,
  type LocaleVersion,
} from '../../server/src/lib/fallback';

const v = (documentId: string, locale: string, extra: Record<string, unknown> = {}) => ({
  documentId,
  locale,
  ...extra,
});

describe('withLocaleField', () => {
  it('adds locale to an explicit field list only', () => {
    expect(withLocaleField(undefined)).toBeUndefined();
    expect(withLocaleField('*')).toBe('*');
    expect(withLocaleField(['name'])).toEqual(['name', 'locale']);
    expect(withLocaleField('name,slug')).toEqual(['name', 'slug', 'locale']);
    expect(withLocaleField(['name', 'locale'])).toEqual(['name', 'locale']);
  });
});

describe('markVersion', () => {
  it('marks versions of another locale as fallback', () => {
    expect(markVersion(v('a', 'en'), 'en')).toEqual({ ...v('a', 'en'), fallback: false });
    expect(markVersion(v('b', 'de'), 'en')).toEqual({ ...v('b', 'de'), fallback: true });
  });
});

describe('mergeRelation', () => {
  const inEnglish = new Map<string, LocaleVersion>([['x', v('x', 'en', { name: 'Music' })]]);

  it('adds related documents lost because they have no version in the locale', () => {
    const served = [v('x', 'en', { name: 'Music' })];
    const ofFallback = [v('x', 'de', { name: 'Musik' }), v('y', 'de', { name: 'Film' })];
    expect(mergeRelation(served, ofFallback, inEnglish, 'en')).toEqual([
      { ...served[0], fallback: false },
      { ...ofFallback[1], fallback: true },
    ]);
  });

  it('leaves the arrays it is given as they were', () => {
    const served = [v('x', 'en')];
    const ofFallback = [v('y', 'de')];
    mergeRelation(served, ofFallback, inEnglish, 'en');
    expect(served).toEqual([v('x', 'en')]);
    expect(ofFallback).toEqual([v('y', 'de')]);
  });

  it('does not bring back a document unlinked in the locale on purpose', () => {
    expect(mergeRelation([], [v('x', 'de')], inEnglish, 'en')).toEqual([]);
  });

  it('serves related documents of a fallback entry in the locale when they have one', () => {
    expect(mergeRelation(v('x', 'de', { name: 'Musik' }), undefined, inEnglish, 'en')).toEqual({
      ...v('x', 'en', { name: 'Music' }),
      fallback: false,
    });
    expect(mergeRelation(v('y', 'de'), undefined, inEnglish, 'en')).toEqual({
      ...v('y', 'de'),
      fallback: true,
    });
  });

  it('keeps the shape of a to-one relation', () => {
    expect(mergeRelation(null, v('y', 'de'), inEnglish, 'en')).toEqual({
      ...v('y', 'de'),
      fallback: true,
    });
    expect(mergeRelation(null, undefined, inEnglish, 'en')).toBeNull();
    expect(mergeRelation(null, [], inEnglish, 'en')).toEqual([]);
  });
});

describe('populatedRelations', () => {
  const names = ['country', 'creativeField'];
  it.each([
    ['*', ['country', 'creativeField']],
    ['country', ['country']],
    ['country,description', ['country']],
    [['creativeField.cities', 'links'], ['creativeField']],
    [{ country: { fields: ['name'] }, creativeField: false }, ['country']],
  ])('reads %p', (populate, expected) => {
    expect([...populatedRelations(populate, names).keys()]).toEqual(expected);
  });

  it('keeps the nested options', () => {
    expect(populatedRelations({ country: { fields: ['name'] } }, names).get('country')).toEqual({
      fields: ['name'],
    });
    expect(populatedRelations(['creativeField.cities'], names).get('creativeField')).toEqual({
      populate: 'cities',
    });
  });
});

describe('withLocaleInPopulate', () => {
  const relations: Record<string, Map<string, string>> = {
    city: new Map([
      ['country', 'country'],
      ['creativeField', 'field'],
    ]),
    country: new Map([['cities', 'city']]),
    field: new Map([['cities', 'city']]),
  };
  const relationsOf = (uid: string) => relations[uid] ?? new Map<string, string>();

  it('adds locale to the field selection of relations only', () => {
    expect(
      withLocaleInPopulate(
        { country: { fields: ['isoCode'] }, links: { fields: ['url'] }, creativeField: true },
        'city',
        relationsOf
      )
    ).toEqual({
      country: { fields: ['isoCode', 'locale'] },
      links: { fields: ['url'] },
      creativeField: true,
    });
    expect(withLocaleInPopulate('country', 'city', relationsOf)).toBe('country');
  });

  it('follows nested populates through the target types', () => {
    expect(
      withLocaleInPopulate(
        {
          country: {
            fields: 'isoCode',
            populate: { cities: { fields: ['name'], populate: { links: { fields: ['url'] } } } },
          },
        },
        'city',
        relationsOf
      )
    ).toEqual({
      country: {
        fields: ['isoCode', 'locale'],
        populate: {
          cities: { fields: ['name', 'locale'], populate: { links: { fields: ['url'] } } },
        },
      },
    });
  });
});
