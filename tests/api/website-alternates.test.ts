import { anonymous, graphql } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';

const ALTERNATES =
  'populate[localizations][fields][0]=slug&populate[localizations][fields][1]=locale';

interface Alternate {
  slug: string;
  locale: string;
}

async function restAlternates(locale: string, key: string): Promise<Alternate[]> {
  const res = await anonymous().get(
    `/api/cities?locale=${locale}&filters[key][$eq]=${key}&${ALTERNATES}`
  );
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(1);
  return (res.body.data[0].localizations as Alternate[]).map(({ slug, locale: l }) => ({
    slug,
    locale: l,
  }));
}

async function graphqlAlternates(locale: string, key: string): Promise<Alternate[]> {
  const res = await graphql(
    'query ($locale: I18NLocaleCode, $key: String) { cities(locale: $locale, filters: { key: { eq: $key } }) { localizations { slug locale } } }',
    { locale, key }
  );
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.cities).toHaveLength(1);
  return res.body.data.cities[0].localizations;
}

describe('language alternates (hreflang)', () => {
  it('lists the other published version of a seeded city', async () => {
    expect(await restAlternates('de', 'krakow')).toEqual([{ slug: 'krakow', locale: 'en' }]);
    expect(await restAlternates('en', 'krakow')).toEqual([{ slug: 'krakau', locale: 'de' }]);
    expect(await graphqlAlternates('de', 'krakow')).toEqual([{ slug: 'krakow', locale: 'en' }]);
  });

  describe('a city whose en version is a draft', () => {
    const key = 'test-alternates-draft';
    let documentId = '';

    beforeAll(async () => {
      documentId = await createDocument(
        CITY,
        {
          de: { key, name: 'Entwurfstadt', slug: 'entwurfstadt' },
          en: { name: 'Draft Town', slug: 'draft-town' },
        },
        ['en']
      );
    });

    afterAll(async () => {
      if (documentId) await deleteDocument(CITY, documentId);
    });

    it('does not list the draft, then lists it once published, and drops it when unpublished', async () => {
      expect(await restAlternates('de', key)).toEqual([]);
      expect(await graphqlAlternates('de', key)).toEqual([]);

      await getStrapi().documents(CITY).publish({ documentId, locale: 'en' });
      expect(await restAlternates('de', key)).toEqual([{ slug: 'draft-town', locale: 'en' }]);
      expect(await graphqlAlternates('de', key)).toEqual([{ slug: 'draft-town', locale: 'en' }]);
      expect(await restAlternates('en', key)).toEqual([{ slug: 'entwurfstadt', locale: 'de' }]);

      await getStrapi().documents(CITY).unpublish({ documentId, locale: 'en' });
      expect(await restAlternates('de', key)).toEqual([]);
      expect(await graphqlAlternates('de', key)).toEqual([]);
    });
  });
});
