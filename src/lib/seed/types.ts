/**
 * Shape of the reviewable seed files under `database/seed/`.
 *
 * Every record carries a stable, non-localized key and its German (`de`) and English (`en`)
 * values side by side, so a reviewer sees both languages of one record in one place.
 * Rich text is stored as plain paragraphs and turned into Strapi blocks by the loader.
 */

export const SEED_LOCALES = ['de', 'en'] as const;
export type SeedLocale = (typeof SEED_LOCALES)[number];

/** A value given in every seed locale. */
export type Localized<T> = Record<SeedLocale, T>;

/** Paragraphs of plain text; each becomes one `paragraph` block. */
export type Paragraphs = string[];

export const CREATIVE_FIELD_KEYS = [
  'crafts-folk-art',
  'design',
  'film',
  'gastronomy',
  'literature',
  'media-arts',
  'music',
  'architecture',
] as const;
export type CreativeFieldKey = (typeof CREATIVE_FIELD_KEYS)[number];

/** `database/seed/creative-fields.json` */
export interface CreativeFieldSeed {
  key: CreativeFieldKey;
  name: Localized<string>;
  cityTitle: Localized<string>;
  slug: Localized<string>;
  description: Localized<Paragraphs>;
}

/** `database/seed/countries.json`; keyed by ISO 3166-1 alpha-2 code. */
export interface CountrySeed {
  isoCode: string;
  name: Localized<string>;
  slug: Localized<string>;
  /** Other names, shared by every locale (searched, see src/plugins/search). */
  alternativeNames: string[];
}

/** `database/seed/cities.json` */
export interface CitySeed {
  /** Stable key: slug of the English name, plus `-<iso2>` where the English name is not unique. */
  key: string;
  name: Localized<string>;
  slug: Localized<string>;
  /** Other names, shared by every locale (searched, see src/plugins/search). */
  alternativeNames: string[];
  /** ISO 3166-1 alpha-2 code of the country (a `CountrySeed.isoCode`). */
  country: string;
  field: CreativeFieldKey;
  memberSince: number | null;
  unescoUrl: string | null;
  website: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Only some cities have a description; the others are `null`. */
  description: Localized<Paragraphs> | null;
}

/** `database/seed/network-goals.json` */
export interface NetworkGoalSeed {
  position: number;
  title: Localized<string>;
  description: Localized<string>;
}

/** `database/seed/network.json` (single type) */
export interface NetworkSeed {
  title: Localized<string>;
  intro: Localized<Paragraphs>;
  fundingNote: Localized<string>;
  links: { label: Localized<string>; url: string }[];
}

/**
 * `database/seed/glossary-terms.json`: the term base (hand-written; the creative fields' names and
 * city titles repeat those of `creative-fields.json`, which a unit test checks).
 */
export interface GlossaryTermSeed {
  /** Stable key, kebab-case. */
  key: string;
  term: Localized<string>;
  definition: Localized<string> | null;
  partOfSpeech: 'noun' | 'verb' | 'adjective' | 'properNoun' | 'other';
  doNotTranslate: boolean;
  status: 'approved' | 'forbidden';
}
