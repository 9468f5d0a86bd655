import { parse } from 'csv-parse/sync';

import { CREATIVE_FIELD_KEYS, type CreativeFieldKey } from './types';

/** Columns of `database/seed/source/uccn-members.csv`, in file order. */
export const MEMBERS_CSV_COLUMNS = [
  'name_en',
  'name_de',
  'country_iso2',
  'country_en',
  'country_de',
  'field',
  'year',
  'unesco_url',
  'source',
] as const;
export type MembersCsvColumn = (typeof MEMBERS_CSV_COLUMNS)[number];
export type MembersCsvRow = Record<MembersCsvColumn, string>;

/** The network was founded in 2004; no designation can be older. */
export const FIRST_DESIGNATION_YEAR = 2004;

/** One member city as read from the CSV, validated and typed. */
export interface MemberRecord {
  /** 1-based data row number (the header is row 0), used in error messages. */
  row: number;
  nameEn: string;
  nameDe: string;
  countryIso2: string;
  countryEn: string;
  countryDe: string;
  field: CreativeFieldKey;
  year: number;
  unescoUrl: string | null;
  source: string;
}

export interface ParseMemberOptions {
  /** Latest accepted designation year; defaults to the current UTC year. */
  maxYear?: number;
}

function isCreativeFieldKey(value: string): value is CreativeFieldKey {
  return (CREATIVE_FIELD_KEYS as readonly string[]).includes(value);
}

/**
 * Validates one CSV row and converts it into a {@link MemberRecord}.
 *
 * @param row the raw row, keyed by column name
 * @param rowNumber 1-based data row number, named in error messages
 * @throws Error naming the row (number and city) when a value is missing or invalid:
 *   unknown field key, year that is not a 4-digit year within the network's lifetime,
 *   country code that is not two uppercase letters, or a URL that is not https.
 */
export function parseMemberRow(
  row: Partial<Record<string, string>>,
  rowNumber: number,
  options: ParseMemberOptions = {}
): MemberRecord {
  const label = `Row ${rowNumber} (${JSON.stringify(row.name_en ?? '')})`;
  const fail = (message: string): never => {
    throw new Error(`${label}: ${message}`);
  };
  const required = (column: MembersCsvColumn): string => {
    const value = (row[column] ?? '').trim();
    if (value === '') fail(`missing value for "${column}"`);
    return value;
  };

  const field = required('field');
  if (!isCreativeFieldKey(field)) {
    fail(`unknown creative field "${field}" (expected one of ${CREATIVE_FIELD_KEYS.join(', ')})`);
  }

  const yearText = required('year');
  const maxYear = options.maxYear ?? new Date().getUTCFullYear();
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < FIRST_DESIGNATION_YEAR || year > maxYear) {
    fail(`invalid year "${yearText}" (expected ${FIRST_DESIGNATION_YEAR}–${maxYear})`);
  }

  const countryIso2 = required('country_iso2');
  if (!/^[A-Z]{2}$/.test(countryIso2)) {
    fail(`invalid country_iso2 "${countryIso2}" (expected two uppercase letters)`);
  }

  const url = (row.unesco_url ?? '').trim();
  if (url !== '' && !/^https:\/\/\S+$/.test(url)) {
    fail(`invalid unesco_url "${url}" (expected an https URL)`);
  }

  return {
    row: rowNumber,
    nameEn: required('name_en'),
    nameDe: required('name_de'),
    countryIso2,
    countryEn: required('country_en'),
    countryDe: required('country_de'),
    field: field as CreativeFieldKey,
    year,
    unescoUrl: url === '' ? null : url,
    source: required('source'),
  };
}

/**
 * Parses the whole members CSV (RFC 4180, header row) into validated records, in file order.
 *
 * @throws Error when the header differs from {@link MEMBERS_CSV_COLUMNS} or any row is invalid
 *   (see {@link parseMemberRow}).
 */
export function parseMembersCsv(text: string, options: ParseMemberOptions = {}): MemberRecord[] {
  const [header, ...rows] = parse(text, {
    bom: true,
    skip_empty_lines: true,
    // Column counts are checked below, so that the error names the row like all others.
    relax_column_count: true,
  }) as string[][];
  if (header === undefined) throw new Error('Members CSV is empty');
  if (header.join(',') !== MEMBERS_CSV_COLUMNS.join(',')) {
    throw new Error(
      `Members CSV header is "${header.join(',')}", expected "${MEMBERS_CSV_COLUMNS.join(',')}"`
    );
  }
  return rows.map((cells, index) => {
    const rowNumber = index + 1;
    if (cells.length !== MEMBERS_CSV_COLUMNS.length) {
      throw new Error(
        `Row ${rowNumber}: has ${cells.length} columns, expected ${MEMBERS_CSV_COLUMNS.length}`
      );
    }
    const row = Object.fromEntries(MEMBERS_CSV_COLUMNS.map((column, i) => [column, cells[i]]));
    return parseMemberRow(row, rowNumber, options);
  });
}
