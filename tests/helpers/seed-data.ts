import path from 'node:path';
import { readSeed, type SeedBundle } from '../../src/lib/seed/read-seed';

let cached: SeedBundle | undefined;

/** The seed files the app was seeded from, to compare the API against. */
export function seedData(): SeedBundle {
  cached ??= readSeed(path.resolve(__dirname, '..', '..', 'database', 'seed'));
  return cached;
}
