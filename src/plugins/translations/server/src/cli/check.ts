/**
 * `npm run i18n:check [-- --json] [--type api::city.city] [--fix --from de]`: documents whose
 * shared relations (`pluginOptions.translations.shared`) link other documents in one locale than
 * in another, e.g. a city whose German version names France and whose English version Germany.
 * Exit code 1 when any differ (after `--fix`: when any could not be aligned).
 */
import { parseArgs } from 'node:util';
import {
  documentStorageFromSchemas,
  relationStorageFromSchemas,
  storedDefaultLocale,
} from '../internals';
import { labelField, translatableFields } from '../lib/fields';
import { sharedRelations, type SharedRelation } from '../lib/shared-relations';
import type { SharedRelationsService } from '../services/shared-relations';
import { differingFacts, type FactsSource, type SharedFactDifference } from '../shared-facts';
import { appFiles, withAppDatabase } from './app-database';
import { withStrapi } from './boot';

/**
 * The differences read without booting Strapi: the schema files and the database, with the
 * statements the shared-relations service runs (`shared-facts.ts`), so the same answer in well
 * under a second instead of a boot's 10-15 s.
 */
async function differencesWithoutBoot(
  uids: readonly string[] | undefined
): Promise<{ differing: SharedFactDifference[]; ms: number }> {
  const appDir = process.cwd();
  const { contentTypes, components } = appFiles(appDir);
  const relations = sharedRelations([...contentTypes.values()]);
  return withAppDatabase(appDir, async (knex) => {
    const started = performance.now();
    // Read before the transaction: SQLite's pool holds one connection, which the transaction takes.
    const defaultLocale = (await storedDefaultLocale(knex)) ?? 'en';
    const source: FactsSource = {
      relations,
      storageOf: (relation: SharedRelation) =>
        relationStorageFromSchemas(contentTypes, relation.uid, relation.attribute, relation.target),
      labelStorageOf(uid) {
        const schema = contentTypes.get(uid);
        // As the content service's typeInfo: only localized types with translatable fields.
        if (!schema || translatableFields(schema, (name) => components.get(name)).length === 0)
          return undefined;
        const field = labelField(schema);
        return field ? documentStorageFromSchemas(contentTypes, uid, field) : undefined;
      },
      defaultLocale: async () => defaultLocale,
    };
    const differing = await knex.transaction((trx) => differingFacts(trx, source, { uids }));
    return { differing, ms: Math.round(performance.now() - started) };
  });
}

const describe = (
  links: { draft?: string[]; published?: string[] },
  names: Record<string, string>
): string => {
  const list = (ids: string[] | undefined) =>
    ids && ids.length > 0 ? ids.map((id) => names[id] ?? id).join(', ') : 'none';
  const published =
    links.published && links.published.join(',') !== (links.draft ?? []).join(',')
      ? ` (published: ${list(links.published)})`
      : '';
  return `${list(links.draft)}${published}`;
};

export default async function checkCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      from: { type: 'string' },
      type: { type: 'string', multiple: true },
    },
  });
  if (values.fix && !values.from)
    throw new Error('--fix needs --from <locale>: the locale whose links the others take');
  const uids = values.type?.flatMap((t) => t.split(','));
  // Fixing writes through the booted app (its Document Service lifecycles: caches, search);
  // checking only reads.
  const result = values.fix
    ? await withStrapi(async (strapi) => {
        const service = strapi
          .plugin('translations')
          .service('shared-relations') as SharedRelationsService;
        const started = performance.now();
        const differing = await service.differences({ uids });
        const report = await service.alignAll(values.from as string, { uids });
        return { differing, report, ms: Math.round(performance.now() - started) };
      })
    : { ...(await differencesWithoutBoot(uids)), report: undefined };
  const { differing, report } = result;

  if (values.json) {
    console.log(
      JSON.stringify(
        {
          differing,
          ...(report ? { fixed: report.fixed.length, failed: report.failed } : {}),
          ms: result.ms,
        },
        null,
        2
      )
    );
  } else {
    for (const difference of differing)
      console.log(
        `${difference.uid} "${difference.label}" (${difference.documentId}) ${difference.attribute}: ${Object.entries(
          difference.locales
        )
          .map(([locale, links]) => `${locale} → ${describe(links, difference.targets)}`)
          .join('; ')}`
      );
    if (report) {
      console.log(`aligned with "${values.from}": ${report.fixed.length}`);
      for (const failure of report.failed)
        console.log(
          `not aligned: ${failure.uid} "${failure.label}" (${failure.documentId}): ${failure.message}`
        );
    } else
      console.log(
        differing.length === 0
          ? 'shared relations agree in every locale'
          : `${differing.length} shared relation(s) differ between locales: npm run i18n:check -- --fix --from <locale>`
      );
  }
  const remaining = report ? report.failed.length : differing.length;
  if (remaining > 0) process.exitCode = 1;
}
