import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memberListSummary } from '../helpers/seed-data';

import {
  MEMBERS_CSV_COLUMNS,
  parseMemberRow,
  parseMembersCsv,
} from '../../src/lib/seed/parse-members-csv';

const HEADER = MEMBERS_CSV_COLUMNS.join(',');
const HEIDELBERG =
  'Heidelberg,Heidelberg,DE,Germany,Deutschland,literature,2014,' +
  'https://www.unesco.org/en/creative-cities/heidelberg?hub=80094,unesco-2014-press';
const CSV_PATH = path.join(__dirname, '../../database/seed/source/uccn-members.csv');

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

describe('parseMembersCsv', () => {
  it('parses a row into a typed record', () => {
    expect(parseMembersCsv(csv(HEIDELBERG))).toEqual([
      {
        row: 1,
        nameEn: 'Heidelberg',
        nameDe: 'Heidelberg',
        countryIso2: 'DE',
        countryEn: 'Germany',
        countryDe: 'Deutschland',
        field: 'literature',
        year: 2014,
        unescoUrl: 'https://www.unesco.org/en/creative-cities/heidelberg?hub=80094',
        source: 'unesco-2014-press',
      },
    ]);
  });

  it('reads an empty unesco_url as null and handles quoted fields', () => {
    const [record] = parseMembersCsv(
      csv('"Granada","Granada",ES,Spain,Spanien,literature,2014,,"unesco-2014-press"')
    );
    expect(record.unescoUrl).toBeNull();
    expect(record.nameEn).toBe('Granada');
  });

  it('throws naming the row when the field is unknown', () => {
    const text = csv(HEIDELBERG, 'Atlantis,Atlantis,GR,Greece,Griechenland,poetry,2015,,x');
    expect(() => parseMembersCsv(text)).toThrow(
      'Row 2 ("Atlantis"): unknown creative field "poetry"'
    );
  });

  it.each(['15', '2003', '20x5', '2999', ''])('throws naming the row for year "%s"', (year) => {
    const text = csv(`Atlantis,Atlantis,GR,Greece,Griechenland,music,${year},,x`);
    expect(() => parseMembersCsv(text, { maxYear: 2025 })).toThrow(/^Row 1 \("Atlantis"\): /);
    expect(() => parseMembersCsv(text, { maxYear: 2025 })).toThrow(/year/);
  });

  it('throws naming the row for a bad country code', () => {
    const text = csv('Atlantis,Atlantis,Gr,Greece,Griechenland,music,2015,,x');
    expect(() => parseMembersCsv(text)).toThrow('Row 1 ("Atlantis"): invalid country_iso2 "Gr"');
  });

  it('throws on a wrong header', () => {
    expect(() => parseMembersCsv('name,field\nA,music\n')).toThrow(/header/);
  });

  it('throws naming the row when a row has too few columns', () => {
    expect(() => parseMembersCsv(csv(HEIDELBERG, 'Atlantis,Atlantis,GR'))).toThrow(
      /^Row 2: has 3 columns/
    );
  });

  it('parses the repository CSV: the rows its README counts, Heidelberg literature/2014/DE', () => {
    const records = parseMembersCsv(readFileSync(CSV_PATH, 'utf8'));
    expect(records).toHaveLength(memberListSummary().rows);
    const heidelberg = records.filter((record) => record.nameEn === 'Heidelberg');
    expect(heidelberg).toHaveLength(1);
    expect(heidelberg[0]).toMatchObject({ field: 'literature', year: 2014, countryIso2: 'DE' });
  });
});

describe('parseMemberRow', () => {
  it('throws naming the row for a missing name', () => {
    expect(() =>
      parseMemberRow({ name_en: '', field: 'music', year: '2015', country_iso2: 'DE' }, 7, {
        maxYear: 2025,
      })
    ).toThrow('Row 7 (""): missing value for "name_en"');
  });

  it('rejects a non-https URL', () => {
    const row = {
      name_en: 'X',
      name_de: 'X',
      country_iso2: 'DE',
      country_en: 'Germany',
      country_de: 'Deutschland',
      field: 'music',
      year: '2015',
      unesco_url: 'javascript:alert(1)',
      source: 'x',
    };
    expect(() => parseMemberRow(row, 3)).toThrow('Row 3 ("X"): invalid unesco_url');
  });
});
