import type { Core, Modules, UID } from '@strapi/strapi';
import { paragraphsToBlocks } from '../lib/seed/blocks';
import type { SeedBundle } from '../lib/seed/read-seed';
import { hasSameContent } from '../lib/seed/same-content';
import { SEED_LOCALES, type SeedLocale } from '../lib/seed/types';

const CREATIVE_FIELD = 'api::creative-field.creative-field';
const COUNTRY = 'api::country.country';
const CITY = 'api::city.city';
const NETWORK_GOAL = 'api::network-goal.network-goal';
const NETWORK = 'api::network.network';

/** What a seed run did, counted per locale version. */
export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
}

type Data = Record<string, unknown>;

/** A relation the seed wants: the target document, connected in the same locale. */
interface RelationWanted {
  field: string;
  documentId: string;
}

interface StoredVersion extends Data {
  documentId: string;
}

interface SeedRecord {
  /** Value of the record's stable key (the `keyField` attribute). */
  key: string | number | null;
  /** Localized and shared values for one locale. */
  data: (locale: SeedLocale) => Data;
  relations?: (locale: SeedLocale) => RelationWanted[];
}

/**
 * Writes one content type's records, upserting by a non-localized key, in every seed locale.
 * A locale version is only written when it differs from what is published, so a second run
 * writes nothing and keeps `updatedAt` as it was.
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
      const data = record.data(locale);
      const relations = record.relations?.(locale) ?? [];
      const current = storedByKey.get(record.key);
      const sameRelations = relations.every(
        (relation) =>
          (current?.[relation.field] as { documentId?: string } | null)?.documentId ===
          relation.documentId
      );
      if (current && sameRelations && hasSameContent(current, data)) {
        report.unchanged += 1;
        continue;
      }

      const payload: Data = { ...data };
      for (const relation of relations) {
        payload[relation.field] = { connect: [{ documentId: relation.documentId, locale }] };
      }
      const documentId = documentIdByKey.get(record.key);
      if (documentId) {
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

function requireId(ids: Map<string | number | null, string>, key: string, what: string): string {
  const documentId = ids.get(key);
  if (!documentId) throw new Error(`Seed refers to unknown ${what} "${key}"`);
  return documentId;
}

/**
 * Loads the seed bundle into the database: creates what is missing, updates what differs,
 * leaves everything else alone. Runs in one transaction, so a failing record leaves the
 * database as it was.
 */
export async function syncSeed(strapi: Core.Strapi, seed: SeedBundle): Promise<SeedReport> {
  const report: SeedReport = { created: 0, updated: 0, unchanged: 0 };

  await strapi.db.transaction(async () => {
    const fieldIds = await syncType(
      strapi,
      CREATIVE_FIELD,
      'key',
      seed.creativeFields.map((field) => ({
        key: field.key,
        data: (locale) => ({
          key: field.key,
          name: field.name[locale],
          cityTitle: field.cityTitle[locale],
          slug: field.slug[locale],
          description: paragraphsToBlocks(field.description[locale]),
        }),
      })),
      [],
      report
    );

    const countryIds = await syncType(
      strapi,
      COUNTRY,
      'isoCode',
      seed.countries.map((country) => ({
        key: country.isoCode,
        data: (locale) => ({
          isoCode: country.isoCode,
          name: country.name[locale],
          slug: country.slug[locale],
        }),
      })),
      [],
      report
    );

    await syncType(
      strapi,
      CITY,
      'key',
      seed.cities.map((city) => ({
        key: city.key,
        data: (locale) => ({
          key: city.key,
          name: city.name[locale],
          slug: city.slug[locale],
          memberSince: city.memberSince,
          website: city.website,
          unescoUrl: city.unescoUrl,
          latitude: city.latitude,
          longitude: city.longitude,
          description: city.description ? paragraphsToBlocks(city.description[locale]) : null,
        }),
        relations: () => [
          { field: 'creativeField', documentId: requireId(fieldIds, city.field, 'creative field') },
          { field: 'country', documentId: requireId(countryIds, city.country, 'country') },
        ],
      })),
      ['creativeField', 'country'],
      report
    );

    await syncType(
      strapi,
      NETWORK_GOAL,
      'position',
      seed.networkGoals.map((goal) => ({
        key: goal.position,
        data: (locale) => ({
          position: goal.position,
          title: goal.title[locale],
          description: goal.description[locale],
        }),
      })),
      [],
      report
    );

    await syncType(
      strapi,
      NETWORK,
      null,
      [
        {
          key: null,
          data: (locale) => ({
            title: seed.network.title[locale],
            intro: paragraphsToBlocks(seed.network.intro[locale]),
            fundingNote: seed.network.fundingNote[locale],
            links: seed.network.links.map((link) => ({ label: link.label[locale], url: link.url })),
          }),
        },
      ],
      ['links'],
      report
    );
  });

  return report;
}
