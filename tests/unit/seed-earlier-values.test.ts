import type { SeedFiles } from '../../src/lib/seed/build-seed';
import { earlierVersions, recordChanges } from '../../src/lib/seed/earlier-values';
import { planUpdate } from '../../src/lib/seed/same-content';
import type { CitySeed } from '../../src/lib/seed/types';
import { seedData } from '../helpers/seed-data';

const KASHAN: CitySeed = {
  key: 'kashan',
  name: { de: 'Kashan', en: 'Kashan' },
  slug: { de: 'kashan', en: 'kashan' },
  alternativeNames: [],
  country: 'IR',
  field: 'architecture',
  memberSince: 2025,
  unescoUrl: null,
  website: null,
  latitude: 33.98,
  longitude: 51.43,
  description: null,
};

function files(cities: CitySeed[]): SeedFiles {
  const { creativeFields, countries, networkGoals, network } = seedData();
  return { creativeFields, countries, cities, networkGoals, network };
}

describe('recordChanges', () => {
  const renamed = { ...KASHAN, name: { de: 'Kaschan', en: 'Kashan' } };

  it('records the earlier value of the changed locale only', () => {
    expect(recordChanges(files([KASHAN]), files([renamed]), {})).toEqual({
      cities: { kashan: [{ name: { de: 'Kashan' } }] },
    });
  });

  it('records nothing for unchanged, new or removed records', () => {
    const hebron = { ...KASHAN, key: 'hebron' };
    expect(recordChanges(files([KASHAN, hebron]), files([KASHAN]), {})).toEqual({});
    expect(recordChanges(files([KASHAN]), files([KASHAN, hebron]), {})).toEqual({});
  });

  it('appends to what earlier runs recorded, and does not change its input', () => {
    const earlier = { cities: { kashan: [{ website: 'https://old.example/' }] } };
    expect(recordChanges(files([KASHAN]), files([renamed]), earlier)).toEqual({
      cities: { kashan: [{ website: 'https://old.example/' }, { name: { de: 'Kashan' } }] },
    });
    expect(earlier.cities.kashan).toHaveLength(1);
  });

  it('records a whole value when a localized value becomes null', () => {
    const described = { ...KASHAN, description: { de: ['Text'], en: ['Text'] } };
    expect(recordChanges(files([described]), files([KASHAN]), {})).toEqual({
      cities: { kashan: [{ description: { de: ['Text'], en: ['Text'] } }] },
    });
  });
});

describe('earlierVersions', () => {
  it('rebuilds earlier versions backwards, newest first, locale by locale', () => {
    const current = { ...KASHAN, name: { de: 'Kāschān', en: 'Kashan' } };
    const versions = earlierVersions(current, [
      { name: { de: 'Kashan' } },
      { name: { de: 'Kaschan' } },
    ]);
    expect(versions.map((version) => version.name)).toEqual([
      { de: 'Kaschan', en: 'Kashan' },
      { de: 'Kashan', en: 'Kashan' },
    ]);
  });

  it('gives none for a record that never changed', () => {
    expect(earlierVersions(KASHAN, undefined)).toEqual([]);
  });
});

describe('planUpdate', () => {
  const wanted = { name: 'Kaschan', slug: 'kaschan', website: null };
  const earlier = [{ name: 'Kashan', slug: 'kashan', website: null }];

  it('writes fields that hold an earlier seed value', () => {
    const stored = { name: 'Kashan', slug: 'kashan', website: null };
    expect(planUpdate(stored, wanted, earlier)).toEqual({ write: ['name', 'slug'], kept: [] });
  });

  it('keeps fields an editor changed and writes the rest', () => {
    const stored = { name: 'Kashan', slug: 'kashan', website: 'https://www.kashan.ir/' };
    expect(planUpdate(stored, wanted, earlier)).toEqual({
      write: ['name', 'slug'],
      kept: ['website'],
    });
  });

  it('keeps every differing field when the seed has no earlier values', () => {
    const stored = { name: 'Kashan (Isfahan)', slug: 'kaschan', website: null };
    expect(planUpdate(stored, wanted, [])).toEqual({ write: [], kept: ['name'] });
  });

  it('compares values as the database returns them', () => {
    expect(planUpdate({ latitude: '33.98' }, { latitude: 33.98 }, [])).toEqual({
      write: [],
      kept: [],
    });
  });
});

describe('database/seed/earlier-values.json', () => {
  it('names only records of the current seed, each with values that differ from today', () => {
    const seed = seedData();
    for (const [key, partials] of Object.entries(seed.earlier.cities ?? {})) {
      const city = seed.cities.find((candidate) => candidate.key === key);
      expect(city).toBeDefined();
      for (const version of earlierVersions(city as CitySeed, partials)) {
        expect(version).not.toEqual(city);
      }
    }
  });
});
