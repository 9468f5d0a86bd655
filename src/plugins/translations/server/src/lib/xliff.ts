/**
 * XLIFF 2.0 / 1.2 documents for translation units. Written with the `xliff` package; read with
 * xml-js directly because `xliff`'s reader drops whitespace-only text between inline codes
 * ("<pc>a</pc> <pc>b</pc>" would lose its space). xml-js swallows sax errors, so a strict sax pass
 * checks well-formedness first.
 */
import sax from 'sax';
import { xml2js, type Element } from 'xml-js';
import js2xliff from 'xliff/js2xliff';
import jsToXliff12 from 'xliff/jsToXliff12';
import type { XliffGenericSpan, XliffGroupJs, XliffJs, XliffUnitJs, XliffValue } from 'xliff-js';
import type { CodeKind, Content, InlineCode } from './inline';

export type XliffVersion = '2.0' | '1.2';

export interface UnitInput {
  id: string;
  source: Content;
  target?: Content;
  notes: string[];
}

export interface GroupInput {
  id: string;
  units: UnitInput[];
}

export interface FileInput {
  id: string;
  items: Array<UnitInput | GroupInput>;
}

export interface XliffInput {
  version: XliffVersion;
  sourceLanguage: string;
  targetLanguage: string;
  files: FileInput[];
}

export interface ParsedUnit {
  id: string;
  source: Content;
  /** null when the unit has no (or an empty) target. */
  target: Content | null;
}

export interface ParsedXliff {
  version: XliffVersion;
  sourceLanguage: string;
  targetLanguage: string;
  units: ParsedUnit[];
}

/** Thrown for a document that is not usable XLIFF; `unit` names the unit when there is one. */
export class XliffError extends Error {
  constructor(
    message: string,
    readonly unit?: string
  ) {
    super(unit ? `unit ${unit}: ${message}` : message);
  }
}

/** XLIFF 2.0 `type`/`subType` and XLIFF 1.2 `ctype` of each code kind. */
const CODE_ATTRIBUTES: Record<CodeKind, { v2: Record<string, string>; v12: string }> = {
  bold: { v2: { type: 'fmt', subType: 'xlf:b' }, v12: 'bold' },
  italic: { v2: { type: 'fmt', subType: 'xlf:i' }, v12: 'italic' },
  underline: { v2: { type: 'fmt', subType: 'xlf:u' }, v12: 'underlined' },
  strikethrough: { v2: { type: 'fmt', subType: 'ccn:strikethrough' }, v12: 'x-strikethrough' },
  code: { v2: { type: 'fmt', subType: 'ccn:code' }, v12: 'x-code' },
  link: { v2: { type: 'link' }, v12: 'link' },
};

function toValue(content: Content, version: XliffVersion): XliffValue {
  if (content.length === 1 && typeof content[0] === 'string') return content[0];
  if (content.length === 0) return '';
  return content.map((part): string | XliffGenericSpan => {
    if (typeof part === 'string') return part;
    const attributes = part.kind ? CODE_ATTRIBUTES[part.kind] : undefined;
    const extra =
      version === '2.0' ? (attributes?.v2 ?? {}) : attributes ? { ctype: attributes.v12 } : {};
    return { GenericSpan: { id: part.id, ...extra, contents: toValue(part.contents, version) } };
  });
}

function toUnit(unit: UnitInput, version: XliffVersion): XliffUnitJs {
  const js: XliffUnitJs = {
    source: toValue(unit.source, version),
    note: unit.notes,
    additionalAttributes: { 'xml:space': 'preserve' },
  };
  if (unit.target) js.target = toValue(unit.target, version);
  return js;
}

/** Serialises units to an XLIFF document of the requested version. */
export function buildXliff(input: XliffInput): string {
  const resources: XliffJs['resources'] = {};
  for (const file of input.files) {
    const items: Record<string, XliffUnitJs | XliffGroupJs> = {};
    for (const item of file.items) {
      if ('units' in item) {
        const groupUnits: Record<string, XliffUnitJs> = {};
        for (const unit of item.units) groupUnits[unit.id] = toUnit(unit, input.version);
        items[item.id] = { groupUnits };
      } else {
        items[item.id] = toUnit(item, input.version);
      }
    }
    resources[file.id] = items;
  }
  const js: XliffJs = {
    sourceLanguage: input.sourceLanguage,
    targetLanguage: input.targetLanguage,
    resources,
  };
  // No indentation: pretty-printing would put line breaks into mixed content.
  const options = { indent: '' };
  let xml = '';
  const done = (error: Error | null, result: string): void => {
    if (error) throw error;
    xml = result;
  };
  if (input.version === '2.0') js2xliff.js2xliffClb(js, options, done);
  else jsToXliff12.jsToXliff12Clb(js, options, done);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
}

const localName = (name: string | undefined): string => (name ?? '').replace(/^.*:/, '');

function children(element: Element, name: string): Element[] {
  return (element.elements ?? []).filter(
    (child) => child.type === 'element' && localName(child.name) === name
  );
}

