/**
 * `npm run i18n:export -- --source de --target en [--only missing,outdated] [--type api::city.city]
 * [--format xliff2|xliff12] --out file.xlf`
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { parseStates } from '../lib/status';
import type { XliffExportService } from '../services/xliff-export';
import { progress, withStrapi } from './boot';

export default async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      source: { type: 'string' },
      target: { type: 'string' },
      only: { type: 'string' },
      type: { type: 'string', multiple: true },
      format: { type: 'string', default: 'xliff2' },
      out: { type: 'string' },
    },
  });
  if (!values.target) throw new Error('--target <locale> is required');
  if (!values.out) throw new Error('--out <file.xlf> is required');
  if (values.format !== 'xliff2' && values.format !== 'xliff12')
    throw new Error(`unknown --format "${values.format}" (xliff2 or xliff12)`);
  const only = values.only ? parseStates(values.only) : undefined;
  const bar = await progress('Export');
  const out = values.out;
  // Written as the export reads documents in batches: the file is never held in memory. Opened
  // with the first piece, so an export without units leaves no file.
  let file: WriteStream | undefined;
  const write = async (chunk: string): Promise<void> => {
    file ??= createWriteStream(out);
    if (!file.write(chunk)) await once(file, 'drain');
  };
  const result = await withStrapi((strapi) =>
    (strapi.plugin('translations').service('xliff-export') as XliffExportService).stream(
      {
        sourceLocale: values.source,
        targetLocale: values.target as string,
        only,
        types: values.type?.flatMap((t) => t.split(',')),
        format: values.format === 'xliff12' ? '1.2' : '2.0',
        onProgress: bar.update,
      },
      write
    )
  );
  bar.stop();
  if (file) {
    const closing = file;
    await new Promise<void>((resolve, reject) => {
      closing.once('error', reject);
      closing.end(resolve);
    });
  }
  if (result.units === 0) {
    // XLIFF requires at least one unit: an empty file would not be valid.
    console.log('Nothing to export: no document matches; no file written');
    return;
  }
  console.log(`Exported ${result.units} units of ${result.documents} documents to ${out}`);
}
