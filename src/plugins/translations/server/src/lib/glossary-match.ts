/**
 * Finding terms of the term base in the text of a translation unit, and checking a translation
 * against them. Matching is case-insensitive on word boundaries (a letter or digit must not touch
 * the term on either side; any run of whitespace matches a space), diacritics count as written
 * ("Stadt" does not match "Städte"). There is no stemming: an inflected form ("nachhaltigen
 * Stadtentwicklung") is not the term ("nachhaltige Stadtentwicklung"). Web and e-mail addresses
 * are not running text: "unesco" in "https://www.unesco.org" is not the term "UNESCO".
 */
import type { Concept } from './glossary';
import { protectedParts } from './protect';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text without its protected parts (addresses), NFC-normalised. */
function runningText(text: string): string {
  return protectedParts(text.normalize('NFC'))
    .map((part) => (part.protect ? ' ' : part.text))
    .join('');
}

/** A pattern finding `term` as a whole word (or words) in a text; null for an empty term. */
export function termPattern(term: string): RegExp | null {
  const words = term.normalize('NFC').trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Whether `text` contains `term` by the rule above. */
export function containsTerm(text: string, term: string): boolean {
  return termPattern(term)?.test(runningText(text)) ?? false;
}

/** The concepts whose term in `locale` occurs in `text`, in the order of the term base. */
export function termsIn(text: string, concepts: readonly Concept[], locale: string): Concept[] {
  const running = runningText(text);
  return concepts.filter((concept) => {
    const term = concept.terms[locale]?.term;
    return term !== undefined && (termPattern(term)?.test(running) ?? false);
  });
}

export interface TermIssue {
  /** The concept's term in the source locale (or the target locale for a forbidden term). */
  term: string;
  problem: 'missing-translation' | 'translated-do-not-translate' | 'forbidden';
  message: string;
}

/**
 * What a translation does against the term base: an approved term of the source whose
 * translation (in the target locale) is not in the target, a do-not-translate term of the source
 * that is not in the target exactly as written, a forbidden term in the target.
 */
export function checkTranslation(
  source: string,
  target: string,
  concepts: readonly Concept[],
  sourceLocale: string,
  targetLocale: string
): TermIssue[] {
  const issues: TermIssue[] = [];
  const original = runningText(source);
  const translation = runningText(target);
  for (const concept of termsIn(source, concepts, sourceLocale)) {
    if (concept.status !== 'approved') continue;
    const term = concept.terms[sourceLocale].term;
    if (concept.doNotTranslate) {
      // As the source writes it ("UNESCO", or "Unesco" where the source has that).
      const written = termPattern(term)?.exec(original)?.[0] ?? term;
      if (!translation.includes(written))
        issues.push({
          term,
          problem: 'translated-do-not-translate',
          message: `term "${term}" is marked do-not-translate but is not in the translation as written`,
        });
      continue;
    }
    const wanted = concept.terms[targetLocale]?.term;
    if (wanted && !containsTerm(translation, wanted))
      issues.push({
        term,
        problem: 'missing-translation',
        message: `approved term "${term}": the translation does not use "${wanted}"`,
      });
  }
  for (const concept of concepts) {
    const term = concept.terms[targetLocale]?.term;
    if (concept.status === 'forbidden' && term && containsTerm(translation, term))
      issues.push({
        term,
        problem: 'forbidden',
        message: `the translation uses the forbidden term "${term}"${
          concept.terms[targetLocale].definition
            ? ` (${concept.terms[targetLocale].definition})`
            : ''
        }`,
      });
  }
  return issues;
}
