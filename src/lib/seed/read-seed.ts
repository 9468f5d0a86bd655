import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EARLIER_VALUES_FILE, type EarlierValues } from './earlier-values';
import type {
  CitySeed,
  CountrySeed,
  CreativeFieldSeed,
  GlossaryTermSeed,
  NetworkGoalSeed,
  NetworkSeed,
} from './types';

/** Everything under `database/seed/`, parsed. */
export interface SeedBundle {
  creativeFields: CreativeFieldSeed[];
  countries: CountrySeed[];
  cities: CitySeed[];
  networkGoals: NetworkGoalSeed[];
  network: NetworkSeed;
  /** The term base (not generated from the members CSV). */
  glossaryTerms: GlossaryTermSeed[];
  /** What earlier seed releases held where they differ (`earlier-values.json`). */
  earlier: EarlierValues;
}

function readJson<T>(directory: string, file: string): T {
  const fullPath = path.join(directory, file);
  try {
    return JSON.parse(readFileSync(fullPath, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Cannot read seed file ${fullPath}: ${(error as Error).message}`);
  }
}

/** Reads the seed files of one directory (normally `<app root>/database/seed`). */
export function readSeed(directory: string): SeedBundle {
  return {
    creativeFields: readJson<CreativeFieldSeed[]>(directory, 'creative-fields.json'),
    countries: readJson<CountrySeed[]>(directory, 'countries.json'),
    cities: readJson<CitySeed[]>(directory, 'cities.json'),
    networkGoals: readJson<NetworkGoalSeed[]>(directory, 'network-goals.json'),
    network: readJson<NetworkSeed>(directory, 'network.json'),
    glossaryTerms: readJson<GlossaryTermSeed[]>(directory, 'glossary-terms.json'),
    earlier: readJson<EarlierValues>(directory, EARLIER_VALUES_FILE),
  };
}
