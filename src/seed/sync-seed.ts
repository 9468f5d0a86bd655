import type { Core, Modules, UID } from '@strapi/strapi';
import { paragraphsToBlocks } from '../lib/seed/blocks';
import type { SeedBundle } from '../lib/seed/read-seed';
import type { SeedFiles } from '../lib/seed/build-seed';
import { earlierOf, earlierVersions, type EarlierValues } from '../lib/seed/earlier-values';
import { planUpdate } from '../lib/seed/same-content';
import { SEED_LOCALES, type SeedLocale } from '../lib/seed/types';

const CREATIVE_FIELD = 'api::creative-field.creative-field';
const COUNTRY = 'api::country.country';
const CITY = 'api::city.city';
const NETWORK_GOAL = 'api::network-goal.network-goal';
const NETWORK = 'api::network.network';
const GLOSSARY_TERM = 'api::glossary-term.glossary-term';

/** What a seed run did, counted per locale version. */
export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Versions in which a field an editor changed was left as the editor wrote it. */
  kept: number;
}

type Data = Record<string, unknown>;

/** The translations plugin's review service, as far as the seed uses it. */
interface ReviewService {
  set(request: {
    uid: string;
    documentId: string;
    locale: string;
    state: 'reviewed';
    rights: readonly 'review'[];
    changedBy?: string;
  }): Promise<unknown>;
}

/**
 * The seed's translations are the project's curated content: before a translated version is
 * written and published, its review state becomes `reviewed`, so that publishing it works with
 * TRANSLATION_REQUIRE_REVIEW=true (publishing then records `published`).
 */
async function markReviewed(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: SeedLocale
): Promise<void> {
  if (locale === SEED_LOCALES[0]) return;
  const review = strapi.plugin('translations')?.service('review') as ReviewService | undefined;
  await review?.set({
    uid,
    documentId,
    locale,
    state: 'reviewed',
    rights: ['review'],
    changedBy: 'seed',
  });
}

interface StoredVersion extends Data {
  documentId: string;
}

/** One locale version as the seed wants it: field values, and relations as target documentIds. */
interface VersionValues {
  fields: Data;
  /** Relation field → documentId of the target, connected in the same locale. */
  relations: Record<string, string>;
}

interface SeedRecord {
  /** Value of the record's stable key (the `keyField` attribute). */
  key: string | number | null;
  /** The record per locale as the seed has it now. */
  values: (locale: SeedLocale) => VersionValues;
  /** The same as earlier seed releases had it (see src/lib/seed/earlier-values.ts). */
  earlier: ((locale: SeedLocale) => VersionValues)[];
}

/** Fields and relations in one object, relations as the target's documentId. */
/** The seed's list of other names as the text field holds them: one per line. */
const joinAlternativeNames = (names: readonly string[] | undefined): string | null =>
  names && names.length > 0 ? names.join('\n') : null;

function flatten({ fields, relations }: VersionValues): Data {
  return { ...fields, ...relations };
}

function storedFlat(stored: StoredVersion, relationFields: string[]): Data {
  const flat: Data = { ...stored };
  for (const field of relationFields) {
    flat[field] = (stored[field] as { documentId?: string } | null)?.documentId ?? null;
  }
  return flat;
}

/**
 * Writes one content type's records, upserting by a non-localized key, in every seed locale.
 * A missing locale version is created with all the seed's values. A stored one gets only the
 * fields that still hold a value of an earlier seed release (see {@link planUpdate}): what an
 * editor changed stays, and a second run writes nothing and keeps `updatedAt` as it was.
 */
async function syncType<TUid extends UID.ContentType>(
  strapi: Core.Strapi,
  uid: TUid,
  keyField: string | null,
  records: SeedRecord[],
  populate: Modules.Documents.Params.Populate.Any<TUid>,
  report: SeedReport
): Promise<Map<string | number | null, string>> {
  const documents = strapi.documents(uid);
  const documentIdByKey = new Map<string | number | null, string>();

  for (const locale of SEED_LOCALES) {
    const stored = (await documents.findMany({
      locale,
      status: 'published',
      populate,
    })) as unknown as StoredVersion[];
    const storedByKey = new Map(
      stored.map((version) => [keyField ? (version[keyField] as string | number) : null, version])
    );
    if (locale === SEED_LOCALES[0]) {
      // Versions of other locales share the document; find documents by their first locale.
      for (const [key, version] of storedByKey) documentIdByKey.set(key, version.documentId);
    }

    for (const record of records) {
      const wanted = record.values(locale);
      const current = storedByKey.get(record.key);
      let write = [...Object.keys(wanted.fields), ...Object.keys(wanted.relations)];
      if (current) {
        const plan = planUpdate(
          storedFlat(current, Object.keys(wanted.relations)),
          flatten(wanted),
          record.earlier.map((version) => flatten(version(locale)))
        );
        if (plan.kept.length > 0) report.kept += 1;
        if (plan.write.length === 0) {
          report.unchanged += 1;
          continue;
        }
        write = plan.write;
      }

      const payload: Data = {};
      for (const field of write) {
        const target = wanted.relations[field];
        payload[field] = target
          ? { connect: [{ documentId: target, locale }] }
          : wanted.fields[field];
      }
      const documentId = documentIdByKey.get(record.key);
      if (documentId) {
        await markReviewed(strapi, uid, documentId, locale);
        // Updating a document in a locale it does not have yet creates that locale version.
        await documents.update({ documentId, locale, data: payload as never, status: 'published' });
        if (current) report.updated += 1;
        else report.created += 1;
      } else {
        const created = await documents.create({
          locale,
          data: payload as never,
          status: 'published',
        });
        documentIdByKey.set(record.key, created.documentId);
        report.created += 1;
      }
    }
  }
  return documentIdByKey;
}

