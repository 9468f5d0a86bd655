/**
 * Imports an XLIFF file: validates every unit first, then writes all target versions in one
 * transaction (drafts; published on request). Any error rejects the whole file.
 */
import type { Core, UID } from '@strapi/strapi';
import { uidGenerator } from '../internals';
import { bindCodes, plainText, type Content } from '../lib/inline';
import { fieldAt } from '../lib/fields';
import { checkTranslation } from '../lib/glossary-match';
import { protectedValues } from '../lib/protect';
import { parseUnitId } from '../lib/unit-id';
import {
  canonicalJson,
  documentUnits,
  extractTexts,
  sourceDigest,
  translatedData,
  type DocumentUnit,
  type Entry,
} from '../lib/units';
import { StringDecoder } from 'node:string_decoder';
import {
  XLIFF_STATES,
  XliffError,
  XliffReader,
  type ParsedUnit,
  type ParsedXliff,
  type XliffState,
} from '../lib/xliff';
import { asSystemActor, getService } from '../utils';
import { labelOf, type TypeInfo } from './content';
import type { TermBase } from './glossary';
import { STALE_DIGEST, withDigestOverrides } from './digests';

/** Largest accepted file in bytes (plugin config `importMaxBytes`). */
export function importMaxBytes(strapi: Core.Strapi): number {
  return strapi.plugin('translations').config('importMaxBytes') as number;
}

export interface ImportOptions {
  publish?: boolean;
  dryRun?: boolean;
  acceptStale?: boolean;
  /** Import only the units in these XLIFF states; the others are reported in `leftOut`. */
  states?: XliffState[];
  onProgress?: (done: number, total: number) => void;
  /**
   * Whether the caller may write the target locale of these types (and publish there, when
   * `publish`): an admin session's role. Called before anything is written; a `false` refuses
   * the whole file with ImportForbiddenError.
   */
  may?: (request: { uid: string; targetLocale: string; publish: boolean }) => boolean;
}

/** The caller may not write the file's target locale (an admin role of another locale): a 403. */
export class ImportForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportForbiddenError';
  }
}

export interface ImportProblem {
  unit?: string;
  /** The term of the term base a glossary warning is about. */
  term?: string;
  message: string;
}

export interface ImportReport {
  sourceLocale: string;
  targetLocale: string;
  units: number;
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  stale: ImportProblem[];
  skipped: ImportProblem[];
  /** Units not imported because their state is not one of `states`. */
  leftOut: ImportProblem[];
  /** Imported, but worth a look (a protected URL changed, …). */
  warnings: ImportProblem[];
  dryRun: boolean;
}

/** Parses `reviewed,final` into XLIFF states; throws on an unknown name. */
export function parseXliffStates(list: string): XliffState[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names)
    if (!XLIFF_STATES.includes(name as XliffState))
      throw new Error(`unknown state "${name}" (use ${XLIFF_STATES.join(', ')})`);
  return names as XliffState[];
}

/** Length as a CAT tool counts characters: Unicode code points. */
const lengthOf = (text: string): number => [...text].length;

/** The file was rejected; nothing was written. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(
      `Import rejected, nothing was written:\n${problems
        .slice(0, 50)
        .map((p) => `  - ${p.unit ? `unit ${p.unit}: ` : ''}${p.message}`)
        .join('\n')}${problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''}`
    );
  }
}

interface PlannedDocument {
  type: TypeInfo;
  documentId: string;
  source: Entry;
  target: Entry | null;
  translated: Map<string, Content>;
  stale: boolean;
  recorded: string | undefined;
}

/** One target version to write: its data and whether its texts differ from what is stored. */
interface PlannedWrite {
  doc: PlannedDocument;
  data: Entry;
  changed: boolean;
}

/** What validation found that does not reject the file, reported back as it is. */
interface Findings {
  stale: ImportProblem[];
  skipped: ImportProblem[];
  leftOut: ImportProblem[];
  warnings: ImportProblem[];
}

type Units = ParsedXliff['units'];
type Strapi = Core.Strapi;

/** Text and code ids only: the file's codes carry no kind or url. */
function shape(content: Content): unknown {
  return content.map((part) =>
    typeof part === 'string' ? part : { id: part.id, contents: shape(part.contents) }
  );
}

