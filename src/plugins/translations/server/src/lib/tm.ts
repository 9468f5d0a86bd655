/**
 * Translation memory logic without Strapi: the key of a source segment, fuzzy similarity, and
 * TMX 1.4b writing and reading.
 */
import { createHash } from 'node:crypto';
import sax from 'sax';
import { xml2js, type Element } from 'xml-js';
import { escapeXml } from './xliff';

/** Key of a source segment for exact matches: whitespace-normalised plain text. */
export function segmentKey(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/**
 * Similarity of two texts in percent (0–100): 1 − Levenshtein distance / longer length, on
 * whitespace-normalised text. Texts whose lengths alone rule out `floor` give 0 without the
 * quadratic comparison.
 */
export function similarity(a: string, b: string, floor = 0): number {
  const x = a.replace(/\s+/g, ' ').trim();
  const y = b.replace(/\s+/g, ' ').trim();
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 100;
  if ((Math.min(x.length, y.length) / longer) * 100 < floor) return 0;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return Math.round((1 - previous[y.length] / longer) * 100);
}

export interface TmEntry {
  sourceLocale: string;
  targetLocale: string;
  sourceText: string;
  targetText: string;
  /** Where the pair comes from (a content type uid, or `tmx:<file>`), written as a TMX prop. */
  origin?: string;
  changedAt?: string;
}

/** TMX dates: YYYYMMDDThhmmssZ. */
function tmxDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? undefined
    : date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}

/** A TMX 1.4b document with one translation unit per entry. */
export function buildTmx(
  entries: readonly TmEntry[],
  sourceLanguage: string,
  tool: string
): string {
  const units = entries
    .map((entry) => {
      const changed = tmxDate(entry.changedAt);
      const prop = entry.origin ? `<prop type="x-origin">${escapeXml(entry.origin)}</prop>` : '';
      return (
        `<tu${changed ? ` changedate="${changed}"` : ''}>${prop}` +
        `<tuv xml:lang="${escapeXml(entry.sourceLocale, true)}"><seg>${escapeXml(entry.sourceText)}</seg></tuv>` +
        `<tuv xml:lang="${escapeXml(entry.targetLocale, true)}"><seg>${escapeXml(entry.targetText)}</seg></tuv></tu>`
      );
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n` +
    `<header creationtool="${escapeXml(tool, true)}" creationtoolversion="1" segtype="paragraph" o-tmf="strapi" adminlang="en" srclang="${escapeXml(sourceLanguage, true)}" datatype="plaintext"/>\n` +
    `<body>\n${units}\n</body>\n</tmx>\n`
  );
}

const local = (name: string | undefined): string => (name ?? '').replace(/^.*:/, '');
const kids = (element: Element, name: string): Element[] =>
  (element.elements ?? []).filter((e) => e.type === 'element' && local(e.name) === name);

function text(element: Element): string {
  return (element.elements ?? [])
    .map((node) => {
      if (node.type === 'text') return String(node.text);
      if (node.type === 'cdata') return String(node.cdata);
      // Inline markup (bpt, ept, ph, it, hi, ut): keep the text of `hi`, drop native codes.
      if (node.type === 'element' && local(node.name) === 'hi') return text(node);
      return '';
    })
    .join('');
}

/**
 * The pairs of a TMX file (1.4, any header) between `sourceLocale` and `targetLocale`: language
 * codes compare case-insensitively and by primary subtag (`de-DE` matches `de`).
 */
export function parseTmx(xml: string, sourceLocale: string, targetLocale: string): TmEntry[] {
  const parser = sax.parser(true, {});
  parser.onerror = (error: Error): void => {
    throw new Error(`not well-formed XML: ${error.message.split('\n')[0]}`);
  };
  parser.write(xml).close();
  const document = xml2js(xml, { compact: false, captureSpacesBetweenElements: true }) as Element;
  const root = (document.elements ?? []).find((node) => node.type === 'element');
  if (!root || local(root.name) !== 'tmx') throw new Error('the root element is not <tmx>');
  const matches = (lang: string, code: string): boolean =>
    lang.toLowerCase() === code.toLowerCase() ||
    lang.toLowerCase().split('-')[0] === code.toLowerCase().split('-')[0];
  const entries: TmEntry[] = [];
  for (const body of kids(root, 'body'))
    for (const tu of kids(body, 'tu')) {
      const variants = kids(tu, 'tuv').map((tuv) => ({
        lang: String(tuv.attributes?.['xml:lang'] ?? tuv.attributes?.lang ?? ''),
        seg: kids(tuv, 'seg')[0],
      }));
      const source = variants.find((v) => matches(v.lang, sourceLocale));
      const target = variants.find((v) => matches(v.lang, targetLocale));
      if (!source?.seg || !target?.seg) continue;
      const sourceText = text(source.seg);
      const targetText = text(target.seg);
      if (sourceText.trim() === '' || targetText.trim() === '') continue;
      entries.push({ sourceLocale, targetLocale, sourceText, targetText });
    }
  return entries;
}
