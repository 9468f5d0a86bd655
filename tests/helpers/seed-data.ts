import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSeed, type SeedBundle } from '../../src/lib/seed/read-seed';
import { SEED_LOCALES } from '../../src/lib/seed/types';

let cached: SeedBundle | undefined;

/** The seed files the app was seeded from, to compare the API against. */
export function seedData(): SeedBundle {
  cached ??= readSeed(path.resolve(__dirname, '..', '..', 'database', 'seed'));
  return cached;
}

/** Locale versions the seed writes: one per record (the single type counts once) and locale. */
export function seedVersionCount(): number {
  const seed = seedData();
  const records =
    seed.cities.length +
    seed.countries.length +
    seed.creativeFields.length +
    seed.networkGoals.length +
    seed.glossaryTerms.length +
    1;
  return records * SEED_LOCALES.length;
}

/**
 * What the member list's README says about the list ("There are 408 rows from 108 countries"),
 * so that tests check the generated seed against the data's own description.
 */
export function memberListSummary(): { rows: number; countries: number } {
  const readme = readFileSync(
    path.resolve(__dirname, '..', '..', 'database', 'seed', 'source', 'uccn-members.README.md'),
    'utf8'
  );
  const match = /There are (\d+) rows from (\d+) countries/.exec(readme);
  if (!match) throw new Error('uccn-members.README.md no longer says how many rows it has');
  return { rows: Number(match[1]), countries: Number(match[2]) };
}
