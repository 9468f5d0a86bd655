/** `npm run i18n:tmx -- --out memory.tmx` exports the translation memory; `--import file.tmx` adds to it. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MemoryService } from '../services/memory';
import { withStrapi } from './boot';

export default async function tmxCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, import: { type: 'string' } },
  });
  if (!values.out && !values.import)
    throw new Error('usage: npm run i18n:tmx -- --out memory.tmx | --import file.tmx');
  await withStrapi(async (strapi) => {
    const memory = strapi.plugin('translations').service('memory') as MemoryService;
    if (values.import) {
      const xml = readFileSync(values.import, 'utf8');
      const { added, skipped } = await memory.importTmx(xml, path.basename(values.import));
      console.log(`Added ${added} pairs from ${values.import} (${skipped} already in the memory)`);
    }
    if (values.out) {
      const { xml, units } = await memory.exportTmx();
      writeFileSync(values.out, xml);
      console.log(`Wrote ${units} translation units to ${values.out}`);
    }
  });
}
