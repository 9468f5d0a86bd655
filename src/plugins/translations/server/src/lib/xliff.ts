/**
 * XLIFF 2.0 / 1.2 documents for translation units, with what a CAT tool needs besides the text:
 * context notes, a stable resource name, length limits, protected parts (URLs, e-mail addresses)
 * and a state per unit. Written by hand (the `xliff` package has no place for these); read by one
 * strict sax pass as a stream (`XliffReader`), each unit built as its own tree in xml-js's shape,
 * whitespace-only text between inline codes kept. Unknown attributes, elements outside the
 * segments and foreign namespaces that a tool adds are ignored on reading.
 */
import sax from 'sax';
import type { Element } from 'xml-js';
import type { CodeKind, Content, InlineCode } from './inline';
import { protectedParts } from './protect';

export type XliffVersion = '2.0' | '1.2';

/** The XLIFF 2.0 segment states; XLIFF 1.2 states are mapped onto them. */
export const XLIFF_STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type XliffState = (typeof XLIFF_STATES)[number];

export interface UnitInput {
  id: string;
  /** Stable resource name (1.2 `resname`, 2.0 `name`). */
  name?: string;
  source: Content;
  target?: Content;
  notes: string[];
  /** Largest number of characters of the target (1.2 `maxwidth`, 2.0 size restriction). */
  maxLength?: number;
  /** State of the target; `initial` without a target. */
  state?: XliffState;
  /** 1.2 only: the finer state written instead of the mapped one (`needs-review-translation`). */
  state12?: string;
  /** 1.2 `state-qualifier` of the target (`exact-match` for a memory pre-fill). */
  stateQualifier12?: string;
  /** 2.0 segment id (matches refer to it as `#<id>`). */
  segmentId?: string;
  /** 2.0 module elements (matches, glossary, change tracking), written before the notes. */
  extra20?: string;
  /** 1.2 elements after the notes (`alt-trans`). */
  extra12?: string;
}

export interface GroupInput {
  id: string;
  name?: string;
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
  /** The unit's state (the lowest of its segments in 2.0); `initial` without a target. */
  state: XliffState;
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

const NS_20 = 'urn:oasis:names:tc:xliff:document:2.0';
const NS_12 = 'urn:oasis:names:tc:xliff:document:1.2';
/** XLIFF 2.0 Change Tracking module. */
export const NS_CTR = 'urn:oasis:names:tc:xliff:changetracking:2.0';
/** XLIFF 2.0 Translation Candidates module. */
export const NS_MTC = 'urn:oasis:names:tc:xliff:matches:2.0';
/** XLIFF 2.0 Glossary module (lib/glossary-xliff.ts writes its elements). */
export const NS_GLS = 'urn:oasis:names:tc:xliff:glossary:2.0';
/** XLIFF 2.0 Size and Length Restriction module. */
export const NS_SLR = 'urn:oasis:names:tc:xliff:sizerestriction:2.0';

/** 2.0 state → 1.2 target state (1.2 adds `approved="yes"` from reviewed on). */
const STATE_12: Record<XliffState, string> = {
  initial: 'needs-translation',
  translated: 'translated',
  reviewed: 'signed-off',
  final: 'final',
};

/** 1.2 target states → 2.0 states (XLIFF 2.0 spec, appendix on migrating from 1.2). */
const FROM_12: Record<string, XliffState> = {
  new: 'initial',
  'needs-translation': 'initial',
  'needs-adaptation': 'initial',
  'needs-l10n': 'initial',
  'needs-review-translation': 'translated',
  'needs-review-adaptation': 'translated',
  'needs-review-l10n': 'translated',
  translated: 'translated',
  'signed-off': 'reviewed',
  final: 'final',
};

export function escapeXml(text: string, attribute = false): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value), true)}"`)
    .join('');
}

/** Inline content as XML: codes as `<pc>`/`<g>`, URLs and addresses as protected markers. */
export function contentXml(content: Content, version: XliffVersion): string {
  let marker = 0;
  const write = (parts: Content): string =>
    parts
      .map((part) => {
        if (typeof part === 'string') {
          return protectedParts(part)
            .map(({ text, protect }) => {
              if (!protect) return escapeXml(text);
              marker += 1;
              return version === '2.0'
                ? `<mrk id="p${marker}" translate="no">${escapeXml(text)}</mrk>`
                : `<mrk mtype="protected">${escapeXml(text)}</mrk>`;
            })
            .join('');
        }
        const kind = part.kind ? CODE_ATTRIBUTES[part.kind] : undefined;
        const inner = write(part.contents);
        return version === '2.0'
          ? `<pc${attributes({ id: part.id, ...(kind?.v2 ?? {}) })}>${inner}</pc>`
          : `<g${attributes({ id: part.id, ctype: kind?.v12 })}>${inner}</g>`;
      })
      .join('');
  return write(content);
}

