/**
 * `npm run i18n:status [-- --json] [--source de] [--target en] [--type api::city.city] [--documents]`:
 * translation status per localized type and target locale.
 */
import { parseArgs } from 'node:util';
import type { StatusService } from '../services/status';
import { withStrapi } from './boot';

export default async function statusCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      documents: { type: 'boolean', default: false },
      source: { type: 'string' },
      target: { type: 'string', multiple: true },
      type: { type: 'string', multiple: true },
    },
  });
  const status = await withStrapi((strapi) =>
    (strapi.plugin('translations').service('status') as StatusService).status({
      sourceLocale: values.source,
      targetLocales: values.target?.flatMap((t) => t.split(',')),
      types: values.type?.flatMap((t) => t.split(',')),
      documents: values.json || values.documents,
    })
  );
  if (values.json) {
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  const rows = status.types.flatMap((type) =>
    type.locales.map((c) => [
      type.displayName,
      `${status.sourceLocale}→${c.locale}`,
      c.total,
      c.translated,
      c.outdated,
      c.unknown,
      c.missing,
      `${c.percent.toFixed(1)} %`,
      c.review['in-translation'],
      c.review.translated,
      c.review.reviewed,
      c.review.published,
      c.factsDiffer,
    ])
  );
  const header = [
    'Type',
    'Locales',
    'Total',
    'Translated',
    'Outdated',
    'Unknown',
    'Missing',
    'Done',
    'In transl.',
    'Transl. (review)',
    'Reviewed',
    'Published',
    'Facts differ',
  ];
  const table = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(line(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));
  if (values.documents) {
    for (const type of status.types) {
      for (const doc of type.documents ?? []) {
        const open = Object.entries(doc.states).filter(
          ([locale, state]) => state !== 'translated' || doc.review[locale] !== 'published'
        );
        if (open.length > 0)
          console.log(
            `${type.displayName} "${doc.label}" (${doc.documentId}): ${open.map(([l, s]) => `${l} ${s}, ${doc.review[l]}`).join('; ')}`
          );
        for (const [locale, fields] of Object.entries(doc.factsDiffer ?? {}))
          console.log(
            `${type.displayName} "${doc.label}" (${doc.documentId}): ${locale} facts differ (${fields.join(', ')})`
          );
      }
    }
  }
}