function sameContent(a: Content, b: Content): boolean {
  return canonicalJson(shape(a)) === canonicalJson(shape(b));
}

/** An XLIFF problem as the import reports it: the unit apart from the message. */
function asImportError(error: XliffError): ImportError {
  return new ImportError([
    { unit: error.unit, message: error.message.replace(/^unit [^:]+: /, '') },
  ]);
}

/** What an import reads: the whole document, or its bytes as they arrive (a request body). */
export type XliffInput = string | AsyncIterable<Buffer | string>;

/**
 * Step 1, parse: the size limit, then well-formed XLIFF of a known version. A stream is parsed as
 * it arrives (lib/xliff.ts `XliffReader`): only the parsed units are kept, never the document's
 * text or tree. It is read to its end even after a parse error, so that a file over the size
 * limit is refused for its size, whatever it holds, as when it was read whole first.
 */
async function parse(strapi: Strapi, input: XliffInput): Promise<ParsedXliff> {
  const maxBytes = importMaxBytes(strapi);
  const units: ParsedUnit[] = [];
  const reader = new XliffReader((unit) => units.push(unit));
  let failure: XliffError | undefined;
  const read = (piece: string): void => {
    if (failure) return;
    try {
      reader.write(piece);
    } catch (error) {
      if (!(error instanceof XliffError)) throw error;
      failure = error;
    }
  };
  if (typeof input === 'string') {
    const bytes = Buffer.byteLength(input, 'utf8');
    if (bytes > maxBytes) {
      throw new ImportError([
        { message: `file is ${bytes} bytes, larger than the limit of ${maxBytes} bytes` },
      ]);
    }
    read(input);
  } else {
    const decoder = new StringDecoder('utf8');
    let size = 0;
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += bytes.length;
      if (size > maxBytes) {
        throw new ImportError([{ message: `file is larger than the limit of ${maxBytes} bytes` }]);
      }
      read(decoder.write(bytes));
    }
    read(decoder.end());
  }
  if (failure) throw asImportError(failure);
  try {
    return { ...reader.close(), units };
  } catch (error) {
    if (error instanceof XliffError) throw asImportError(error);
    throw error;
  }
}

/** Step 2, validate the file's languages: both configured, and not the same. */
async function validateLocales(strapi: Strapi, parsed: ParsedXliff): Promise<void> {
  const problems: ImportProblem[] = [];
  const configured = (await getService(strapi, 'content').locales()).map((locale) => locale.code);
  const { sourceLanguage: sourceLocale, targetLanguage: targetLocale } = parsed;
  if (!configured.includes(sourceLocale))
    problems.push({
      message: `source locale "${sourceLocale}" does not exist (configured: ${configured.join(', ')})`,
    });
  if (!configured.includes(targetLocale))
    problems.push({
      message: `target locale "${targetLocale}" does not exist (configured: ${configured.join(', ')})`,
    });
  if (sourceLocale === targetLocale)
    problems.push({ message: `target locale "${targetLocale}" is the source locale` });
  if (problems.length > 0) throw new ImportError(problems);
}

/**
 * Step 3, validate the unit ids before touching the database: units grouped by type and
 * document; ids that name no localized type of this CMS become problems.
 */
function groupUnits(
  strapi: Strapi,
  units: Units,
  problems: ImportProblem[]
): Map<string, Map<string, Units>> {
  const content = getService(strapi, 'content');
  const byType = new Map<string, Map<string, Units>>();
  for (const unit of units) {
    const ref = parseUnitId(unit.id);
    if (!ref) {
      problems.push({
        unit: unit.id,
        message: 'not a unit id of this CMS (expected <type>:<documentId>:<field>)',
      });
      continue;
    }
    if (!content.typeInfo(ref.uid)) {
      problems.push({ unit: unit.id, message: `"${ref.uid}" is not a localized content type` });
      continue;
    }
    const docs = byType.get(ref.uid) ?? new Map<string, Units>();
    byType.set(ref.uid, docs);
    docs.set(ref.documentId, [...(docs.get(ref.documentId) ?? []), unit]);
  }
  return byType;
}

