import { readFileSync } from 'node:fs';
import path from 'node:path';

import { COORDINATE_OVERRIDES } from '../../src/lib/seed/content/coordinate-overrides';
import {
  distanceKm,
  findCitiesWithoutCoordinates,
  placeMatchKey,
  resolveCoordinates,
  type GeoNamesCity,
} from '../../src/lib/seed/coordinates';
import type { CitySeed } from '../../src/lib/seed/types';

const cities = JSON.parse(
  readFileSync(path.join(__dirname, '../../database/seed/cities.json'), 'utf8')
) as CitySeed[];

/**
 * Cities whose coordinates are set by hand in coordinate-overrides.ts: not in GeoNames under
 * their CSV name, or matched to another place of the same name. Changing the override table
 * means changing this list too.
 */
const HAND_RESOLVED = [
  'al-ahsa',
  'al-madinah-al-munawwarah',
  'austin',
  'baguio-city',
  'bamiyan',
  'bandung',
  'belem',
  'bistrita',
  'bucheon',
  'buffalo-city',
  'buraidah',
  'changsha',
  'cheongju',
  'duran',
  'evian',
  'gimhae',
  'gwangju',
  'hatay',
  'herakleion',
  'icheon',
  'jinju',
  'kansas-city',
  'lalitpur',
  'macao',
  'muharraq',
  'okayama-city',
  'overstrand-hermanus',
  'quanzhou',
  'queretaro',
  'san-antonio',
  'san-javier-de-loncomilla',
  'san-jose',
  'santa-fe',
  'santa-maria-da-feira',
  'santiago-de-cali',
  'sifnos',
  'slemani',
  'suphanburi',
  'suzhou',
  'tambasasayama',
  'tel-aviv-yafo',
  'ulaanbaatar',
  'umngeni-howick',
  'veliky-novgorod',
  'vicente-lopez',
  'xalapa',
];

function city(key: string): CitySeed {
  const found = cities.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`No city ${key} in cities.json`);
  return found;
}

describe('coordinates in database/seed/cities.json', () => {
  it('every city has a latitude and longitude', () => {
    expect(findCitiesWithoutCoordinates(cities)).toEqual([]);
  });

  it('stores coordinates with at most 4 decimals', () => {
    const tooPrecise = cities.filter(
      (c) =>
        !/^-?\d+(\.\d{1,4})?$/.test(String(c.latitude)) ||
        !/^-?\d+(\.\d{1,4})?$/.test(String(c.longitude))
    );
    expect(tooPrecise.map((c) => c.key)).toEqual([]);
  });

  it('overrides exactly the hand-resolved cities, with the override values', () => {
    expect(Object.keys(COORDINATE_OVERRIDES).sort()).toEqual(HAND_RESOLVED);
    for (const key of HAND_RESOLVED) {
      const { latitude, longitude } = COORDINATE_OVERRIDES[key];
      expect([key, city(key).latitude, city(key).longitude]).toEqual([key, latitude, longitude]);
    }
  });

  // Known traps: same-name places elsewhere. Expected positions are approximate city centres.
  it.each([
    ['london', 'CA', 42.98, -81.25], // London, Ontario
    ['perth', 'GB', 56.4, -3.44], // Perth, Scotland
    ['granada-es', 'ES', 37.18, -3.6],
    ['granada-ni', 'NI', 11.93, -85.96],
    ['santa-fe', 'US', 35.69, -105.94], // New Mexico, not Texas
    ['merida', 'MX', 20.97, -89.62], // Yucatán
    ['trinidad', 'CU', 21.8, -79.98],
    ['valencia', 'ES', 39.47, -0.38],
    ['cuenca', 'EC', -2.9, -79.0],
    ['iowa-city', 'US', 41.66, -91.53],
    ['kansas-city', 'US', 39.1, -94.58], // Missouri
    ['queretaro', 'MX', 20.59, -100.39],
    ['macao', 'CN', 22.2, 113.55],
    ['hoehr-grenzhausen', 'DE', 50.43, 7.67],
    ['bistrita', 'RO', 47.13, 24.49], // Bistrița-Năsăud, not the villages of that name
    ['hebron', 'PS', 31.53, 35.1],
  ])('%s (%s) is within 25 km of (%d, %d)', (key, country, lat, lng) => {
    const { latitude, longitude, country: actualCountry } = city(key);
    expect(actualCountry).toBe(country);
    expect(distanceKm(lat, lng, latitude ?? NaN, longitude ?? NaN)).toBeLessThan(25);
  });
});