/** Reads inline content; only paired codes (`pc`, `g`) are accepted, annotations are unwrapped. */
function readContent(element: Element, unitId: string): Content {
  const content: Content = [];
  const push = (text: string): void => {
    const last = content[content.length - 1];
    if (typeof last === 'string') content[content.length - 1] = last + text;
    else if (text !== '') content.push(text);
  };
  for (const node of element.elements ?? []) {
    if (node.type === 'text' || node.type === 'cdata') {
      push(String(node.type === 'text' ? node.text : node.cdata));
      continue;
    }
    if (node.type !== 'element') continue;
    const name = localName(node.name);
    if (name === 'pc' || name === 'g') {
      const id = node.attributes?.id;
      if (id === undefined) throw new XliffError(`<${name}> without id`, unitId);
      const code: InlineCode = { id: String(id), contents: readContent(node, unitId) };
      content.push(code);
    } else if (name === 'mrk') {
      for (const part of readContent(node, unitId)) {
        if (typeof part === 'string') push(part);
        else content.push(part);
      }
    } else if (name === 'cp') {
      push(String.fromCodePoint(parseInt(String(node.attributes?.hex ?? '0'), 16)));
    } else {
      throw new XliffError(
        `unsupported inline element <${name}> (only paired codes <pc>/<g> are used)`,
        unitId
      );
    }
  }
  return content;
}

function isEmpty(content: Content): boolean {
  return content.length === 0;
}

function walkUnits(parent: Element, visit: (unit: Element) => void): void {
  for (const child of parent.elements ?? []) {
    if (child.type !== 'element') continue;
    const name = localName(child.name);
    if (name === 'unit' || name === 'trans-unit') visit(child);
    else if (name === 'group' || name === 'body' || name === 'file') walkUnits(child, visit);
  }
}

/** Throws XliffError with line and column at the first well-formedness error. */
function checkWellFormed(xml: string): void {
  const parser = sax.parser(true, {});
  parser.onerror = (error: Error): void => {
    const reason = error.message.split('\n')[0];
    throw new XliffError(
      `not well-formed XML: ${reason} at line ${parser.line + 1}, column ${parser.column + 1}`
    );
  };
  parser.write(xml).close();
}

/** Parses an XLIFF 2.x or 1.2 document; throws XliffError for malformed or unsupported input. */
export function parseXliff(xml: string): ParsedXliff {
  checkWellFormed(xml);
  const document = xml2js(xml, { compact: false, captureSpacesBetweenElements: true }) as Element;
  const root = (document.elements ?? []).find((node) => node.type === 'element');
  if (!root || localName(root.name) !== 'xliff')
    throw new XliffError('the root element is not <xliff>');
  const rawVersion = String(root.attributes?.version ?? '');
  let version: XliffVersion;
  if (rawVersion === '1.2') version = '1.2';
  else if (rawVersion === '2.0' || rawVersion === '2.1') version = '2.0';
  else
    throw new XliffError(
      `unsupported XLIFF version "${rawVersion}" (1.2, 2.0 and 2.1 are supported)`
    );

  let sourceLanguage = '';
  let targetLanguage = '';
  if (version === '2.0') {
    sourceLanguage = String(root.attributes?.srcLang ?? '');
    targetLanguage = String(root.attributes?.trgLang ?? '');
  } else {
    const file = children(root, 'file')[0];
    sourceLanguage = String(file?.attributes?.['source-language'] ?? '');
    targetLanguage = String(file?.attributes?.['target-language'] ?? '');
  }
  if (!targetLanguage) throw new XliffError('the document names no target language');

  const units: ParsedUnit[] = [];
  const ids = new Set<string>();
  walkUnits(root, (unit) => {
    const id = String(unit.attributes?.id ?? '');
    if (!id) throw new XliffError('a unit has no id');
    if (ids.has(id)) throw new XliffError('the unit id appears more than once', id);
    ids.add(id);
    let source: Content = [];
    let target: Content | null = null;
    const append = (into: Content, more: Content): Content => {
      const merged = [...into];
      for (const part of more) {
        const last = merged[merged.length - 1];
        if (typeof part === 'string' && typeof last === 'string')
          merged[merged.length - 1] = last + part;
        else merged.push(part);
      }
      return merged;
    };
    if (version === '2.0') {
      // A CAT tool may split a unit into several segments: join them back in order.
      for (const part of (unit.elements ?? []).filter((e) =>
        ['segment', 'ignorable'].includes(localName(e.name))
      )) {
        const src = children(part, 'source')[0];
        const tgt = children(part, 'target')[0];
        if (src) source = append(source, readContent(src, id));
        if (tgt) target = append(target ?? [], readContent(tgt, id));
        else if (src && target !== null) target = append(target, readContent(src, id));
      }
    } else {
      const src = children(unit, 'source')[0];
      const tgt = children(unit, 'target')[0];
      if (src) source = readContent(src, id);
      if (tgt) target = readContent(tgt, id);
    }
    units.push({ id, source, target: target && !isEmpty(target) ? target : null });
  });
  return { version, sourceLanguage, targetLanguage, units };
}
