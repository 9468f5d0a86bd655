import type { SiteConfig } from '../../config/site';
import { anonymous } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { seedData } from '../helpers/seed-data';

async function sitemap(): Promise<string> {
  const res = await anonymous()
    .get('/sitemap.xml')
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => callback(null, text));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  return res.body as string;
}

/** The `<url>` element of a location, or undefined. */
const urlOf = (xml: string, loc: string) =>
  xml.split('<url>').find((url) => url.includes(`<loc>${loc}</loc>`));

describe('GET /sitemap.xml', () => {
  let site: SiteConfig;
  beforeAll(() => {
    site = getStrapi().config.get('site') as SiteConfig;
  });

  it('lists every published city, creative field, goal and home page in both locales', async () => {
    const xml = await sitemap();
    // (cities + creative fields + goals + 1 home page) × 2 locales
    const { cities, creativeFields, networkGoals } = seedData();
    const pages = cities.length + creativeFields.length + networkGoals.length + 1;
    expect(xml.match(/<url>/g)).toHaveLength(pages * 2);
    const krakau = urlOf(xml, `${site.publicUrl}/de/staedte/krakau`);
    expect(krakau).toContain(`hreflang="de" href="${site.publicUrl}/de/staedte/krakau"`);
    expect(krakau).toContain(`hreflang="en" href="${site.publicUrl}/en/cities/krakow"`);
    expect(krakau).toContain(`hreflang="x-default" href="${site.publicUrl}/de/staedte/krakau"`);
    expect(urlOf(xml, `${site.publicUrl}/en/cities/krakow`)).toContain(
      `hreflang="x-default" href="${site.publicUrl}/de/staedte/krakau"`
    );
    expect(urlOf(xml, `${site.publicUrl}/en/goals/1`)).toContain(
      `hreflang="de" href="${site.publicUrl}/de/ziele/1"`
    );
    expect(urlOf(xml, `${site.publicUrl}/de/kreativfelder/musik`)).toContain(
      `hreflang="en" href="${site.publicUrl}/en/creative-fields/music"`
    );
    expect(urlOf(xml, `${site.publicUrl}/en/`)).toContain(
      `hreflang="x-default" href="${site.publicUrl}/de/"`
    );
  });

  it('follows publishing and unpublishing', async () => {
    const de = `${site.publicUrl}/de/staedte/sitemapstadt`;
    const en = `${site.publicUrl}/en/cities/sitemap-town`;
    const before = (await sitemap()).match(/<url>/g)?.length;
    const documentId = await createDocument(CITY, {
      de: { key: 'test-sitemap', name: 'Sitemapstadt', slug: 'sitemapstadt' },
      en: { name: 'Sitemap Town', slug: 'sitemap-town' },
    });
    try {
      const published = await sitemap();
      expect(urlOf(published, de)).toContain(`hreflang="en" href="${en}"`);
      expect(urlOf(published, en)).toBeDefined();

      await getStrapi().documents(CITY).unpublish({ documentId, locale: 'en' });
      const unpublished = await sitemap();
      expect(urlOf(unpublished, en)).toBeUndefined();
      expect(urlOf(unpublished, de)).not.toContain('hreflang="en"');

      await getStrapi().documents(CITY).unpublish({ documentId, locale: 'de' });
      expect(urlOf(await sitemap(), de)).toBeUndefined();
    } finally {
      await deleteDocument(CITY, documentId);
    }
    expect((await sitemap()).match(/<url>/g)).toHaveLength(before ?? NaN);
  });
});
