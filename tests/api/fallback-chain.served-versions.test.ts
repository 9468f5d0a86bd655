/**
 * The version a chain serves, picked by the list query itself (issue 27: locale-fallback's
 * server/src/rest/served-versions.ts keeps one version per document in the statement that pages
 * and counts). Six cities whose versions cover every case of the chain fr → en → de (only the
 * default locale, a version in the second step only, in the requested locale itself, a draft-only
 * version in a chain locale) are listed with filters, sorts and page sizes across them, and each
 * answer is compared with the rule computed here from every version the document service holds:
 * of each document, its version in the first of fr, en, de that has one in the status asked for,
 * then the filter, the sort and the page applied to those versions.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import type { UID } from '@strapi/strapi';
import { anonymous, tokenHeader } from '../helpers/api';
import { CITY, COUNTRY, createDocument, deleteDocument } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { localeLifecycle, removeLocale } from '../../src/i18n/locale-lifecycle';

const FR = 'fr';
const ORDER = [FR, 'en', 'de'];
/** A non-localized alternative name every version of the test cities shares. */
const ALT = 'Zyxversionsort';
const exportFile = path.join(os.tmpdir(), `served-versions-${process.pid}.xlf`);
const created: { cities: string[]; countries: string[] } = { cities: [], countries: [] };
const ids: Record<string, string> = {};

interface Version {
  documentId: string;
  name: string;
  locale: string;
}

type Status = 'published' | 'draft';

/** What the chain must serve: every version read through the document service, ranked here. */
async function expectedServed(status: Status): Promise<Version[]> {
  const versions = (await getStrapi()
    .documents(CITY as UID.ContentType)
    .findMany({
      locale: '*',
      status,
      filters: { alternativeNames: ALT },
      fields: ['name', 'locale'],
    } as never)) as unknown as Version[];
  const served = new Map<string, Version>();
  for (const version of versions) {
    const known = served.get(version.documentId);
    const place = ORDER.indexOf(version.locale);
    if (place < 0) continue;
    if (!known || place < ORDER.indexOf(known.locale)) served.set(version.documentId, version);
  }
  return [...served.values()];
}

interface Case {
  status: Status;
  filter?: { query: string; keeps: (version: Version) => boolean };
  sort: 'asc' | 'desc';
  pageSize: number;
}

const startsWithProbe = {
  query: 'filters[name][$startsWith]=Probe',
  keeps: (version: Version) => version.name.startsWith('Probe'),
};
const containsCarlOrDora = {
  query: 'filters[$or][0][name][$containsi]=carl&filters[$or][1][name][$containsi]=dora',
  keeps: (version: Version) => /carl|dora/i.test(version.name),
};

const CASES: Case[] = [
  { status: 'published', sort: 'asc', pageSize: 2 },
  { status: 'published', sort: 'desc', pageSize: 4 },
  { status: 'published', sort: 'asc', pageSize: 1, filter: startsWithProbe },
  { status: 'published', sort: 'desc', pageSize: 3, filter: containsCarlOrDora },
  { status: 'draft', sort: 'asc', pageSize: 2 },
  { status: 'draft', sort: 'asc', pageSize: 5, filter: startsWithProbe },
];

