import {
  resolveCoordinates,
  type CoordinateOverride,
  type CoordinateResolution,
  type GeoNamesCity,
} from './coordinates';
import type { MemberRecord } from './parse-members-csv';
import { slugify } from './slugify';
import {
  CREATIVE_FIELD_KEYS,
  SEED_LOCALES,
  type CitySeed,
  type CountrySeed,
  type CreativeFieldKey,
  type CreativeFieldSeed,
  type Localized,
  type NetworkGoalSeed,
  type NetworkSeed,
  type Paragraphs,
  type SeedLocale,
} from './types';

/** Hand-written content of one creative field; the slug is derived from the name. */
export type CreativeFieldContent = Omit<CreativeFieldSeed, 'key' | 'slug'>;

/** Hand-written, reviewable content that does not come from the members CSV. */
export interface SeedContent {
  creativeFields: Record<CreativeFieldKey, CreativeFieldContent>;
  networkGoals: NetworkGoalSeed[];
  network: NetworkSeed;
  /** City key → description; cities not listed get `null`. */
  cityDescriptions: Record<string, Localized<Paragraphs>>;
  /** City key → official website; cities not listed get `null`. */
  cityWebsites: Record<string, string>;
  /** City key → other names; cities not listed get none. */
  cityAlternativeNames: Record<string, string[]>;
  /** Country ISO code → other names; countries not listed get none. */
  countryAlternativeNames: Record<string, string[]>;
}

export interface SeedFiles {
  creativeFields: CreativeFieldSeed[];
  countries: CountrySeed[];
  cities: CitySeed[];
  networkGoals: NetworkGoalSeed[];
  network: NetworkSeed;
}

export interface BuildSeedInput {
  records: MemberRecord[];
  geonames: GeoNamesCity[];
  coordinateOverrides: Record<string, CoordinateOverride>;
  content: SeedContent;
}

export interface BuildSeedResult {
  files: SeedFiles;
  coordinates: CoordinateResolution;
}

/** Plain code-unit order, so that the output never depends on the machine's locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupSizes(values: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const value of values) sizes.set(value, (sizes.get(value) ?? 0) + 1);
  return sizes;
}

function assertUnique(values: string[], what: string): void {
  const duplicates = [...groupSizes(values)].filter(([, n]) => n > 1).map(([value]) => value);
  if (duplicates.length > 0) throw new Error(`Duplicate ${what}: ${duplicates.join(', ')}`);
}

function cityName(record: MemberRecord, locale: SeedLocale): string {
  return locale === 'de' ? record.nameDe : record.nameEn;
}

function countryName(record: MemberRecord, locale: SeedLocale): string {
  return locale === 'de' ? record.countryDe : record.countryEn;
}

/**
 * Stable, non-localized city keys, in the order of `records`: the slug of the English name,
 * with `-<iso2>` appended only where that slug is shared by several cities
 * (Granada → `granada-es`, `granada-ni`).
 *
 * @throws Error when two cities would still share a key (same name in the same country).
 */
export function assignCityKeys(records: MemberRecord[]): string[] {
  const bases = records.map((record) => slugify(record.nameEn));
  const sizes = groupSizes(bases);
  const keys = bases.map((base, i) =>
    (sizes.get(base) ?? 0) > 1 ? `${base}-${records[i].countryIso2.toLowerCase()}` : base
  );
  assertUnique(keys, 'city keys');
  return keys;
}

/**
 * City slugs for one locale, in the order of `records`: the slug of the city's name in that
 * locale, with the slug of the country's name in that locale appended only where the plain slug
 * is shared (de `granada-spanien` / `granada-nicaragua`).
 *
 * @throws Error when the slugs are still not unique within the locale.
 */
export function assignCitySlugs(records: MemberRecord[], locale: SeedLocale): string[] {
  const bases = records.map((record) => slugify(cityName(record, locale)));
  const sizes = groupSizes(bases);
  const slugs = bases.map((base, i) =>
    (sizes.get(base) ?? 0) > 1 ? `${base}-${slugify(countryName(records[i], locale))}` : base
  );
  assertUnique(slugs, `city slugs (${locale})`);
  return slugs;
}

/**
 * One country per ISO code found in the records, sorted by ISO code.
 *
 * @throws Error when rows of the same ISO code disagree on the country's name, or when two
 *   countries would get the same slug.
 */
