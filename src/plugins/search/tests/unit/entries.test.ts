import { buildEntries } from '../../server/src/lib/entries';

describe('buildEntries', () => {
  it('gives each locale version the names of all versions of its document', () => {
    const entries = buildEntries('api::city.city', ['name'], 'slug', [
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
      },
      {
        type: 'api::city.city',
        documentId: 'k',
        locale: 'en',
        name: 'Kraków',
        slug: 'krakow',
        sortName: 'krakow',
        names: '|krakau|krakow|',
      },
      {
        type: 'api::city.city',
        documentId: 'm',
        locale: 'en',
        name: 'Milan',
        slug: null,
        sortName: 'milan',
        names: '|milan|',
      },
    ]);
  });

  it('searches every configured field, names the hit by the first', () => {
    const [entry] = buildEntries('api::field.field', ['name', 'title'], null, [
      { documentId: 'f', name: 'Film', title: 'City of Film' },
    ]);
    expect(entry).toMatchObject({
      name: 'Film',
      locale: null,
      slug: null,
      names: '|city of film|film|',
    });
  });
});
