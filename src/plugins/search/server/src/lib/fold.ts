/**
 * Text folding shared by indexing and querying: both sides go through the same function, so
 * what the database compares is always folded alike, whatever its own tokenizer does with
 * letters that Unicode does not decompose (ł, ı, ø, ß).
 */

/** Latin letters without a canonical decomposition, mapped as a reader would type them. */
const LETTERS: Record<string, string> = {
  ł: 'l',
  ı: 'i',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/**
 * Lower case, without diacritics, words separated by single spaces: `Höhr-Grenzhausen` →
 * `hohr grenzhausen`, `Łódź` → `lodz`, `Iași` → `iasi`. Letters of any script and digits are
 * kept; everything else separates words.
 */
export function fold(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(SPECIAL, (letter) => LETTERS[letter])
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      // Recompose what is left (Hangul syllables decompose into letters, not marks).
      .normalize('NFC')
  );
}

/** German umlauts as typed without the keys: `ä` → `ae`, as on a keyboard without umlauts. */
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/**
 * {@link fold} after German transliteration: `Göteborg` → `goeteborg`, `Lüttich` → `luettich`.
 * Indexed beside the plain fold, and asked beside it, so `goeteborg` finds Göteborg and
 * `düsseldorf` finds a name spelt Duesseldorf (`ß` → `ss` is part of fold itself).
 */
export function foldGerman(text: string): string {
  return fold(
    text
      .toLowerCase()
      .normalize('NFC')
      .replace(/[äöü]/g, (letter) => UMLAUTS[letter])
  );
}

/** The folded forms of a text, plain first: one, or two when it has an umlaut. */
export function foldForms(text: string): string[] {
  const plain = fold(text);
  const german = foldGerman(text);
  return german === plain ? [plain] : [plain, german];
}

/** The words of a folded text. */
export function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}

/**
 * The names of a document in every locale as one string, `|krakau|krakow|` (each in every
 * form of {@link foldForms}; empty without a name): a name matches
 * exactly when `|<query>|` occurs in it and by prefix when `|<query>` does, which any SQL
 * dialect can test with a plain substring search.
 */
export function joinNames(names: readonly string[]): string {
  const folded = [...new Set(names.flatMap(foldForms).filter((name) => name !== ''))].sort();
  if (folded.length === 0) return '';
  return `|${folded.join('|')}|`;
}
