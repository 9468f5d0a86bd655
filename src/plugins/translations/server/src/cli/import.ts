/** `npm run i18n:import -- file.xlf [--publish] [--dry-run] [--accept-stale] [--states reviewed,final]` */
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseXliffStates, type XliffImportService } from '../services/xliff-import';
import { progress, withStrapi } from './boot';

export default async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      publish: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'accept-stale': { type: 'boolean', default: false },
      states: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file)
    throw new Error(
      'usage: npm run i18n:import -- file.xlf [--publish] [--dry-run] [--accept-stale] [--states reviewed,final]'
    );
  const states = values.states === undefined ? undefined : parseXliffStates(values.states);
  const bar = await progress('Import');
  const report = await withStrapi((strapi) => {
    // The limit is the plugin's (TRANSLATION_IMPORT_MAX_BYTES): checked before reading the file.
    const maxBytes = strapi.plugin('translations').config('importMaxBytes') as number;
    const size = statSync(file).size;
    if (size > maxBytes)
      throw new Error(
        `Import rejected, nothing was written: ${file} is ${size} bytes, larger than the limit of ${maxBytes} bytes`
      );
    // Parsed as it is read: the file's text is never held whole.
    return (strapi.plugin('translations').service('xliff-import') as XliffImportService).import(
      createReadStream(file),
      {
        publish: values.publish,
        dryRun: values['dry-run'],
        acceptStale: values['accept-stale'],
        states,
        onProgress: bar.update,
      }
    );
  });
  bar.stop();
  for (const item of report.stale)
    console.log(
      `stale${values['accept-stale'] ? ' (imported)' : ' (skipped, use --accept-stale)'}: ${item.unit}`
    );
  for (const item of report.leftOut) console.log(`left out: ${item.unit}: ${item.message}`);
  for (const item of report.warnings) console.log(`warning: ${item.unit}: ${item.message}`);
  for (const item of report.skipped)
    console.log(`skipped: ${item.unit ? `${item.unit}: ` : ''}${item.message}`);
  console.log(
    `${report.dryRun ? 'Dry run, nothing written: would import' : 'Imported'} ${report.units} units into ${report.documents} ${report.targetLocale} documents: ` +
      `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${values.publish ? `, ${report.published} published` : ' (drafts)'}`
  );
}
