/** The term base without Strapi: matching terms, checking translations, TBX, CSV and XLIFF. */
import type { Concept } from '../../server/src/lib/glossary';
import { checkTranslation, containsTerm, termsIn } from '../../server/src/lib/glossary-match';
import { glossaryNotes12, glossaryXml20 } from '../../server/src/lib/glossary-xliff';
import { buildTbx, buildTermCsv } from '../../server/src/lib/tbx';

const concept = (
  id: string,
  de: string,
  en: string,
  more: Partial<Omit<Concept, 'terms'>> & { definition?: string } = {}
): Concept => ({
  id,
  status: more.status ?? 'approved',
  doNotTranslate: more.doNotTranslate ?? false,
  partOfSpeech: more.partOfSpeech ?? 'noun',
  terms: {
    de: { term: de, definition: more.definition ?? null },
    en: { term: en, definition: null },
  },
});

const music = concept('m1', 'Stadt der Musik', 'City of Music', { definition: 'Ein Titel' });
const unesco = concept('u1', 'UNESCO', 'UNESCO', {
  doNotTranslate: true,
  partOfSpeech: 'properNoun',
});
const forbidden = concept('f1', 'Kreativstädte-Netzwerk', 'Creative City Network', {
  status: 'forbidden',
});
const urban = concept('s1', 'Stadtentwicklung', 'urban development');
const base = [music, unesco, forbidden, urban];

describe('term matching', () => {
  it('finds a term case-insensitively, across any whitespace, on word boundaries only', () => {
    expect(containsTerm('Eine STADT DER MUSIK seit 2004', 'Stadt der Musik')).toBe(true);
    expect(containsTerm('Stadt  der\nMusik', 'Stadt der Musik')).toBe(true);
    expect(containsTerm('Die UNESCO-Kreativstadt', 'UNESCO')).toBe(true);
    expect(containsTerm('(Stadtentwicklung)', 'Stadtentwicklung')).toBe(true);
    // Part of a longer word: not the term.
    expect(containsTerm('Stadtentwicklungsplan', 'Stadtentwicklung')).toBe(false);
    expect(containsTerm('NachUNESCO', 'UNESCO')).toBe(false);
    expect(containsTerm('Musik', '')).toBe(false);
  });

  it('counts diacritics as written, also when the text is decomposed (NFD)', () => {
    expect(containsTerm('Kreativstadte-Netzwerk', 'Kreativstädte-Netzwerk')).toBe(false);
    expect(
      containsTerm('Das Kreativstädte-Netzwerk'.normalize('NFD'), 'Kreativstädte-Netzwerk')
    ).toBe(true);
  });

  it('does not find terms inside web or e-mail addresses', () => {
    expect(containsTerm('Mehr bei https://www.unesco.org/de.', 'UNESCO')).toBe(false);
    expect(containsTerm('Schreiben Sie an info@unesco.org', 'UNESCO')).toBe(false);
    expect(containsTerm('Die UNESCO, https://www.unesco.org', 'UNESCO')).toBe(true);
  });

  it('lists the concepts whose source term occurs in a text, in the term base order', () => {
    expect(
      termsIn('UNESCO: Stadtentwicklung in der Stadt der Musik', base, 'de').map((c) => c.id)
    ).toEqual(['m1', 'u1', 's1']);
    expect(termsIn('Nichts davon', base, 'de')).toEqual([]);
  });
});

describe('checking a translation against the term base', () => {
  const check = (source: string, target: string) =>
    checkTranslation(source, target, base, 'de', 'en').map(({ term, problem }) => ({
      term,
      problem,
    }));

  it('accepts a translation that uses the approved terms and keeps do-not-translate terms', () => {
    expect(
      check('Die UNESCO ernennt eine Stadt der Musik', 'UNESCO names a city of music')
    ).toEqual([]);
  });

  it('names an approved term whose translation is missing', () => {
    const [issue] = checkTranslation('Stadt der Musik', 'Music city', base, 'de', 'en');
    expect(issue).toEqual({
      term: 'Stadt der Musik',
      problem: 'missing-translation',
      message: 'approved term "Stadt der Musik": the translation does not use "City of Music"',
    });
  });

  it('names a do-not-translate term that is not in the target exactly as written', () => {
    expect(check('Die UNESCO', 'Unesco')).toEqual([
      { term: 'UNESCO', problem: 'translated-do-not-translate' },
    ]);
  });

  it('wants a do-not-translate term as the source writes it, outside addresses', () => {
    expect(check('Die Unesco', 'Unesco')).toEqual([]);
    expect(check('Siehe https://www.unesco.org', 'See https://www.unesco.org')).toEqual([]);
    expect(check('Die UNESCO', 'See https://www.UNESCO.org')).toEqual([
      { term: 'UNESCO', problem: 'translated-do-not-translate' },
    ]);
  });

  it('names a forbidden term in the target, whatever the source says', () => {
    expect(check('Das Netzwerk', 'The Creative City Network')).toEqual([
      { term: 'Creative City Network', problem: 'forbidden' },
    ]);
  });

  it('does not ask for the translation of a forbidden term found in the source', () => {
    expect(check('Das Kreativstädte-Netzwerk', 'The network')).toEqual([]);
  });
});