describe('findCitiesWithoutCoordinates', () => {
  it('lists cities with missing or invalid coordinates', () => {
    expect(
      findCitiesWithoutCoordinates([
        { key: 'ok', latitude: 49.4077, longitude: 8.6908 },
        { key: 'no-lat', latitude: null, longitude: 8.6908 },
        { key: 'no-lng', latitude: 49.4077, longitude: null },
        { key: 'nan', latitude: Number.NaN, longitude: 0 },
        { key: 'out-of-range', latitude: 91, longitude: 0 },
      ])
    ).toEqual(['no-lat', 'no-lng', 'nan', 'out-of-range']);
  });
});

describe('resolveCoordinates', () => {
  const geonames: GeoNamesCity[] = [
    { name: 'Santa Fe', lat: '29.37801', lng: '-95.10576', country: 'US' },
    { name: 'Santa Fe', lat: '35.68698', lng: '-105.9378', country: 'US' },
    { name: 'London', lat: '51.50853', lng: '-0.12574', country: 'GB' },
    { name: 'London', lat: '42.98339', lng: '-81.23304', country: 'CA' },
    { name: 'Kırşehir', lat: '39.14583', lng: '34.16389', country: 'TR' },
    { name: 'Évian-les-Bains', lat: '46.40111', lng: '6.58793', country: 'FR' },
  ];

  it('matches by name within the country and rounds to 4 decimals', () => {
    const { resolved, missing } = resolveCoordinates(
      [{ key: 'london', nameEn: 'London', nameDe: 'London', country: 'CA' }],
      geonames,
      {}
    );
    expect(missing).toEqual([]);
    expect(resolved.get('london')).toEqual({
      latitude: 42.9834,
      longitude: -81.233,
      source: 'matched',
      place: 'London',
      candidates: 1,
      spreadKm: 0,
    });
  });

  it('matches an ASCII-folded name', () => {
    const { resolved } = resolveCoordinates(
      [{ key: 'kirsehir', nameEn: 'Kirsehir', nameDe: 'Kirsehir', country: 'TR' }],
      geonames,
      {}
    );
    expect(resolved.get('kirsehir')?.source).toBe('matched');
    expect(placeMatchKey('Kırşehir')).toBe('kirsehir');
  });

  it('takes the first of several candidates and marks it ambiguous', () => {
    const { resolved } = resolveCoordinates(
      [{ key: 'santa-fe', nameEn: 'Santa Fe', nameDe: 'Santa Fe', country: 'US' }],
      geonames,
      {}
    );
    expect(resolved.get('santa-fe')).toMatchObject({
      latitude: 29.378,
      source: 'ambiguous',
      candidates: 2,
    });
    expect(resolved.get('santa-fe')?.spreadKm).toBeGreaterThan(1000);
  });

  it('prefers the larger population when the data has one', () => {
    const withPopulation = geonames.map((entry) =>
      entry.lat === '35.68698' ? { ...entry, population: 84000 } : { ...entry, population: 13000 }
    );
    const { resolved } = resolveCoordinates(
      [{ key: 'santa-fe', nameEn: 'Santa Fe', nameDe: 'Santa Fe', country: 'US' }],
      withPopulation,
      {}
    );
    expect(resolved.get('santa-fe')?.latitude).toBe(35.687);
  });

  it('lets an override win and reports unmatched cities as missing', () => {
    const { resolved, missing } = resolveCoordinates(
      [
        { key: 'santa-fe', nameEn: 'Santa Fe', nameDe: 'Santa Fe', country: 'US' },
        { key: 'evian', nameEn: 'Evian', nameDe: 'Evian', country: 'FR' },
        { key: 'atlantis', nameEn: 'Atlantis', nameDe: 'Atlantis', country: 'GR' },
      ],
      geonames,
      { 'santa-fe': { latitude: 35.687, longitude: -105.9378, place: 'Santa Fe, New Mexico' } }
    );
    expect(resolved.get('santa-fe')).toMatchObject({ source: 'override', latitude: 35.687 });
    expect(missing).toEqual(['evian', 'atlantis']);
  });

  it('throws on an override for an unknown city key', () => {
    expect(() =>
      resolveCoordinates([], geonames, { nowhere: { latitude: 0, longitude: 0, place: 'x' } })
    ).toThrow('Coordinate overrides for unknown city keys: nowhere');
  });
});
