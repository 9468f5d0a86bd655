/**
 * What earlier releases of the seed held, so that a re-seed can tell the seed's own old values
 * (safe to replace) from an editor's changes (to be left alone).
 *
 * `database/seed/earlier-values.json` lists, per seed file and record key, the values a record
 * had before each change, oldest first, as partial records: only the fields that changed, and
 * of a localized field only the locales that changed. `npm run seed:generate` appends to it by
 * comparing the files it is about to overwrite with the new ones.
 */
import type { SeedFiles } from './build-seed';
import { SEED_LOCALES } from './types';

type SeedFileName = keyof SeedFiles;
type SeedRecordValue = Record<string, unknown>;

/** `database/seed/earlier-values.json`: file → record key → earlier partial records. */
export type EarlierValues = Partial<Record<SeedFileName, Record<string, SeedRecordValue[]>>>;

/** File name of the earlier values beside the seed files. */
export const EARLIER_VALUES_FILE = 'earlier-values.json';

/** Key of the single record of `network.json`. */
const SINGLE_RECORD_KEY = 'network';

function isLocalized(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === SEED_LOCALES.length && SEED_LOCALES.every((locale) => keys.includes(locale))
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The record key of each record of a seed file (the single type has one fixed key). */
export function recordsByKey(files: SeedFiles, file: SeedFileName): Map<string, SeedRecordValue> {
  if (file === 'network') return new Map([[SINGLE_RECORD_KEY, files.network as never]]);
  const records = files[file] as unknown as SeedRecordValue[];
  return new Map(
    records.map((record) => [String(record.key ?? record.isoCode ?? record.position), record])
  );
}

/** The fields (and locales) of `previous` that differ in `next`, with their `previous` values. */
export function changedValues(previous: SeedRecordValue, next: SeedRecordValue): SeedRecordValue {
  const changed: SeedRecordValue = {};
  for (const [field, before] of Object.entries(previous)) {
    const after = next[field];
    if (same(before, after)) continue;
    if (isLocalized(before) && isLocalized(after)) {
      changed[field] = Object.fromEntries(
        Object.entries(before).filter(([locale, value]) => !same(value, after[locale]))
      );
    } else {
      changed[field] = before;
    }
  }
  // A field the seed starts writing had no value before: recorded as null, so a re-seed fills
  // it where it is still empty (an editor's value is kept, as for any other field).
  for (const [field, after] of Object.entries(next)) {
    if (field in previous || after === null || (Array.isArray(after) && after.length === 0)) {
      continue;
    }
    changed[field] = null;
  }
  return changed;
}

/**
 * Adds to `earlier` the values of every record that `next` changes compared to `previous`.
 * Records that are new or gone in `next` add nothing; running it again on the same files adds
 * nothing either.
 */
export function recordChanges(
  previous: SeedFiles,
  next: SeedFiles,
  earlier: EarlierValues
): EarlierValues {
  const result: EarlierValues = structuredClone(earlier);
  for (const file of Object.keys(next) as SeedFileName[]) {
    const nextRecords = recordsByKey(next, file);
    for (const [key, before] of recordsByKey(previous, file)) {
      const after = nextRecords.get(key);
      if (!after) continue;
      const changed = changedValues(before, after);
      if (Object.keys(changed).length === 0) continue;
      const byKey = (result[file] ??= {});
      (byKey[key] ??= []).push(changed);
    }
  }
  return result;
}

/**
 * The earlier versions of one record, newest first. Each partial holds what changed towards
 * the version after it, so the versions are rebuilt backwards from the current record (a
 * localized field locale by locale) and can be mapped to database values like the current one.
 */
export function earlierVersions<T extends object>(
  current: T,
  partials: SeedRecordValue[] | undefined
): T[] {
  const versions: SeedRecordValue[] = [];
  let later = current as SeedRecordValue;
  for (const partial of [...(partials ?? [])].reverse()) {
    const version: SeedRecordValue = { ...later };
    for (const [field, value] of Object.entries(partial)) {
      const after = later[field];
      version[field] =
        isLocalized(after) && typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ...after, ...value }
          : value;
    }
    versions.push(version);
    later = version;
  }
  return versions as T[];
}

/** Earlier partials of a record of a seed file (an empty list when it never changed). */
export function earlierOf(
  earlier: EarlierValues,
  file: SeedFileName,
  key: string | number = SINGLE_RECORD_KEY
): SeedRecordValue[] {
  return earlier[file]?.[String(key)] ?? [];
}
