import type { SiteConfig } from '../../config/site';
import type { SitemapLimits } from '../../src/lib/sitemap/sitemap-files';
import { anonymous } from '../helpers/api';
import { CITY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { seedData } from '../helpers/seed-data';

/** A sitemap path's response with its body as text. */
function getXml(path: string) {
  return anonymous()
    .get(path)
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => callback(null, text));
    });
}

async function sitemap(path = '/sitemap.xml'): Promise<string> {
  const res = await getXml(path);
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

describe('a published city without a slug', () => {
  it('is left out of the sitemap, which still answers 200', async () => {
    const documentId = await createDocument(CITY, {
      de: { key: 'test-sitemap-no-slug', name: 'Ohneslugstadt' },
    });
    try {
      const response = await anonymous().get('/sitemap.xml');
      expect(response.status).toBe(200);
      const site = getStrapi().config.get('site') as SiteConfig;
      expect(response.text).toContain(`<loc>${site.publicUrl}/de/staedte/krakau</loc>`);
      expect(response.text).not.toContain(`${site.publicUrl}/de/staedte/<`);
    } finally {
      await deleteDocument(CITY, documentId);
    }
  });
});

describe('a sitemap larger than one file', () => {
  const MAX_URLS = 100;
  let site: SiteConfig;
  let limits: SitemapLimits;
  /** The response cache, emptied when the limits change (they are read on a miss). */
  const emptyCache = () => getStrapi().plugin('response-cache').service('cache').invalidate();
  const locsOf = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

  /** `/sitemap.xml` while it fits one file: what the split files must hold between them. */
  let single: string;

  beforeAll(async () => {
    site = getStrapi().config.get('site') as SiteConfig;
    limits = { ...site.sitemap };
    await emptyCache();
    single = await sitemap();
    getStrapi().config.set('site.sitemap.maxUrls', MAX_URLS);
    await emptyCache();
  });
  afterAll(async () => {
    getStrapi().config.set('site.sitemap', limits);
    await emptyCache();
  });

  it('is an index of per-locale files, each within the limit, together listing every URL once', async () => {
    const index = await sitemap();
    expect(index).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/
    );
    const files = locsOf(index);
    const { cities, creativeFields, networkGoals } = seedData();
    const perLocale = cities.length + creativeFields.length + networkGoals.length + 1;
    const filesPerLocale = Math.ceil(perLocale / MAX_URLS);
    expect(files).toEqual(
      ['de', 'en'].flatMap((locale) =>
        Array.from(
          { length: filesPerLocale },
          (_, i) => `${site.publicUrl}/sitemap-${locale}-${i + 1}.xml`
        )
      )
    );
    // Every file in the index with its lastmod.
    expect(index.match(/<lastmod>\d{4}-\d\d-\d\dT[\d:.]+Z<\/lastmod>/g)).toHaveLength(files.length);

    const listed: string[] = [];
    for (const file of files) {
      const xml = await sitemap(new URL(file).pathname);
      const urls = xml.split('<url>').slice(1);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(MAX_URLS);
      const locale = /sitemap-(\w+)-\d+\.xml$/.exec(file)?.[1];
      for (const url of urls) {
        expect(url).toMatch(/<lastmod>[^<]+<\/lastmod>/);
        expect(url).toContain(`<loc>${site.publicUrl}/${locale}/`);
      }
      listed.push(...urls.map((url) => locsOf(url)[0]));
    }
    expect(listed).toHaveLength(perLocale * 2);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toContain(`${site.publicUrl}/de/staedte/krakau`);
    expect(listed).toContain(`${site.publicUrl}/en/cities/krakow`);
  });

  it("holds the one file's URLs byte for byte, each locale's in its order, computed file by file", async () => {
    const files = locsOf(await sitemap());
    const urlsOf = (xml: string) =>
      xml
        .split('\n  <url>')
        .slice(1)
        .map((url) => url.replace(/\n<\/urlset>$/, ''));
    const split: string[] = [];
    for (const file of files) split.push(...urlsOf(await sitemap(new URL(file).pathname)));
    const expected = ['de', 'en'].flatMap((locale) =>
      urlsOf(single).filter((url) => url.includes(`<loc>${site.publicUrl}/${locale}/`))
    );
    expect(split).toEqual(expected);
  });

  it('answers 404 that says so for a file it does not list', async () => {
    const res = await getXml('/sitemap-de-99.xml');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body as string)).toMatchObject({
      error: { status: 404, message: expect.stringContaining('No sitemap file "de-99"') },
    });
    expect((await getXml('/sitemap-xx-1.xml')).status).toBe(404);
  });

  it('serves its files from the cache and evicts them on a write, like the API', async () => {
    const path = '/sitemap-de-1.xml';
    await getXml(path);
    const hit = await getXml(path);
    expect(hit.headers['x-cache']).toBe('HIT');
    const krakow = (await getStrapi()
      .documents(CITY)
      .findFirst({
        locale: 'de',
        status: 'published',
        filters: { slug: 'krakau' },
      } as never)) as unknown as { documentId: string; updatedAt: string } | null;
    if (!krakow) throw new Error('no Krakau in the seed');
    const before = await getXml(path);
    await getStrapi()
      .documents(CITY)
      .update({
        documentId: krakow.documentId,
        locale: 'de',
        status: 'published',
        data: { website: `https://example.org/sitemap-${Date.now()}` },
      } as never);
    const after = await getXml(path);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.status).toBe(200);
    const index = await getXml('/sitemap.xml');
    expect(index.headers['x-cache']).toBe('MISS');
    const newest = [...(index.body as string).matchAll(/<lastmod>([^<]+)<\/lastmod>/g)]
      .map((m) => m[1])
      .sort()
      .pop();
    expect(Date.parse(newest ?? '')).toBeGreaterThan(Date.parse(krakow.updatedAt));
    expect(before.headers['x-cache']).toBe('HIT');
  });
});

describe('GET /sitemap-<locale>-<n>.xml while everything fits /sitemap.xml', () => {
  it('answers 404 that says so', async () => {
    const res = await getXml('/sitemap-de-1.xml');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body as string)).toMatchObject({
      error: {
        status: 404,
        message: 'No sitemap file "de-1": the whole sitemap fits /sitemap.xml',
      },
    });
  });
});