function unitXml(unit: UnitInput, version: XliffVersion): string {
  const state = unit.target ? (unit.state ?? 'translated') : 'initial';
  const notes = unit.notes;
  if (version === '2.0') {
    const head = attributes({
      id: unit.id,
      name: unit.name,
      'xml:space': 'preserve',
      'slr:sizeRestriction': unit.maxLength,
    });
    const noteXml =
      notes.length > 0
        ? `<notes>${notes.map((n) => `<note category="context">${escapeXml(n)}</note>`).join('')}</notes>`
        : '';
    const target = unit.target ? `<target>${contentXml(unit.target, version)}</target>` : '';
    return (
      `<unit${head}>${unit.extra20 ?? ''}${noteXml}<segment${attributes({ id: unit.segmentId, state })}>` +
      `<source>${contentXml(unit.source, version)}</source>${target}</segment></unit>`
    );
  }
  const head = attributes({
    id: unit.id,
    resname: unit.name,
    'xml:space': 'preserve',
    maxwidth: unit.maxLength,
    'size-unit': unit.maxLength !== undefined ? 'char' : undefined,
    approved: unit.target && (state === 'reviewed' || state === 'final') ? 'yes' : undefined,
  });
  const target = unit.target
    ? `<target${attributes({ state: unit.state12 ?? STATE_12[state], 'state-qualifier': unit.stateQualifier12 })}>${contentXml(unit.target, version)}</target>`
    : '';
  return (
    `<trans-unit${head}><source>${contentXml(unit.source, version)}</source>${target}` +
    `${notes.map((n) => `<note>${escapeXml(n)}</note>`).join('')}${unit.extra12 ?? ''}</trans-unit>`
  );
}

/** The document-level part of an XLIFF input: what the head and each file element need. */
export type XliffFrame = Pick<XliffInput, 'version' | 'sourceLanguage' | 'targetLanguage'>;

/**
 * The pieces of an XLIFF document, for writing it as a stream: `head`, then per file
 * `fileStart`, its `item`s and `fileEnd`, then `tail`. Concatenated they are `buildXliff`.
 */