beforeAll(async () => {
  const strapi = getStrapi();
  await localeLifecycle(strapi).add({ code: FR, name: 'Französisch', fallback: ['en', 'de'] });
  await localeLifecycle(strapi).launch(FR, { force: true });
  // Countries for the relation members: one in every locale, one without fr.
  ids.everyLocale = await createDocument(COUNTRY, {
    de: { name: 'Versionsland', slug: 'versionsland', isoCode: 'QV' },
    en: { name: 'Versionland', slug: 'versionland' },
    fr: { name: 'Pays des versions', slug: 'pays-des-versions' },
  });
  ids.withoutFr = await createDocument(COUNTRY, {
    de: { name: 'Zweitland', slug: 'zweitland', isoCode: 'QW' },
    en: { name: 'Second Land', slug: 'second-land' },
  });
  created.countries.push(ids.everyLocale, ids.withoutFr);
  const city = (key: string, name: string, extra: Record<string, unknown> = {}) => ({
    name,
    slug: `${key}-${name.toLowerCase().replace(/\s+/g, '-')}`,
    ...extra,
  });
  const de = (key: string, name: string, country?: string) =>
    city(key, name, {
      key: `served-${key}`,
      alternativeNames: ALT,
      ...(country ? { country: { connect: [{ documentId: country, locale: 'de' }] } } : {}),
    });
  // Only the default locale, linked to a country that has fr: the country is served in fr.
  ids.anna = await createDocument(CITY, { de: de('a', 'Probe Anna', ids.everyLocale) });
  // The second chain step only.
  ids.berta = await createDocument(CITY, {
    de: de('b', 'Probe Berta'),
    en: city('b', 'Sample Bert'),
  });
  // The requested locale itself.
  ids.carl = await createDocument(CITY, {
    de: de('c', 'Probe Carl'),
    en: city('c', 'Sample Carl'),
    fr: city('c', 'Essai Carl'),
  });
  // fr without en.
  ids.dora = await createDocument(CITY, { de: de('d', 'Probe Dora'), fr: city('d', 'Essai Dora') });
  // en as a draft only (published reads: de; draft reads: en), linked to a country without fr.
  ids.emil = await createDocument(
    CITY,
    { de: de('e', 'Probe Emil', ids.withoutFr), en: city('e', 'Sample Emil') },
    ['en']
  );
  // fr as a draft only.
  ids.fritz = await createDocument(
    CITY,
    { de: de('f', 'Probe Fritz'), en: city('f', 'Sample Fritz'), fr: city('f', 'Essai Fritz') },
    ['fr']
  );
  created.cities.push(ids.anna, ids.berta, ids.carl, ids.dora, ids.emil, ids.fritz);
});

afterAll(async () => {
  for (const id of created.cities) await deleteDocument(CITY, id);
  for (const id of created.countries) await deleteDocument(COUNTRY, id);
  await removeLocale(getStrapi(), FR, { exportTo: exportFile });
  if (existsSync(exportFile)) rmSync(exportFile);
});

describe('a list under the chain fr → en → de', () => {
  it('the cases cover every step of the chain', async () => {
    const locales = (await expectedServed('published')).map((version) => version.locale).sort();
    expect(locales).toEqual(['de', 'de', 'en', 'en', 'fr', 'fr']);
    const drafts = (await expectedServed('draft')).map((version) => version.locale).sort();
    expect(drafts).toEqual(['de', 'en', 'en', 'fr', 'fr', 'fr']);
  });

  it.each(CASES)(
    'serves, filters, sorts, pages and counts the versions the rule picks (%j)',
    async ({ status, filter, sort, pageSize }) => {
      const expected = (await expectedServed(status))
        .filter((version) => !filter || filter.keeps(version))
        .sort(
          (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) * (sort === 'asc' ? 1 : -1)
        );
      expect(expected.length).toBeGreaterThan(0);
      const pageCount = Math.ceil(expected.length / pageSize);
      const served: Version[] = [];
      for (let page = 1; page <= pageCount + 1; page += 1) {
        const res = await anonymous()
          .get(
            `/api/cities?locale=${FR}&status=${status}&filters[alternativeNames][$eq]=${ALT}` +
              `${filter ? `&${filter.query}` : ''}&sort=name:${sort}&fields[0]=name&fields[1]=locale` +
              `&pagination[page]=${page}&pagination[pageSize]=${pageSize}`
          )
          .set(tokenHeader());
        expect(res.status).toBe(200);
        expect(res.body.meta.pagination).toMatchObject({ total: expected.length, pageCount });
        for (const entry of res.body.data as Array<Version & { fallback: boolean }>) {
          expect(entry.fallback).toBe(entry.locale !== FR);
          served.push({ documentId: entry.documentId, name: entry.name, locale: entry.locale });
        }
      }
      expect(served).toEqual(
        expected.map(({ documentId, name, locale }) => ({ documentId, name, locale }))
      );
    }
  );

  it('serves each populated country from the first chain locale that has it', async () => {
    const res = await anonymous().get(
      `/api/cities?locale=${FR}&filters[alternativeNames][$eq]=${ALT}&filters[country][documentId][$notNull]=true` +
        '&populate[country][fields][0]=name&sort=name:asc&fields[0]=name'
    );
    expect(res.status).toBe(200);
    const countries = Object.fromEntries(
      (
        res.body.data as Array<{ documentId: string; country: { name: string; locale: string } }>
      ).map((entry) => [
        entry.documentId,
        entry.country && [entry.country.name, entry.country.locale],
      ])
    );
    // Both cities are served in de and link the countries' de versions: the country with a fr
    // version is served in fr (not en, also before de), the other in en.
    expect(countries).toEqual({
      [ids.anna]: ['Pays des versions', 'fr'],
      [ids.emil]: ['Second Land', 'en'],
    });
  });
});
