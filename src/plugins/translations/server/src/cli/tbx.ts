/** `npm run i18n:tbx -- --out terms.tbx [--format csv]` exports the term base (TBX-Basic or CSV). */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GLOSSARY_FORMATS, type GlossaryFormat, type GlossaryService } from '../services/glossary';
import { withStrapi } from './boot';

export default async function tbxCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, format: { type: 'string', default: 'tbx' } },
  });
  if (!values.out) throw new Error('usage: npm run i18n:tbx -- --out terms.tbx [--format csv]');
  const format = values.format as GlossaryFormat;
  if (!GLOSSARY_FORMATS.includes(format))
    throw new Error(`unknown format "${values.format}" (use ${GLOSSARY_FORMATS.join(' or ')})`);
  await withStrapi(async (strapi) => {
    const glossary = strapi.plugin('translations').service('glossary') as GlossaryService;
    const { body, concepts } = await glossary.export(format);
    writeFileSync(values.out as string, body);
    console.log(`Wrote ${concepts} term entries to ${values.out}`);
  });
}