/**
 * The seed records of one seed file: the current record and its earlier versions, each mapped
 * to database values by `toValues`.
 */
function seedRecords<T extends object>(
  earlier: EarlierValues,
  file: keyof SeedFiles,
  records: { key: string | number | null; record: T }[],
  toValues: (record: T, locale: SeedLocale) => VersionValues
): SeedRecord[] {
  return records.map(({ key, record }) => ({
    key,
    values: (locale) => toValues(record, locale),
    earlier: earlierVersions(record, earlierOf(earlier, file, key ?? undefined)).map(
      (version) => (locale: SeedLocale) => toValues(version, locale)
    ),
  }));
}

function requireId(ids: Map<string | number | null, string>, key: string, what: string): string {
  const documentId = ids.get(key);
  if (!documentId) throw new Error(`Seed refers to unknown ${what} "${key}"`);
  return documentId;
}

/**
 * Loads the seed bundle into the database: creates what is missing, updates what the seed
 * changed since an earlier release, leaves everything else (and every editor's change) alone.
 * Runs in one transaction, so a failing record leaves the database as it was.
 */
export async function syncSeed(strapi: Core.Strapi, seed: SeedBundle): Promise<SeedReport> {
  const report: SeedReport = { created: 0, updated: 0, unchanged: 0, kept: 0 };
  const { earlier } = seed;

  await strapi.db.transaction(async () => {
    const fieldIds = await syncType(
      strapi,
      CREATIVE_FIELD,
      'key',
      seedRecords(
        earlier,
        'creativeFields',
        seed.creativeFields.map((record) => ({ key: record.key, record })),
        (field, locale) => ({
          fields: {
            key: field.key,
            name: field.name[locale],
            cityTitle: field.cityTitle[locale],
            slug: field.slug[locale],
            description: paragraphsToBlocks(field.description[locale]),
          },
          relations: {},
        })
      ),
      [],
      report
    );

    const countryIds = await syncType(
      strapi,
      COUNTRY,
      'isoCode',
      seedRecords(
        earlier,
        'countries',
        seed.countries.map((record) => ({ key: record.isoCode, record })),
        (country, locale) => ({
          fields: {
            isoCode: country.isoCode,
            name: country.name[locale],
            slug: country.slug[locale],
            alternativeNames: joinAlternativeNames(country.alternativeNames),
          },
          relations: {},
        })
      ),
      [],
      report
    );

    await syncType(
      strapi,
      CITY,
      'key',
      seedRecords(
        earlier,
        'cities',
        seed.cities.map((record) => ({ key: record.key, record })),
        (city, locale) => ({
          fields: {
            key: city.key,
            name: city.name[locale],
            slug: city.slug[locale],
            alternativeNames: joinAlternativeNames(city.alternativeNames),
            memberSince: city.memberSince,
            website: city.website,
            unescoUrl: city.unescoUrl,
            latitude: city.latitude,
            longitude: city.longitude,
            description: city.description ? paragraphsToBlocks(city.description[locale]) : null,
          },
          relations: {
            creativeField: requireId(fieldIds, city.field, 'creative field'),
            country: requireId(countryIds, city.country, 'country'),
          },
        })
      ),
      ['creativeField', 'country'],
      report
    );

    await syncType(
      strapi,
      NETWORK_GOAL,
      'position',
      seedRecords(
        earlier,
        'networkGoals',
        seed.networkGoals.map((record) => ({ key: record.position, record })),
        (goal, locale) => ({
          fields: {
            position: goal.position,
            title: goal.title[locale],
            description: goal.description[locale],
          },
          relations: {},
        })
      ),
      [],
      report
    );

    await syncType(
      strapi,
      NETWORK,
      null,
      seedRecords(earlier, 'network', [{ key: null, record: seed.network }], (network, locale) => ({
        fields: {
          title: network.title[locale],
          intro: paragraphsToBlocks(network.intro[locale]),
          fundingNote: network.fundingNote[locale],
          links: network.links.map((link) => ({ label: link.label[locale], url: link.url })),
        },
        relations: {},
      })),
      ['links'],
      report
    );

    // Hand-written, so it has no earlier values: a changed record replaces only what still
    // holds the seed's current value (see planUpdate), never an editor's change.
    await syncType(
      strapi,
      GLOSSARY_TERM,
      'key',
      seed.glossaryTerms.map((entry) => ({
        key: entry.key,
        values: (locale: SeedLocale) => ({
          fields: {
            key: entry.key,
            term: entry.term[locale],
            definition: entry.definition?.[locale] ?? null,
            partOfSpeech: entry.partOfSpeech,
            doNotTranslate: entry.doNotTranslate,
            termStatus: entry.status,
          },
          relations: {},
        }),
        earlier: [],
      })),
      [],
      report
    );
  });

  return report;
}
