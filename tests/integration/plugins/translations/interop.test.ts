/**
 * The XLIFF files against the OASIS schemas (xmllint, Debian libxml2-utils) and through
 * Translate Toolkit (Debian translate-toolkit): ids survive, an edited file parses back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inlineToContent } from '../../../../src/plugins/translations/server/src/lib/inline';
import { spawnSync } from 'node:child_process';
import type { Concept } from '../../../../src/plugins/translations/server/src/lib/glossary';
import {
  glossaryNotes12,
  glossaryXml20,
} from '../../../../src/plugins/translations/server/src/lib/glossary-xliff';
import { buildTbx } from '../../../../src/plugins/translations/server/src/lib/tbx';
import { buildTmx } from '../../../../src/plugins/translations/server/src/lib/tm';
import {
  altTransXml12,
  buildXliff,
  changeTrackXml20,
  previousVersionXml12,
  matchesXml20,
  parseXliff,
  type XliffVersion,
} from '../../../../src/plugins/translations/server/src/lib/xliff';
import { translateToolkitEdit, validateXliff as validate } from './tools';

const dir = mkdtempSync(path.join(tmpdir(), 'xliff-'));

const rich = inlineToContent([
  { type: 'text', text: 'Städte „<&>“ 🎉 siehe https://www.unesco.org/de, ' },
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

const concepts: Concept[] = [
  {
    id: 'music',
    status: 'approved',
    doNotTranslate: false,
    partOfSpeech: 'noun',
    terms: {
      de: { term: 'Stadt der Musik', definition: 'Titel „Musik“ & mehr' },
      en: { term: 'City of Music', definition: null },
    },
  },
  {
    id: 'unesco',
    status: 'approved',
    doNotTranslate: true,
    partOfSpeech: 'properNoun',
    terms: { de: { term: 'UNESCO', definition: null }, en: { term: 'UNESCO', definition: null } },
  },
  {
    id: '2forbidden',
    status: 'forbidden',
    doNotTranslate: false,
    partOfSpeech: 'properNoun',
    terms: {
      de: { term: 'Kreativstädte-Netzwerk', definition: null },
      en: { term: 'Creative City Network', definition: 'Use "UNESCO Creative Cities Network"' },
    },
  },
];

const candidates = [
  { quality: 87, source: 'Städte & Orte', target: 'Cities & places', origin: 'api::x.x' },
];

function sample(version: XliffVersion): string {
  return buildXliff({
    version,
    sourceLanguage: 'de',
    targetLanguage: 'en',
    files: [
      {
        id: 'api::article.article',
        items: [
          {
            id: 'api::article.article:abc123:name',
            name: 'api::article.article:abc123:name',
            source: ['Krakau'],
            target: ['Kraków'],
            notes: ['Content type: Article', 'Field: Name (name)'],
            maxLength: 120,
            state: 'reviewed',
            extra20: glossaryXml20(concepts, 'de', 'en'),
            extra12: glossaryNotes12(concepts, 'de', 'en'),
          },
          {
            id: 'api::article.article:abc123:description',
            name: 'api::article.article:abc123:description',
            units: [
              {
                id: 'api::article.article:abc123:description.0',
                source: rich,
                notes: ['block 0'],
                segmentId: 's1',
                extra20: changeTrackXml20('Städte vorher') + matchesXml20(candidates, 's1'),
                extra12: previousVersionXml12(['Städte vorher'], rich) + altTransXml12(candidates),
              },
            ],
          },
        ],
      },
    ],
  });
}

describe.each(['2.0', '1.2'] as const)('XLIFF %s', (version) => {
  it('is valid against the OASIS schema, with names, limits, states, protected parts and terms', () => {
    const file = path.join(dir, `sample-${version}.xlf`);
    const xml = sample(version);
    expect(xml).toContain(
      version === '2.0'
        ? '<gls:term source="term base">Stadt der Musik</gls:term>'
        : '<note from="glossary">Stadt der Musik → City of Music'
    );
    expect(xml).toContain(version === '2.0' ? 'slr:sizeRestriction="120"' : 'maxwidth="120"');
    expect(xml).toContain(version === '2.0' ? 'translate="no"' : 'mtype="protected"');
    writeFileSync(file, xml);
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
    const ids = translateToolkitEdit(input, output);
    expect(ids).toEqual([
      'api::article.article:abc123:name',
      'api::article.article:abc123:description.0',
    ]);
    const edited = parseXliff(readFileSync(output, 'utf8'));
    expect(edited.units.map((u) => u.id)).toEqual(ids);
    expect(edited.units[0].target).toEqual(['[en] Kraków']);
    // The rich unit keeps every inline code of its source in the translated target.
    const codes = (c: unknown): string[] => JSON.stringify(c).match(/"id":"\d+"/g) ?? [];
    expect(codes(edited.units[1].target)).toEqual(codes(edited.units[1].source));
    expect(validate(output, '1.2').status).toBe(0);
  });
});

/** Runs Python with Translate Toolkit; fails with what to install when it is missing. */
function python(code: string, file: string): string {
  const result = spawnSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `Translate Toolkit failed (apt-get install translate-toolkit): ${result.stderr}`
    );
  return result.stdout.trim();
}

