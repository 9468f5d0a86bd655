/**
 * List reads that a cached response can have checked again instead of being recomputed.
 *
 * A write of document X evicts the lists of X's type in the written locales (`t:<uid>@L`): any of
 * them could now include X, leave it out, or order it elsewhere. Most of them did not show X and
 * still do not: a city write used to recompute every page of the city list. A list read through
 * the Document Service (`findMany`, `count`) is therefore recorded with its parameters and a
 * fingerprint of its answer (the documents and locales of its rows in order, or the number), and
 * the documents it returned become tags of the entry (`d:<id>@L`, kept out of CDN headers). A
 * write that touches the entry only through such list tags marks it for a check: the next
 * request runs the recorded reads again, without `populate`, and serves the entry when every
 * fingerprint is the same. A row of X itself, or any other dependency, still evicts.
 */
import { documentTag } from './tags';

export type ListAction = 'findMany' | 'count';

/** One recorded Document Service list read of a cached response. */
export interface ListRead {
  uid: string;
  action: ListAction;
  /** The parameters as the read received them (a deep copy). */
  params: Record<string, unknown>;
  /** What it answered: the rows' `documentId@locale` in order, or the count. */
  fingerprint: string;
}

/** Most list reads one entry may record; a response with more is evicted as before. */
export const MAX_LIST_READS = 8;

export function isListAction(action: string): action is ListAction {
  return action === 'findMany' || action === 'count';
}

interface Row {
  documentId?: unknown;
  locale?: unknown;
}

/** The fingerprint of a list read's answer, or undefined when it is not one this can compare. */
export function fingerprintOf(action: ListAction, result: unknown): string | undefined {
  if (action === 'count') return typeof result === 'number' ? String(result) : undefined;
  if (!Array.isArray(result)) return undefined;
  const parts: string[] = [];
  for (const row of result as Row[]) {
    if (typeof row !== 'object' || row === null || typeof row.documentId !== 'string') {
      return undefined;
    }
    parts.push(`${row.documentId}@${typeof row.locale === 'string' ? row.locale : ''}`);
  }
  return parts.join(' ');
}

/**
 * The document tags of a `findMany` answer's rows: in the row's locale, else in the locale the
 * read asked for, else of the document in any locale (which every write of it evicts).
 */
export function rowTags(result: unknown, requestedLocale: string | undefined): string[] {
  if (!Array.isArray(result)) return [];
  const tags: string[] = [];
  for (const row of result as Row[]) {
    if (typeof row?.documentId !== 'string') continue;
    const locale = typeof row.locale === 'string' ? row.locale : requestedLocale;
    tags.push(documentTag(row.documentId, locale));
  }
  return tags;
}

/** A deep copy of a read's parameters, or undefined when they are not plain data. */
export function copyParams(params: unknown): Record<string, unknown> | undefined {
  if (typeof params !== 'object' || params === null) return {};
  try {
    return structuredClone(params) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The parameters of the check: the recorded ones without `populate`, which decides what each row
 * carries but not which rows there are.
 */
export function checkParams(read: ListRead): Record<string, unknown> {
  const params = { ...read.params };
  delete params.populate;
  return params;
}
