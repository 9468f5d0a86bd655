import { foldToAscii, slugify, stripDiacritics } from '../../src/lib/seed/slugify';

describe('slugify', () => {
  it.each([
    ['Höhr-Grenzhausen', 'hoehr-grenzhausen'],
    ['Göteborg', 'goeteborg'],
    ['Düsseldorf', 'duesseldorf'],
    ['Männedorf', 'maennedorf'],
    ['Gießen', 'giessen'],
    ['Östersund', 'oestersund'],
    ['Vereinigtes Königreich', 'vereinigtes-koenigreich'],
    ['Südkorea', 'suedkorea'],
    ['Türkei', 'tuerkei'],
  ])('transliterates German letters: %s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it.each([
    ['Kraków', 'krakow'],
    ['Łódź', 'lodz'],
    ['Wrocław', 'wroclaw'],
    ['Kırşehir', 'kirsehir'],
    ['Iași', 'iasi'],
    ['Bogotá', 'bogota'],
    ['São Paulo', 'sao-paulo'],
    ['Reykjavík', 'reykjavik'],
    ['Ðà Lạt', 'da-lat'],
    ['Elfenbeinküste', 'elfenbeinkueste'],
  ])('strips other diacritics: %s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('lowercases, drops apostrophes and collapses punctuation into single hyphens', () => {
    expect(slugify("Huai'an")).toBe('huaian');
    expect(slugify('Tel Aviv-Yafo')).toBe('tel-aviv-yafo');
    expect(slugify('  Port of Spain  ')).toBe('port-of-spain');
    expect(slugify('ZKM | Zentrum für Kunst und Medien')).toBe('zkm-zentrum-fuer-kunst-und-medien');
    expect(slugify('Al-Madinah Al-Munawwarah')).toBe('al-madinah-al-munawwarah');
  });

  it('treats a decomposed umlaut like a composed one', () => {
    expect(slugify('Ko\u0308ln')).toBe('koeln');
  });

  it('throws when nothing sluggable is left', () => {
    expect(() => slugify('')).toThrow('Cannot slugify ""');
    expect(() => slugify('北京')).toThrow(/no Latin letters/);
  });
});

describe('foldToAscii / stripDiacritics', () => {
  it('keeps case and punctuation', () => {
    expect(foldToAscii('Höhr-Grenzhausen')).toBe('Hoehr-Grenzhausen');
    expect(stripDiacritics('Höhr-Grenzhausen')).toBe('Hohr-Grenzhausen');
    expect(stripDiacritics('Évian-les-Bains')).toBe('Evian-les-Bains');
  });
});
