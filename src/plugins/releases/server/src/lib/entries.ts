/**
 * The shape of a release and its entries as a client sends them, checked before anything is
 * looked up in the app (lib: no Strapi, no I/O).
 */

export const ACTIONS = ['publish', 'unpublish'] as const;
export type EntryAction = (typeof ACTIONS)[number];

/** What happened to an entry: not run yet, done, failed (with its error), or undone with the rest. */
export const RESULTS = [
  'pending',
  'published',
  'unpublished',
  'failed',
  'rolled-back',
  'skipped',
] as const;
export type EntryResult = (typeof RESULTS)[number];

/** One document version to publish or unpublish. */
export interface EntryInput {
  uid: string;
  documentId: string;
  /** The locale version; null for a type without locales. */
  locale: string | null;
  action: EntryAction;
}

export interface StoredEntry extends EntryInput {
  result: EntryResult;
  error?: string;
}

/** One problem with the input, as Strapi's ValidationError lists them. */
export interface InputProblem {
  path: Array<string | number>;
  message: string;
}

const MAX_NAME = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A release's name: a non-empty single line of at most 200 characters. */
export function checkName(value: unknown, problems: InputProblem[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ path: ['name'], message: 'name is required (a non-empty string)' });
    return undefined;
  }
  if (value.length > MAX_NAME || /[\r\n]/.test(value)) {
    problems.push({
      path: ['name'],
      message: `name must be one line of at most ${MAX_NAME} characters`,
    });
    return undefined;
  }
  return value.trim();
}

/** The key that makes two entries the same document version. */
export function entryKey(entry: Pick<EntryInput, 'uid' | 'documentId' | 'locale'>): string {
  return `${entry.uid}\u0000${entry.documentId}\u0000${entry.locale ?? ''}`;
}

/**
 * Checks the shape of each entry (strings, known action, no entry twice). `already` holds entries
 * the release has (when adding), so a duplicate of one of them is refused too.
 */
export function checkEntries(
  value: unknown,
  maxEntries: number,
  problems: InputProblem[],
  already: readonly EntryInput[] = []
): EntryInput[] {
  if (!Array.isArray(value)) {
    problems.push({ path: ['entries'], message: 'entries must be an array' });
    return [];
  }
  if (value.length + already.length > maxEntries) {
    problems.push({
      path: ['entries'],
      message: `a release holds at most ${maxEntries} entries, got ${value.length + already.length}`,
    });
    return [];
  }
  const seen = new Map<string, number | 'existing'>();
  for (const entry of already) seen.set(entryKey(entry), 'existing');
  const entries: EntryInput[] = [];
  value.forEach((raw: unknown, index) => {
    const path = ['entries', index];
    if (!isObject(raw)) {
      problems.push({ path, message: 'an entry must be { uid, documentId, locale, action }' });
      return;
    }
    const unknownKeys = Object.keys(raw).filter(
      (key) => !['uid', 'documentId', 'locale', 'action'].includes(key)
    );
    if (unknownKeys.length > 0) {
      problems.push({ path: [...path, unknownKeys[0]], message: `unknown key ${unknownKeys[0]}` });
      return;
    }
    const { uid, documentId, locale, action = 'publish' } = raw;
    let valid = true;
    if (typeof uid !== 'string' || uid === '') {
      problems.push({ path: [...path, 'uid'], message: 'uid must be a content type uid' });
      valid = false;
    }
    if (typeof documentId !== 'string' || documentId === '' || documentId.length > 64) {
      problems.push({ path: [...path, 'documentId'], message: 'documentId must be a document id' });
      valid = false;
    }
    if (locale !== undefined && locale !== null && (typeof locale !== 'string' || locale === '')) {
      problems.push({ path: [...path, 'locale'], message: 'locale must be a locale code or null' });
      valid = false;
    }
    if (!ACTIONS.includes(action as EntryAction)) {
      problems.push({
        path: [...path, 'action'],
        message: `action must be ${ACTIONS.join(' or ')}, got ${String(action)}`,
      });
      valid = false;
    }
    if (!valid) return;
    const entry: EntryInput = {
      uid: uid as string,
      documentId: documentId as string,
      locale: (locale as string | null | undefined) ?? null,
      action: action as EntryAction,
    };
    const key = entryKey(entry);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path,
        message:
          first === 'existing'
            ? `${entry.uid} ${entry.documentId} (${entry.locale ?? 'no locale'}) is already in the release`
            : `${entry.uid} ${entry.documentId} (${entry.locale ?? 'no locale'}) is listed twice (also entries[${first}])`,
      });
      return;
    }
    seen.set(key, index);
    entries.push(entry);
  });
  return entries;
}