describe('Translate Toolkit reads the memory and the matches', () => {
  it('reads the TMX export (translate.storage.tmx) and xmllint finds it well-formed', () => {
    const file = path.join(dir, 'memory.tmx');
    writeFileSync(
      file,
      buildTmx(
        [
          {
            sourceLocale: 'de',
            targetLocale: 'en',
            sourceText: 'Stadt & Land',
            targetText: 'Town & country',
            origin: 'api::x.x',
          },
          {
            sourceLocale: 'de',
            targetLocale: 'en',
            sourceText: 'Literatur',
            targetText: 'Literature',
          },
        ],
        'de',
        'test'
      )
    );
    const out = python(
      'import sys\nfrom translate.storage import tmx\ns = tmx.tmxfile.parsefile(sys.argv[1])\nprint("|".join(u.source + "=" + u.target for u in s.units))',
      file
    );
    expect(out).toBe('Stadt & Land=Town & country|Literatur=Literature');
    const lint = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
    expect(lint.status).toBe(0);
  });

  it('reads the alt-trans matches of XLIFF 1.2 with their quality', () => {
    const file = path.join(dir, 'matches.xlf');
    writeFileSync(file, sample('1.2'));
    const out = python(
      'import sys\nfrom translate.storage import xliff\ns = xliff.xlifffile.parsefile(sys.argv[1])\nfor u in s.units:\n  for a in u.getalttrans():\n    print(u.xmlelement.get("id"), a.xmlelement.get("match-quality"), a.source if a.xmlelement.get("alttranstype") == "previous-version" else a.target)',
      file
    );
    expect(out).toBe(
      'api::article.article:abc123:description.0 None Städte vorher\n' +
        'api::article.article:abc123:description.0 87 Cities & places'
    );
  });
});

describe('Translate Toolkit reads the term base', () => {
  const file = path.join(dir, 'terms.tbx');
  writeFileSync(file, buildTbx(concepts, ['de', 'en'], 'Term base'));

  it('reads the TBX export (translate.storage.tbx): terms, definitions, part of speech, notes', () => {
    const out = python(
      'import sys\nfrom translate.storage import tbx\ns = tbx.tbxfile.parsefile(sys.argv[1])\nfor u in s.units:\n  print("|".join([u.getid(), u.source, u.target, u.getnotes("definition").replace("\\n", "/"), u.getnotes("pos").replace("\\n", "/"), u.getnotes()]))',
      file
    );
    expect(out.split('\n')).toEqual([
      'c-music|Stadt der Musik|City of Music|Titel „Musik“ & mehr|noun/preferredTerm-admn-sts|',
      'c-unesco|UNESCO|UNESCO||properNoun/preferredTerm-admn-sts|Do not translate: keep the term as written in every language',
      'c-2forbidden|Kreativstädte-Netzwerk|Creative City Network|Use "UNESCO Creative Cities Network"|properNoun/deprecatedTerm-admn-sts|',
    ]);
  });

  it('converts it with tbx2po, and xmllint finds it well-formed', () => {
    const po = path.join(dir, 'terms.po');
    const converted = spawnSync('tbx2po', ['-i', file, '-o', po], { encoding: 'utf8' });
    if (converted.error || converted.status !== 0)
      throw new Error(`tbx2po failed (apt-get install translate-toolkit): ${converted.stderr}`);
    const text = readFileSync(po, 'utf8');
    expect(text).toContain('msgid "Stadt der Musik"\nmsgstr "City of Music"');
    expect(text).toContain('msgid "UNESCO"\nmsgstr "UNESCO"');
    const lint = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});