export const xliffPieces = {
  head(frame: XliffFrame): string {
    const root =
      frame.version === '2.0'
        ? `<xliff${attributes({ xmlns: NS_20, 'xmlns:slr': NS_SLR, 'xmlns:mtc': NS_MTC, 'xmlns:ctr': NS_CTR, 'xmlns:gls': NS_GLS, version: '2.0', srcLang: frame.sourceLanguage, trgLang: frame.targetLanguage })}>`
        : `<xliff${attributes({ xmlns: NS_12, version: '1.2' })}>`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${root}`;
  },
  fileStart(frame: XliffFrame, id: string): string {
    if (frame.version === '2.0') {
      // Lengths are counted in Unicode code points, as the import checks them.
      return `<file${attributes({ id, original: id })}><slr:profiles generalProfile="xliff:codepoints"/>`;
    }
    return `<file${attributes({ original: id, datatype: 'plaintext', 'source-language': frame.sourceLanguage, 'target-language': frame.targetLanguage })}><body>`;
  },
  item(frame: XliffFrame, item: FileInput['items'][number]): string {
    const { version } = frame;
    return 'units' in item
      ? `<group${attributes({ id: item.id, name: version === '2.0' ? item.name : undefined, resname: version === '1.2' ? item.name : undefined })}>${item.units.map((u) => unitXml(u, version)).join('')}</group>`
      : unitXml(item, version);
  },
  fileEnd(frame: XliffFrame): string {
    return frame.version === '2.0' ? '</file>' : '</body></file>';
  },
  tail(): string {
    return '</xliff>\n';
  },
};

/** Serialises units to an XLIFF document of the requested version (no indentation: mixed content). */
export function buildXliff(input: XliffInput): string {
  const fileXml = (file: FileInput): string =>
    xliffPieces.fileStart(input, file.id) +
    file.items.map((item) => xliffPieces.item(input, item)).join('') +
    xliffPieces.fileEnd(input);
  return `${xliffPieces.head(input)}${input.files.map(fileXml).join('')}${xliffPieces.tail()}`;
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

/** Reads one `<unit>` / `<trans-unit>` element (its own small tree) into a ParsedUnit. */
function readUnit(unit: Element, version: XliffVersion, ids: Set<string>): ParsedUnit {
  const id = String(unit.attributes?.id ?? '');
  if (!id) throw new XliffError('a unit has no id');
  if (ids.has(id)) throw new XliffError('the unit id appears more than once', id);
  ids.add(id);
  let source: Content = [];
  let target: Content | null = null;
  let state: XliffState | undefined;
  const lower = (next: XliffState): void => {
    if (!state || XLIFF_STATES.indexOf(next) < XLIFF_STATES.indexOf(state)) state = next;
  };
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
      if (localName(part.name) === 'segment') {
        const value = String(part.attributes?.state ?? 'initial');
        lower(XLIFF_STATES.includes(value as XliffState) ? (value as XliffState) : 'initial');
      }
      if (src) source = append(source, readContent(src, id));
      if (tgt) target = append(target ?? [], readContent(tgt, id));
      else if (src && target !== null) target = append(target, readContent(src, id));
    }
  } else {
    const src = children(unit, 'source')[0];
    const tgt = children(unit, 'target')[0];
    if (src) source = readContent(src, id);
    if (tgt) target = readContent(tgt, id);
    const mapped = FROM_12[String(tgt?.attributes?.state ?? '')];
    const approved = unit.attributes?.approved === 'yes';
    state = mapped ?? (tgt ? 'translated' : 'initial');
    if (approved && XLIFF_STATES.indexOf(state) < XLIFF_STATES.indexOf('reviewed'))
      state = 'reviewed';
  }
  const text = target && !isEmpty(target) ? target : null;
  return { id, source, target: text, state: text ? (state ?? 'initial') : 'initial' };
}

/** The document-level facts of an XLIFF file, known once it was read to the end. */
export type XliffHeader = Omit<ParsedXliff, 'units'>;

/** Elements whose children are searched for units (as they nest in XLIFF 1.2 and 2.0). */
const UNIT_CONTAINERS: ReadonlySet<string> = new Set(['group', 'body', 'file']);

/**
 * Reads an XLIFF 2.x or 1.2 document in pieces, as they arrive (`write`, then `close`), and hands
 * each unit to `onUnit` as soon as its end tag is read: only the unit being read is held as a
 * tree, never the document. One strict sax pass checks well-formedness and builds each unit's
 * tree in the shape xml-js gives (elements, text and CDATA nodes), which `readUnit` reads.
 *
 * Errors come out as `parseXliff` has always reported them: a well-formedness error (line and
 * column) is thrown by the `write` or `close` that meets it; otherwise `close` throws the first
 * problem of the document (root, version, target language), else that of the first bad unit.
 * Units after a bad one are not handed on.
 */
export class XliffReader {
  private readonly parser = sax.parser(true, {});
  private readonly ids = new Set<string>();
  /** Per open element: whether units among its children are read (root and containers). */
  private readonly searched: boolean[] = [];
  /** The tree of the unit being read, innermost open element last. */
  private readonly building: Element[] = [];
  private rootSeen = false;
  private fileSeen = false;
  private version: XliffVersion | undefined;
  private sourceLanguage = '';
  private targetLanguage = '';
  private documentError: XliffError | undefined;
  private unitError: XliffError | undefined;

  constructor(private readonly onUnit: (unit: ParsedUnit) => void) {
    const { parser } = this;
    parser.onerror = (error: Error): void => {
      const reason = error.message.split('\n')[0];
      throw new XliffError(
        `not well-formed XML: ${reason} at line ${parser.line + 1}, column ${parser.column + 1}`
      );
    };
    parser.onopentag = (tag) => this.open(tag.name, tag.attributes as Record<string, string>);
    parser.onclosetag = () => this.close_();
    parser.ontext = (text) => this.node({ type: 'text', text });
    parser.oncdata = (cdata) => this.node({ type: 'cdata', cdata });
  }

  /** Reads the next piece of the document (a string: decode bytes with a streaming decoder). */
  write(piece: string): void {
    this.parser.write(piece);
  }

  /** Ends the document: its header, or the first error. */
  close(): XliffHeader {
    this.parser.close();
    if (!this.rootSeen) throw new XliffError('the root element is not <xliff>');
    if (!this.documentError && this.version === '1.2' && !this.fileSeen)
      this.documentError = new XliffError('the document names no target language');
    if (this.documentError) throw this.documentError;
    if (this.unitError) throw this.unitError;
    return {
      version: this.version as XliffVersion,
      sourceLanguage: this.sourceLanguage,
      targetLanguage: this.targetLanguage,
    };
  }

  private node(node: Element): void {
    const parent = this.building[this.building.length - 1];
    if (parent) (parent.elements ??= []).push(node);
  }

  private open(name: string, attributes: Record<string, string>): void {
    if (this.building.length > 0) {
      const element: Element = { type: 'element', name, attributes, elements: [] };
      this.node(element);
      this.building.push(element);
      this.searched.push(false);
      return;
    }
    if (!this.rootSeen) {
      this.rootSeen = true;
      this.searched.push(this.readRoot(name, attributes));
      return;
    }
    const inRoot = this.searched.length === 1;
    const parentSearched = this.searched[this.searched.length - 1];
    const local = localName(name);
    if (inRoot && local === 'file' && !this.fileSeen) {
      this.fileSeen = true;
      if (this.version === '1.2') this.readLanguages12(attributes);
    }
    if (parentSearched && (local === 'unit' || local === 'trans-unit') && !this.failed()) {
      this.building.push({ type: 'element', name, attributes, elements: [] });
      this.searched.push(false);
      return;
    }
    this.searched.push(parentSearched && UNIT_CONTAINERS.has(local));
  }

  private close_(): void {
    this.searched.pop();
    const element = this.building.pop();
    if (!element || this.building.length > 0) return;
    if (this.failed()) return;
    try {
      this.onUnit(readUnit(element, this.version as XliffVersion, this.ids));
    } catch (error) {
      if (!(error instanceof XliffError)) throw error;
      this.unitError = error;
    }
  }

  private failed(): boolean {
    return this.documentError !== undefined || this.unitError !== undefined;
  }

  /** The root: `<xliff>` of a known version; XLIFF 2 names its languages here. */
  private readRoot(name: string, attributes: Record<string, string>): boolean {
    if (localName(name) !== 'xliff') {
      this.documentError = new XliffError('the root element is not <xliff>');
      return false;
    }
    const rawVersion = String(attributes.version ?? '');
    if (rawVersion === '1.2') this.version = '1.2';
    else if (rawVersion === '2.0' || rawVersion === '2.1') this.version = '2.0';
    else {
      this.documentError = new XliffError(
        `unsupported XLIFF version "${rawVersion}" (1.2, 2.0 and 2.1 are supported)`
      );
      return false;
    }
    if (this.version === '2.0') {
      this.sourceLanguage = String(attributes.srcLang ?? '');
      this.targetLanguage = String(attributes.trgLang ?? '');
      if (!this.targetLanguage)
        this.documentError = new XliffError('the document names no target language');
    }
    return true;
  }

  /** XLIFF 1.2 names the languages on its first `<file>`. */
  private readLanguages12(attributes: Record<string, string>): void {
    this.sourceLanguage = String(attributes['source-language'] ?? '');
    this.targetLanguage = String(attributes['target-language'] ?? '');
    if (!this.targetLanguage && !this.documentError)
      this.documentError = new XliffError('the document names no target language');
  }
}

/** Parses an XLIFF 2.x or 1.2 document; throws XliffError for malformed or unsupported input. */
export function parseXliff(xml: string): ParsedXliff {
  const units: ParsedUnit[] = [];
  const reader = new XliffReader((unit) => units.push(unit));
  reader.write(xml);
  return { ...reader.close(), units };
}

/** A translation candidate from a memory: `quality` in percent. */
export interface Candidate {
  quality: number;
  source: string;
  target: string;
  origin: string;
}

/** 2.0 `<mtc:matches>` for a unit whose segment has the id `segmentId`. */
export function matchesXml20(candidates: readonly Candidate[], segmentId: string): string {
  if (candidates.length === 0) return '';
  return `<mtc:matches>${candidates
    .map(
      (c) =>
        `<mtc:match${attributes({ ref: `#${segmentId}`, matchQuality: c.quality.toFixed(1), origin: c.origin, type: 'tm' })}>` +
        `<source>${escapeXml(c.source)}</source><target>${escapeXml(c.target)}</target></mtc:match>`
    )
    .join('')}</mtc:matches>`;
}

/** 1.2 `<alt-trans>` elements with `match-quality`. */
export function altTransXml12(candidates: readonly Candidate[]): string {
  return candidates
    .map(
      (c) =>
        `<alt-trans${attributes({ 'match-quality': String(c.quality), origin: c.origin })}>` +
        `<source>${escapeXml(c.source)}</source><target>${escapeXml(c.target)}</target></alt-trans>`
    )
    .join('');
}

/** 1.2 `<alt-trans alttranstype="previous-version">`: the source the current target was made from. */
export function previousVersionXml12(previous: Content, target: Content | undefined): string {
  return (
    `<alt-trans alttranstype="previous-version"><source>${contentXml(previous, '1.2')}</source>` +
    `<target>${target ? contentXml(target, '1.2') : ''}</target></alt-trans>`
  );
}

/** 2.0 change tracking: the previous source text as a revision of the unit's source. */
export function changeTrackXml20(previous: string): string {
  return (
    '<ctr:changeTrack><ctr:revisions appliesTo="source"><ctr:revision>' +
    `<ctr:item property="content">${escapeXml(previous)}</ctr:item>` +
    '</ctr:revision></ctr:revisions></ctr:changeTrack>'
  );
}
