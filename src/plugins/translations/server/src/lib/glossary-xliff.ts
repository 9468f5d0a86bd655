/**
 * The terms of the term base that occur in a unit's source, written into the XLIFF unit: the 2.0
 * Glossary module (`<gls:glossary>`, prefix declared on the root by lib/xliff.ts) and, in 1.2, one `<note from="glossary">` per term.
 */
import type { Concept } from './glossary';
import { DO_NOT_TRANSLATE_NOTE } from './tbx';
import { escapeXml } from './xliff';

/** Where a glossary entry comes from (2.0 `source` attributes, 1.2 note text). */
const ORIGIN = 'term base';

function usage(concept: Concept): string | null {
  if (concept.status === 'forbidden') return 'Forbidden term: do not use it';
  if (concept.doNotTranslate) return DO_NOT_TRANSLATE_NOTE;
  return null;
}

/** The text of a concept for a translator: usage and definition, joined. */
function explanation(concept: Concept, sourceLocale: string): string | null {
  const parts = [usage(concept), concept.terms[sourceLocale]?.definition].filter(
    (part): part is string => Boolean(part)
  );
  return parts.length > 0 ? parts.join('. ') : null;
}

/**
 * `<gls:glossary>` with a `<gls:glossEntry>` per concept: the source term, the translation in the
 * target locale (the term itself for do-not-translate, none for a forbidden term) and a
 * definition. An entry needs a translation or a definition; one with neither is left out.
 */
export function glossaryXml20(
  concepts: readonly Concept[],
  sourceLocale: string,
  targetLocale: string
): string {
  const entries = concepts.flatMap((concept) => {
    const term = concept.terms[sourceLocale]?.term;
    if (!term) return [];
    const translation =
      concept.status === 'forbidden'
        ? undefined
        : concept.doNotTranslate
          ? term
          : concept.terms[targetLocale]?.term;
    const definition = explanation(concept, sourceLocale);
    if (!translation && !definition) return [];
    return [
      `<gls:glossEntry><gls:term source="${ORIGIN}">${escapeXml(term)}</gls:term>` +
        (translation
          ? `<gls:translation source="${ORIGIN}">${escapeXml(translation)}</gls:translation>`
          : '') +
        (definition
          ? `<gls:definition source="${ORIGIN}">${escapeXml(definition)}</gls:definition>`
          : '') +
        '</gls:glossEntry>',
    ];
  });
  return entries.length > 0 ? `<gls:glossary>${entries.join('')}</gls:glossary>` : '';
}

/** XLIFF 1.2: `<note from="glossary">Stadt der Musik → City of Music (definition)</note>` per term. */
export function glossaryNotes12(
  concepts: readonly Concept[],
  sourceLocale: string,
  targetLocale: string
): string {
  return concepts
    .flatMap((concept) => {
      const term = concept.terms[sourceLocale]?.term;
      if (!term) return [];
      const translation =
        concept.status === 'forbidden'
          ? null
          : concept.doNotTranslate
            ? term
            : (concept.terms[targetLocale]?.term ?? null);
      const definition = explanation(concept, sourceLocale);
      const text = `${term}${translation ? ` → ${translation}` : ''}${definition ? ` (${definition})` : ''}`;
      return [`<note from="glossary">${escapeXml(text)}</note>`];
    })
    .join('');
}
