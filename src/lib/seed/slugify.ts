/** German transliteration, applied before any other folding so that ä becomes ae, not a. */
const GERMAN_LETTERS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
};

/** Letters that Unicode decomposition (NFD) does not reduce to an ASCII base letter. */
const OTHER_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Apostrophes are dropped rather than turned into a hyphen (Huai'an → huaian, Xi'an → xian). */
const APOSTROPHES = /['’ʼʻ`´]/g;

function replaceLetters(input: string, table: Record<string, string>): string {
  return input.replace(
    new RegExp(`[${Object.keys(table).join('')}]`, 'g'),
    (letter) => table[letter] ?? letter
  );
}

/**
 * Strips diacritics the international way (é → e, ü → u, ł → l, ı → i, ß → ss).
 * Case, spaces and punctuation are kept.
 */
export function stripDiacritics(input: string): string {
  return replaceLetters(input.normalize('NFC'), OTHER_LETTERS)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}

/**
 * Folds a string to ASCII the German way: umlauts are transliterated (ä → ae, ß → ss),
 * all other diacritics are stripped (see {@link stripDiacritics}).
 */
export function foldToAscii(input: string): string {
  // NFC first, so that a decomposed "a" + U+0308 is also seen as "ä" and becomes "ae".
  return stripDiacritics(replaceLetters(input.normalize('NFC'), GERMAN_LETTERS));
}

/**
 * Turns a name into a URL slug: German-aware ASCII folding (see {@link foldToAscii}), lowercase,
 * apostrophes dropped, every other run of characters outside `a-z0-9` collapsed into one hyphen,
 * no leading or trailing hyphen.
 *
 * @throws Error when nothing sluggable is left (e.g. an empty or purely non-Latin string),
 *   because an empty slug is never a valid seed value.
 */
export function slugify(input: string): string {
  const slug = foldToAscii(input)
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') {
    throw new Error(`Cannot slugify ${JSON.stringify(input)}: no Latin letters or digits`);
  }
  return slug;
}
