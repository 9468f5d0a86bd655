/**
 * The term base as TBX-Basic 2.0 in the TBX v2 core structure (ISO 30042:2008, root `<martif>`),
 * the dialect Translate Toolkit (`translate.storage.tbx`, tbx2po), OmegaT, memoQ and Trados
 * MultiTerm read; and as CSV (RFC 4180) for a spreadsheet.
 */
import type { Concept } from './glossary';
import { escapeXml } from './xliff';

/** TBX-Basic administrative status of a term by its status in the term base. */
const ADMINISTRATIVE_STATUS: Record<Concept['status'], string> = {
  approved: 'preferredTerm-admn-sts',
  forbidden: 'deprecatedTerm-admn-sts',
};

/** A note for a do-not-translate concept, the same in TBX, XLIFF and CSV readers' eyes. */
export const DO_NOT_TRANSLATE_NOTE = 'Do not translate: keep the term as written in every language';

/** An XML id for a concept (ids must not start with a digit). */
export const conceptXmlId = (concept: Concept): string => `c-${concept.id}`;

/**
 * TBX-Basic: one `<termEntry>` per concept, one `<langSet>` per locale that has the term, the
 * locales in the order given (the source locale first: readers such as Translate Toolkit take the
 * first language as the source). Definitions are per language (`descrip type="definition"`).
 */
export function buildTbx(
  concepts: readonly Concept[],
  locales: readonly string[],
  title: string
): string {
  const entries = concepts.map((concept) => {
    const langSets = locales
      .filter((locale) => concept.terms[locale])
      .map((locale) => {
        const { term, definition } = concept.terms[locale];
        const termNotes = [
          ...(concept.partOfSpeech
            ? [`<termNote type="partOfSpeech">${escapeXml(concept.partOfSpeech)}</termNote>`]
            : []),
          `<termNote type="administrativeStatus">${ADMINISTRATIVE_STATUS[concept.status]}</termNote>`,
        ];
        return (
          `<langSet xml:lang="${escapeXml(locale, true)}">` +
          (definition ? `<descrip type="definition">${escapeXml(definition)}</descrip>` : '') +
          `<tig><term>${escapeXml(term)}</term>${termNotes.join('')}</tig></langSet>`
        );
      });
    const note = concept.doNotTranslate ? `<note>${DO_NOT_TRANSLATE_NOTE}</note>` : '';
    return `<termEntry id="${escapeXml(conceptXmlId(concept), true)}">${note}${langSets.join('')}</termEntry>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<martif type="TBX-Basic" xml:lang="${escapeXml(locales[0] ?? 'en', true)}">\n` +
    `<martifHeader><fileDesc><titleStmt><title>${escapeXml(title)}</title></titleStmt>` +
    `<sourceDesc><p>strapi-plugin-translations</p></sourceDesc></fileDesc>` +
    `<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>\n` +
    `<text><body>\n${entries.join('\n')}\n</body></text>\n</martif>\n`
  );
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV (RFC 4180, CRLF line ends, a header row): one row per concept, the term in each locale
 * (columns named by locale code), the definitions (`definition_<locale>`), part of speech,
 * status and the do-not-translate flag (`yes`/`no`).
 */
export function buildTermCsv(concepts: readonly Concept[], locales: readonly string[]): string {
  const header = [
    'id',
    ...locales,
    ...locales.map((locale) => `definition_${locale}`),
    'partOfSpeech',
    'status',
    'doNotTranslate',
  ];
  const rows = concepts.map((concept) => [
    concept.id,
    ...locales.map((locale) => concept.terms[locale]?.term ?? ''),
    ...locales.map((locale) => concept.terms[locale]?.definition ?? ''),
    concept.partOfSpeech ?? '',
    concept.status,
    concept.doNotTranslate ? 'yes' : 'no',
  ]);
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
