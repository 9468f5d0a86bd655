/**
 * The XLIFF files against the OASIS schemas (xmllint, Debian libxml2-utils) and through
 * Translate Toolkit (Debian translate-toolkit): ids survive, an edited file parses back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inlineToContent } from '../../server/src/lib/inline';
import { buildXliff, parseXliff, type XliffVersion } from '../../server/src/lib/xliff';

const SCHEMAS = path.resolve(__dirname, '..', '..', 'schemas', 'xliff');
const SCHEMA: Record<XliffVersion, string> = {
  '2.0': 'xliff_core_2.0.xsd',
  '1.2': 'xliff-core-1.2-strict.xsd',
};
const dir = mkdtempSync(path.join(tmpdir(), 'xliff-'));

const rich = inlineToContent([
  { type: 'text', text: 'Städte „<&>“ 🎉 ' },
  { type: 'text', text: 'fett', bold: true, italic: true },
  { type: 'text', text: ' und ' },
  {
    type: 'link',
    url: 'https://en.unesco.org/creative-cities',
    children: [{ type: 'text', text: 'Link', underline: true }],
  },
  { type: 'text', text: ' ', strikethrough: true },
  { type: 'text', text: 'code()', code: true },
]);

function sample(version: XliffVersion): string {
  return buildXliff({
    version,
    sourceLanguage: 'de',
    targetLanguage: 'en',
    files: [
      {
        id: 'api::city.city',
        items: [
          {
            id: 'api::city.city:abc123:name',
            source: ['Krakau'],
            target: ['Kraków'],
            notes: ['type: City', 'field: name'],
          },
          {
            id: 'api::city.city:abc123:description',
            units: [
              { id: 'api::city.city:abc123:description.0', source: rich, notes: ['block 0'] },
            ],
          },
        ],
      },
    ],
  });
}

function validate(file: string, version: XliffVersion): { status: number | null; output: string } {
  const result = spawnSync(
    'xmllint',
    ['--nonet', '--noout', '--schema', path.join(SCHEMAS, SCHEMA[version]), file],
    {
      env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
      encoding: 'utf8',
    }
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.each(['2.0', '1.2'] as const)('XLIFF %s', (version) => {
  it('is valid against the OASIS schema', () => {
    const file = path.join(dir, `sample-${version}.xlf`);
    writeFileSync(file, sample(version));
    const result = validate(file, version);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('the schema check does catch an invalid file', () => {
    const file = path.join(dir, `broken-${version}.xlf`);
    writeFileSync(file, sample(version).replace(/<source>/, '<source><bogus/>'));
    expect(validate(file, version).status).not.toBe(0);
  });
});

describe('Translate Toolkit (XLIFF 1.2)', () => {
  it('reads the units with their ids and writes an edited file that parses back', () => {
    const input = path.join(dir, 'tt-in.xlf');
    const output = path.join(dir, 'tt-out.xlf');
    writeFileSync(input, sample('1.2'));
    const script = path.resolve(__dirname, '..', 'tools', 'translate-toolkit-edit.py');
    const ids = execFileSync('/usr/bin/python3', [script, input, output], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(ids).toEqual(['api::city.city:abc123:name', 'api::city.city:abc123:description.0']);
    const edited = parseXliff(readFileSync(output, 'utf8'));
    expect(edited.units.map((u) => u.id)).toEqual(ids);
    expect(edited.units[0].target).toEqual(['[en] Kraków']);
    // The rich unit keeps every inline code of its source in the translated target.
    const codes = (c: unknown): string[] => JSON.stringify(c).match(/"id":"\d+"/g) ?? [];
    expect(codes(edited.units[1].target)).toEqual(codes(edited.units[1].source));
    expect(validate(output, '1.2').status).toBe(0);
  });
});
