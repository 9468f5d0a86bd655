/**
 * Parts of a text a translator must not change: web addresses and e-mail addresses. They are
 * marked protected in the XLIFF (1.2 `<mrk mtype="protected">`, 2.0 `<mrk translate="no">`) so
 * that a CAT tool locks them.
 */
export interface TextPart {
  text: string;
  protect: boolean;
}

// A URL with scheme or starting "www.", or an e-mail address; trailing punctuation is text.
const PROTECTED = /(?:https?:\/\/|www\.)[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const TRAILING = /[.,;:!?)\]]+$/;

/** Splits a text into protected and translatable parts, in order; never empty parts. */
export function protectedParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    const value = match[0].replace(TRAILING, '');
    const start = match.index ?? 0;
    if (value === '') continue;
    if (start > last) parts.push({ text: text.slice(last, start), protect: false });
    parts.push({ text: value, protect: true });
    last = start + value.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), protect: false });
  return parts;
}

/** The protected parts of a text (to check that a translation kept them). */
export function protectedValues(text: string): string[] {
  return protectedParts(text)
    .filter((part) => part.protect)
    .map((part) => part.text);
}