export function buildCountrySeeds(
  records: MemberRecord[],
  alternativeNames: Record<string, string[]> = {}
): CountrySeed[] {
  const byIso = new Map<string, MemberRecord>();
  for (const record of records) {
    const seen = byIso.get(record.countryIso2);
    if (!seen) {
      byIso.set(record.countryIso2, record);
    } else if (seen.countryEn !== record.countryEn || seen.countryDe !== record.countryDe) {
      throw new Error(
        `Row ${record.row}: country ${record.countryIso2} is "${record.countryEn}" / ` +
          `"${record.countryDe}", but row ${seen.row} has "${seen.countryEn}" / "${seen.countryDe}"`
      );
    }
  }
  const countries = [...byIso.values()]
    .sort((a, b) => compareStrings(a.countryIso2, b.countryIso2))
    .map((record): CountrySeed => ({
      isoCode: record.countryIso2,
      name: { de: record.countryDe, en: record.countryEn },
      slug: { de: slugify(record.countryDe), en: slugify(record.countryEn) },
      alternativeNames: alternativeNames[record.countryIso2] ?? [],
    }));
  const unknown = Object.keys(alternativeNames).filter((iso) => !byIso.has(iso));
  if (unknown.length > 0) {
    throw new Error(`Country alternative names for unknown ISO codes: ${unknown.join(', ')}`);
  }
  for (const locale of SEED_LOCALES) {
    assertUnique(
      countries.map((country) => country.slug[locale]),
      `country slugs (${locale})`
    );
  }
  return countries;
}

/** The eight creative fields in the order of {@link CREATIVE_FIELD_KEYS}, slugs from their names. */
export function buildCreativeFieldSeeds(
  content: Record<CreativeFieldKey, CreativeFieldContent>
): CreativeFieldSeed[] {
  const fields = CREATIVE_FIELD_KEYS.map((key): CreativeFieldSeed => ({
    key,
    name: content[key].name,
    cityTitle: content[key].cityTitle,
    slug: { de: slugify(content[key].name.de), en: slugify(content[key].name.en) },
    description: content[key].description,
  }));
  for (const locale of SEED_LOCALES) {
    assertUnique(
      fields.map((field) => field.slug[locale]),
      `creative field slugs (${locale})`
    );
  }
  return fields;
}

function assertKnownKeys(keys: string[], known: Set<string>, what: string): void {
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${what} for unknown city keys: ${unknown.join(', ')}`);
}

/**
 * Builds all seed files from the parsed CSV, the GeoNames data, the coordinate overrides and
 * the hand-written content. Cities are sorted by key, countries by ISO code, creative fields in
 * the order of {@link CREATIVE_FIELD_KEYS}, goals by position.
 *
 * Cities without coordinates get `null` and are listed in `coordinates.missing`; failing on
 * them is the caller's decision.
 *
 * @throws Error on duplicate keys or slugs, inconsistent countries, content for unknown cities,
 *   or goal positions other than 1..n.
 */
export function buildSeed(input: BuildSeedInput): BuildSeedResult {
  const { records, content } = input;
  const keys = assignCityKeys(records);
  const slugs: Localized<string[]> = {
    de: assignCitySlugs(records, 'de'),
    en: assignCitySlugs(records, 'en'),
  };
  const knownKeys = new Set(keys);
  assertKnownKeys(Object.keys(content.cityDescriptions), knownKeys, 'City descriptions');
  assertKnownKeys(Object.keys(content.cityWebsites), knownKeys, 'City websites');
  assertKnownKeys(Object.keys(content.cityAlternativeNames), knownKeys, 'City alternative names');

  const coordinates = resolveCoordinates(
    records.map((record, i) => ({
      key: keys[i],
      nameEn: record.nameEn,
      nameDe: record.nameDe,
      country: record.countryIso2,
    })),
    input.geonames,
    input.coordinateOverrides
  );

  const cities = records
    .map((record, i): CitySeed => {
      const key = keys[i];
      const position = coordinates.resolved.get(key);
      return {
        key,
        name: { de: record.nameDe, en: record.nameEn },
        slug: { de: slugs.de[i], en: slugs.en[i] },
        alternativeNames: content.cityAlternativeNames[key] ?? [],
        country: record.countryIso2,
        field: record.field,
        memberSince: record.year,
        unescoUrl: record.unescoUrl,
        website: content.cityWebsites[key] ?? null,
        latitude: position?.latitude ?? null,
        longitude: position?.longitude ?? null,
        description: content.cityDescriptions[key] ?? null,
      };
    })
    .sort((a, b) => compareStrings(a.key, b.key));

  const networkGoals = [...content.networkGoals].sort((a, b) => a.position - b.position);
  networkGoals.forEach((goal, i) => {
    if (goal.position !== i + 1) {
      throw new Error(`Network goal positions must be 1..${networkGoals.length} without gaps`);
    }
  });

  return {
    files: {
      creativeFields: buildCreativeFieldSeeds(content.creativeFields),
      countries: buildCountrySeeds(records, content.countryAlternativeNames),
      cities,
      networkGoals,
      network: content.network,
    },
    coordinates,
  };
}

/** The on-disk form of a seed file: 2-space JSON with a trailing newline. */
export function serializeSeedFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
