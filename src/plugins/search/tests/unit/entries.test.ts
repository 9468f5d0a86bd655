import {
  buildEntries,
  splitAlternativeNames,
  type EntryFields,
} from '../../server/src/lib/entries';

const CITY: EntryFields = { fields: ['name'], slug: 'slug', alternativeNames: null, facets: [] };

describe('buildEntries', () => {
  it("keeps the names of private (unlaunched) locales out of the other locales' entries", () => {
    const entries = buildEntries(
      'api::city.city',
      CITY,
      [
        { documentId: 'k', locale: 'de', name: 'Krakau', slug: 'krakau' },
        { documentId: 'k', locale: 'fr', name: 'Cracovie', slug: 'cracovie' },
      ],
      new Set(['fr'])
    );
    expect(entries.map(({ locale, names, labels }) => ({ locale, names, labels }))).toEqual([
      {
        locale: 'de',
        names: '|krakau|',
        labels: JSON.stringify({ names: ['Krakau'], alternatives: [] }),
      },
      {
        locale: 'fr',
        names: '|cracovie|krakau|',
        labels: JSON.stringify({ names: ['Krakau', 'Cracovie'], alternatives: [] }),
      },
    ]);
  });

  it('gives each locale version the names of all versions of its document', () => {
    const entries = buildEntries('api::city.city', CITY, [
      { documentId: 'k', locale: 'de', name: 'Krakau', slug: 'krakau' },
      { documentId: 'k', locale: 'en', name: 'Kraków', slug: 'krakow' },
      { documentId: 'm', locale: 'en', name: 'Milan', slug: null },
    ]);
    expect(entries).toEqual([
      {
        type: 'api::city.city',
        documentId: 'k',
        locale: 'de',
        name: 'Krakau',
        slug: 'krakau',
        sortName: 'krakau',
        names: '|krakau|krakow|',
        altNames: '',
        labels: JSON.stringify({ names: ['Krakau', 'Kraków'], alternatives: [] }),
        facets: null,
      },
      {
        type: 'api::city.city',
        documentId: 'k',
        locale: 'en',
        name: 'Kraków',
        slug: 'krakow',
        sortName: 'krakow',
        names: '|krakau|krakow|',
        altNames: '',
        labels: JSON.stringify({ names: ['Krakau', 'Kraków'], alternatives: [] }),
        facets: null,
      },
      {
        type: 'api::city.city',
        documentId: 'm',
        locale: 'en',
        name: 'Milan',
        slug: null,
        sortName: 'milan',
        names: '|milan|',
        altNames: '',
        labels: JSON.stringify({ names: ['Milan'], alternatives: [] }),
        facets: null,
      },
    ]);
  });

  it('searches every configured field, names the hit by the first', () => {
    const [entry] = buildEntries(
      'api::field.field',
      { ...CITY, fields: ['name', 'title'], slug: null },
      [{ documentId: 'f', name: 'Film', title: 'City of Film' }]
    );
    expect(entry).toMatchObject({
      name: 'Film',
      locale: null,
      slug: null,
      names: '|city of film|film|',
    });
  });

  it('keeps alternative names apart, facets as related documentIds', () => {
    const entries = buildEntries(
      'api::city.city',
      { ...CITY, alternativeNames: 'other', facets: ['country', 'field'] },
      [
        {
          documentId: 'k',
          locale: 'de',
          name: 'Krakau',
          other: 'Cracow\nKraka',
          country: { documentId: 'pl' },
          field: null,
        },
        {
          documentId: 'k',
          locale: 'en',
          name: 'Kraków',
          other: 'Cracow, Kraka',
          country: { documentId: 'pl' },
          field: null,
        },
      ]
    );
    expect(entries[0]).toMatchObject({
      names: '|krakau|krakow|',
      altNames: '|cracow|kraka|',
      labels: JSON.stringify({ names: ['Krakau', 'Kraków'], alternatives: ['Cracow', 'Kraka'] }),
      facets: JSON.stringify({ country: 'pl', field: null }),
    });
  });

  it('indexes names with umlauts in both spellings', () => {
    const [entry] = buildEntries('api::city.city', CITY, [
      { documentId: 'g', locale: 'de', name: 'Göteborg', slug: 'goteborg' },
    ]);
    expect(entry.names).toBe('|goeteborg|goteborg|');
  });
});

describe('splitAlternativeNames', () => {
  it('takes one name per line, or comma- or semicolon-separated, trimmed', () => {
    expect(splitAlternativeNames(' Kiev\nKyjiw, Kijiw;  \n')).toEqual(['Kiev', 'Kyjiw', 'Kijiw']);
    expect(splitAlternativeNames(null)).toEqual([]);
  });
});