interface UnitContext {
  type: TypeInfo;
  sourceLocale: string;
  targetLocale: string;
  termBase: TermBase | null;
  options: ImportOptions;
  problems: ImportProblem[];
  findings: Findings;
}

/**
 * Step 4, validate one unit against the current source: the field exists, the source is the one
 * exported (else stale), a target in an accepted state, the inline codes of the source, the
 * field's length limit; protected text and the term base only warn. Returns the target bound to
 * the source's codes, or undefined when the unit is not imported.
 */
function validateUnit(
  unit: Units[number],
  current: Map<string, DocumentUnit>,
  context: UnitContext,
  onStale: () => void
): { path: string; bound: Content } | undefined {
  const { type, options, problems, findings } = context;
  const path = (parseUnitId(unit.id) as { path: string }).path;
  const sourceUnit = current.get(path);
  if (!sourceUnit) {
    problems.push({
      unit: unit.id,
      message: `"${path}" is not a translatable field (or block) of this ${type.displayName}`,
    });
    return undefined;
  }
  if (!sameContent(unit.source, sourceUnit.content)) {
    onStale();
    findings.stale.push({ unit: unit.id, message: 'the source text changed since the export' });
    if (!options.acceptStale) return undefined;
  }
  if (unit.target === null) {
    findings.skipped.push({ unit: unit.id, message: 'no translation' });
    return undefined;
  }
  if (options.states && !options.states.includes(unit.state)) {
    findings.leftOut.push({
      unit: unit.id,
      message: `state ${unit.state}, not one of ${options.states.join(', ')}`,
    });
    return undefined;
  }
  try {
    const bound = bindCodes(unit.target, sourceUnit.content);
    const text = plainText(bound);
    const maxLength = sourceUnit.group
      ? undefined
      : fieldAt(type.fields, type.uid, path)?.field.maxLength;
    if (maxLength !== undefined && lengthOf(text) > maxLength) {
      problems.push({
        unit: unit.id,
        message: `the translation has ${lengthOf(text)} characters, more than the field's limit of ${maxLength}`,
      });
      return undefined;
    }
    warnAbout(unit.id, plainText(sourceUnit.content), text, context);
    return { path, bound };
  } catch (error) {
    problems.push({
      unit: unit.id,
      message: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/** Protected text missing from the translation, and the term base's remarks: warnings only. */
function warnAbout(unitId: string, source: string, text: string, context: UnitContext): void {
  const { type, termBase, sourceLocale, targetLocale, findings } = context;
  for (const value of protectedValues(source))
    if (!text.includes(value))
      findings.warnings.push({
        unit: unitId,
        message: `protected text "${value}" is not in the translation`,
      });
  // The term base's own entries are not checked against themselves.
  if (termBase && type.uid !== termBase.uid)
    for (const issue of checkTranslation(
      source,
      text,
      termBase.concepts,
      sourceLocale,
      targetLocale
    ))
      findings.warnings.push({
        unit: unitId,
        term: issue.term,
        message: `glossary: ${issue.message}`,
      });
}

/** Documents whose versions are read from the database at once while planning. */
const PLAN_BATCH = 500;

/**
 * Step 5, plan: for every document of the file, its source and target versions and the
 * validated translations of its units, handed to `onPlanned` in the file's order of types and
 * documents. Versions are read PLAN_BATCH documents at a time, so a dry run that does not keep
 * what it planned holds one batch. Problems reject the file after all units were looked at.
 */
async function planDocuments(
  strapi: Strapi,
  parsed: ParsedXliff,
  options: ImportOptions,
  findings: Findings,
  onPlanned: (doc: PlannedDocument) => void
): Promise<void> {
  const content = getService(strapi, 'content');
  const { sourceLanguage: sourceLocale, targetLanguage: targetLocale } = parsed;
  const problems: ImportProblem[] = [];
  const byType = groupUnits(strapi, parsed.units, problems);
  const termBase = await getService(strapi, 'glossary').termBase();
  for (const [uid, docs] of byType) {
    const type = content.typeInfo(uid) as TypeInfo;
    const context: UnitContext = {
      type,
      sourceLocale,
      targetLocale,
      termBase,
      options,
      problems,
      findings,
    };
    const allIds = [...docs.keys()];
    for (let start = 0; start < allIds.length; start += PLAN_BATCH) {
      const ids = allIds.slice(start, start + PLAN_BATCH);
      const sources = new Map(
        (await content.draftVersions(type, sourceLocale, ids)).map((e) => [String(e.documentId), e])
      );
      const targets = new Map(
        (await content.draftVersions(type, targetLocale, ids)).map((e) => [String(e.documentId), e])
      );
      const recorded = await content.recordedDigests(uid, sourceLocale, ids);
      for (const documentId of ids) {
        const units = docs.get(documentId) as Units;
        const source = sources.get(documentId);
        if (!source) {
          for (const unit of units)
            problems.push({
              unit: unit.id,
              message: `no ${type.displayName} document ${documentId} in locale "${sourceLocale}"`,
            });
          continue;
        }
        const current = new Map(documentUnits(type.fields, source).map((u) => [u.path, u]));
        const translated = new Map<string, Content>();
        let documentStale = false;
        for (const unit of units) {
          const valid = validateUnit(unit, current, context, () => (documentStale = true));
          if (valid) translated.set(valid.path, valid.bound);
        }
        if (translated.size > 0) {
          onPlanned({
            type,
            documentId,
            source,
            target: targets.get(documentId) ?? null,
            translated,
            stale: documentStale,
            recorded: recorded.get(`${documentId}|${targetLocale}`),
          });
        }
      }
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
}

/**
 * Step 6, plan the writes: every document's update is built before anything is written, so a
 * problem in any of them rejects the file. A field whose units are not all translated is left
 * out (and reported as skipped).
 */
function planWrites(planned: PlannedDocument[], skipped: ImportProblem[]): PlannedWrite[] {
  return planned.map((doc) => planWrite(doc, skipped));
}

/** One document's write (step 6); fields left out are added to `skipped`. */
function planWrite(doc: PlannedDocument, skipped: ImportProblem[]): PlannedWrite {
  const { data, incomplete } = translatedData(
    doc.type.fields,
    doc.source,
    doc.target,
    doc.translated,
    plainText
  );
  for (const field of incomplete)
    skipped.push({
      message: `${doc.type.displayName} "${labelOf(doc.type, doc.source)}": field ${field} not imported, not all of its units are translated`,
    });
  const before = doc.target ? canonicalJson(extractTexts(doc.type.fields, doc.target)) : null;
  const after = canonicalJson(
    extractTexts(doc.type.fields, doc.target ? { ...doc.target, ...data } : data)
  );
  return { doc, data, changed: before !== after || !doc.target };
}

/** A dry run's count of one planned write: what it would do. */
function countPlanned(write: PlannedWrite, report: ImportReport): void {
  if (!write.doc.target) report.created += 1;
  else if (write.changed) report.updated += 1;
  else report.unchanged += 1;
}

/**
 * Step 7, write: all target versions in one transaction (a failure rolls every one back), stale
 * ones recorded as outdated, unchanged ones confirmed by their digest, published on request.
 */
async function writeAll(
  strapi: Strapi,
  writes: PlannedWrite[],
  report: ImportReport,
  options: ImportOptions
): Promise<void> {
  const { targetLocale } = report;
  const overrides = new Map<string, string>();
  for (const { doc } of writes)
    if (doc.stale) overrides.set(`${doc.documentId}|${targetLocale}`, STALE_DIGEST);

  await withDigestOverrides(overrides, () =>
    strapi.db.transaction(async () => {
      let done = 0;
      for (const write of writes) {
        const { doc } = write;
        const label = `${doc.type.displayName} "${labelOf(doc.type, doc.source)}" (${doc.documentId})`;
        try {
          await writeOne(strapi, write, report);
          if (options.publish) {
            // The generated typings only offer publish() on a known draft & publish type; every
            // localized type here has draft & publish (checked when the types are discovered).
            const documents = strapi.documents(doc.type.uid as UID.ContentType) as unknown as {
              publish(params: { documentId: string; locale: string }): Promise<unknown>;
            };
            await documents.publish({ documentId: doc.documentId, locale: targetLocale });
            report.published += 1;
          }
        } catch (error) {
          throw new ImportError([{ message: `${label}: ${describeWriteError(error)}` }]);
        }
        done += 1;
        options.onProgress?.(done, writes.length);
      }
    })
  );
}

/** One target version: created or updated when its texts changed, else its digest confirmed. */
async function writeOne(
  strapi: Strapi,
  { doc, data, changed }: PlannedWrite,
  report: ImportReport
): Promise<void> {
  const { sourceLocale, targetLocale } = report;
  if (changed) {
    const payload: Entry = { ...data };
    if (!doc.target) {
      for (const field of doc.type.uidFields) {
        payload[field] = await uidGenerator(strapi).generateUIDField({
          contentTypeUID: doc.type.uid,
          field,
          data: { ...doc.source, ...payload },
          locale: targetLocale,
        });
      }
    }
    await strapi.documents(doc.type.uid as UID.ContentType).update({
      documentId: doc.documentId,
      locale: targetLocale,
      data: payload as never,
    });
    if (doc.target) report.updated += 1;
    else report.created += 1;
    return;
  }
  report.unchanged += 1;
  // The translation is confirmed as it is: record the digest unless it already is.
  const digest = doc.stale ? STALE_DIGEST : sourceDigest(doc.type.fields, doc.source);
  if (doc.recorded !== digest) {
    await getService(strapi, 'digests').store({
      uid: doc.type.uid,
      documentId: doc.documentId,
      targetLocale,
      sourceLocale,
      digest,
    });
  }
}

/** A write's error with Strapi's validation details (`path: message`), if any. */
function describeWriteError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error as { details?: { errors?: Array<{ path?: string[]; message?: string }> } })
    .details?.errors;
  const detail = details?.map((e) => `${(e.path ?? []).join('.')}: ${e.message}`).join('; ');
  return `${message}${detail ? ` (${detail})` : ''}`;
}

const xliffImport = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Validates and (unless dry run) imports an XLIFF document: parse → validate → plan → write.
   * Throws ImportError, before anything is written.
   */
  async import(input: XliffInput, options: ImportOptions = {}): Promise<ImportReport> {
    const parsed = await parse(strapi, input);
    await validateLocales(strapi, parsed);
    const findings: Findings = { stale: [], skipped: [], leftOut: [], warnings: [] };
    const dryRun = options.dryRun === true;
    const report: ImportReport = {
      sourceLocale: parsed.sourceLanguage,
      targetLocale: parsed.targetLanguage,
      units: parsed.units.length,
      documents: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      published: 0,
      ...findings,
      dryRun,
    };
    // A dry run counts each document's write as it is planned and keeps nothing of it; the
    // fields it leaves out are reported after the validation's skips, as an import reports them.
    const planned: PlannedDocument[] = [];
    const uids = new Set<string>();
    const leftOutFields: ImportProblem[] = [];
    await planDocuments(strapi, parsed, options, findings, (doc) => {
      report.documents += 1;
      uids.add(doc.type.uid);
      if (dryRun) countPlanned(planWrite(doc, leftOutFields), report);
      else planned.push(doc);
    });
    const targetLocale = parsed.targetLanguage;
    for (const uid of [...uids].sort()) {
      if (options.may?.({ uid, targetLocale, publish: false }) === false)
        throw new ImportForbiddenError(
          `Your role may not write the "${targetLocale}" versions of ${uid}: the file's target locale is not one of your role's.`
        );
      if (options.publish && options.may?.({ uid, targetLocale, publish: true }) === false)
        throw new ImportForbiddenError(
          `Your role may not publish the "${targetLocale}" versions of ${uid}: import without publish=true.`
        );
    }
    if (dryRun) {
      findings.skipped.push(...leftOutFields);
      return report;
    }
    const writes = planWrites(planned, findings.skipped);
    // A new target version takes the shared relations of the source (the country of a city):
    // their targets are written first, so that their versions in this locale exist by then.
    const order = getService(strapi, 'shared-relations').writeOrder([
      ...new Set(writes.map(({ doc }) => doc.type.uid)),
    ]);
    writes.sort((x, y) => order.indexOf(x.doc.type.uid) - order.indexOf(y.doc.type.uid));
    await asSystemActor(strapi, 'XLIFF import', () => writeAll(strapi, writes, report, options));
    return report;
  },
});

export type XliffImportService = ReturnType<typeof xliffImport>;
export default xliffImport;