describe('TBX-Basic', () => {
  const tbx = buildTbx(base, ['de', 'en'], 'Terms & more');

  it('writes one termEntry per concept with a langSet per locale, source locale first', () => {
    expect(tbx).toContain('<martif type="TBX-Basic" xml:lang="de">');
    expect(tbx).toContain('<title>Terms &amp; more</title>');
    expect(tbx.match(/<termEntry /g)).toHaveLength(base.length);
    expect(tbx).toContain(
      '<termEntry id="c-m1"><langSet xml:lang="de"><descrip type="definition">Ein Titel</descrip>' +
        '<tig><term>Stadt der Musik</term><termNote type="partOfSpeech">noun</termNote>' +
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>' +
        '<langSet xml:lang="en"><tig><term>City of Music</term>'
    );
  });

  it('marks forbidden terms deprecated and do-not-translate concepts with a note', () => {
    expect(tbx).toMatch(
      /<termEntry id="c-f1">.*Kreativstädte-Netzwerk<\/term>.*deprecatedTerm-admn-sts/
    );
    expect(tbx).toMatch(/<termEntry id="c-u1"><note>Do not translate[^<]*<\/note><langSet/);
  });
});

describe('CSV', () => {
  it('has a header row and one CRLF-terminated row per concept, quoted per RFC 4180', () => {
    const tricky = concept('q1', 'Güter, Dienste', 'goods "and" services', {
      definition: 'two\nlines',
    });
    const csv = buildTermCsv([music, tricky, unesco], ['de', 'en']);
    expect(csv.split('\r\n')).toEqual([
      'id,de,en,definition_de,definition_en,partOfSpeech,status,doNotTranslate',
      'm1,Stadt der Musik,City of Music,Ein Titel,,noun,approved,no',
      'q1,"Güter, Dienste","goods ""and"" services","two\nlines",,noun,approved,no',
      'u1,UNESCO,UNESCO,,,properNoun,approved,yes',
      '',
    ]);
  });

  it('leaves the cells of a locale without a version empty', () => {
    const germanOnly: Concept = { ...music, terms: { de: music.terms.de } };
    expect(buildTermCsv([germanOnly], ['de', 'en']).split('\r\n')[1]).toBe(
      'm1,Stadt der Musik,,Ein Titel,,noun,approved,no'
    );
  });
});

describe('terms in XLIFF units', () => {
  it('2.0: a glossEntry per concept with term, translation and definition', () => {
    expect(glossaryXml20([music, unesco, forbidden], 'de', 'en')).toBe(
      '<gls:glossary>' +
        '<gls:glossEntry><gls:term source="term base">Stadt der Musik</gls:term>' +
        '<gls:translation source="term base">City of Music</gls:translation>' +
        '<gls:definition source="term base">Ein Titel</gls:definition></gls:glossEntry>' +
        '<gls:glossEntry><gls:term source="term base">UNESCO</gls:term>' +
        '<gls:translation source="term base">UNESCO</gls:translation>' +
        '<gls:definition source="term base">Do not translate: keep the term as written in every language</gls:definition></gls:glossEntry>' +
        '<gls:glossEntry><gls:term source="term base">Kreativstädte-Netzwerk</gls:term>' +
        '<gls:definition source="term base">Forbidden term: do not use it</gls:definition></gls:glossEntry>' +
        '</gls:glossary>'
    );
    expect(glossaryXml20([], 'de', 'en')).toBe('');
  });

  it('1.2: a note from="glossary" per concept', () => {
    expect(glossaryNotes12([music, urban], 'de', 'en')).toBe(
      '<note from="glossary">Stadt der Musik → City of Music (Ein Titel)</note>' +
        '<note from="glossary">Stadtentwicklung → urban development</note>'
    );
  });
});
