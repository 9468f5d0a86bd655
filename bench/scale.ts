/**
 * More content for the bench: `--scale N` grows a seeded instance to N times its member cities
 * per locale, so that what a page, a search or an export costs can be read against the amount of
 * content (issue 26: search at ten times today's cities; issue 28 builds on it).
 *
 * The copies are written the way an editor's tool would write them, through the REST API with a
 * full-access token (German first, then the English version of the same document), so that every
 * index, link table and history row is what the app itself makes. They are deterministic and
 * plausible: copy `v` of a city is the city's name with the v-th of a fixed list of German (and
 * English) place-name prefixes, in the same country and creative field, with the same membership
 * year and coordinates moved by a fraction of a degree.
 */

/** Prefixes of place names, German and English, one per copy (at most 99 copies: `--scale 100`). */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['Neu', 'New'],
  ['Alt', 'Old'],
  ['Ober', 'Upper'],
  ['Unter', 'Lower'],
  ['Nord', 'North'],
  ['Süd', 'South'],
  ['Ost', 'East'],
  ['West', 'West'],
  ['Groß', 'Great'],
  ['Klein', 'Little'],
  ['Hoch', 'High'],
  ['Nieder', 'Nether'],
  ['Sankt', 'Saint'],
  ['Bad', 'Spa'],
  ['Markt', 'Market'],
  ['Burg', 'Castle'],
  ['Stadt', 'Town'],
  ['Hafen', 'Harbour'],
  ['Berg', 'Mount'],
  ['Tal', 'Vale'],
];

/** The prefix pair of copy `v` (1-based): the list, then the list again with a number. */
function prefixOf(v: number): readonly [string, string] {
  const [de, en] = PREFIXES[(v - 1) % PREFIXES.length];
  const round = Math.floor((v - 1) / PREFIXES.length);
  return round === 0 ? [de, en] : [`${de} ${round + 1}.`, `${en} ${round + 1}`];
}

/** Document ids of generated copies start with this (never produced by Strapi's cuid2 ids). */
export const GENERATED_PREFIX = 'gen';

/** The document id of copy `v` of a document: 24 characters like Strapi's, deterministic. */
export function generatedDocumentId(source: string, v: number): string {
  const tag = `${GENERATED_PREFIX}${v.toString(36).padStart(3, '0')}`;
  return `${tag}${source.slice(tag.length)}`;
}

/** The name of copy `v` of a city in `locale` (German prefixes for `de`, English otherwise). */
export function copyName(name: string, v: number, locale: string): string {
  const [de, en] = prefixOf(v);
  return `${locale === 'de' ? de : en} ${name}`;
}

/** A URL slug of a name: lower case ASCII, umlauts spelt out, words joined by hyphens. */
export function slugOf(name: string): string {
  return name
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface SourceCity {
  documentId: string;
  key: string | null;
  name: string;
  memberSince: string | null;
  latitude: number | string | null;
  longitude: number | string | null;
  country: { documentId: string } | null;
  creativeField: { documentId: string } | null;
}

/** Every published city of `locale`, read a page of 100 at a time. */
async function citiesOf(base: string, token: string, locale: string): Promise<SourceCity[]> {
  const cities: SourceCity[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(
      `${base}/api/cities?locale=${locale}&sort=documentId&pagination[pageSize]=100&pagination[page]=${page}` +
        '&fields[0]=key&fields[1]=name&fields[2]=memberSince&fields[3]=latitude&fields[4]=longitude' +
        '&populate[country][fields][0]=documentId&populate[creativeField][fields][0]=documentId',
      { headers: { Authorization: `Bearer ${token}` } }
    );
    if (!res.ok) throw new Error(`cities (${locale}) page ${page}: ${res.status}`);
    const body = (await res.json()) as {
      data: SourceCity[];
      meta: { pagination: { pageCount: number } };
    };
    cities.push(...body.data);
    if (page >= body.meta.pagination.pageCount) return cities;
  }
}

/** Moves a coordinate by `v` thousandths of a degree, as a string Strapi's decimal accepts. */
export function shifted(value: number | string | null, v: number): number | null {
  if (value === null) return null;
  return Math.round((Number(value) + v / 1000) * 1e6) / 1e6;
}

async function send(
  base: string,
  token: string,
  method: 'POST' | 'PUT',
  path: string,
  data: Record<string, unknown>
): Promise<{ documentId: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ data }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { documentId: string } }).data;
}

export interface GrowthReport {
  /** Cities per locale before and after. */
  before: number;
  after: number;
  seconds: number;
}

/**
 * Adds `factor - 1` copies of every city in German and English, `parallel` writes at a time;
 * returns the counts and how long it took.
 */
export async function growCities(
  base: string,
  token: string,
  factor: number,
  parallel = 4
): Promise<GrowthReport> {
  if (!Number.isInteger(factor) || factor < 1 || factor > 100)
    throw new Error(`--scale takes whole factors from 1 to 100, not ${factor}`);
  const started = Date.now();
  const german = await citiesOf(base, token, 'de');
  const englishNames = new Map(
    (await citiesOf(base, token, 'en')).map((city) => [city.documentId, city.name])
  );
  const jobs: Array<{ city: SourceCity; v: number }> = [];
  for (let v = 1; v < factor; v++) for (const city of german) jobs.push({ city, v });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { city, v } = jobs[next++];
      const [dePrefix, enPrefix] = prefixOf(v);
      const created = await send(base, token, 'POST', '/api/cities?locale=de', {
        name: `${dePrefix} ${city.name}`,
        key: city.key === null ? null : `${city.key}-${v}`,
        memberSince: city.memberSince,
        latitude: shifted(city.latitude, v),
        longitude: shifted(city.longitude, v),
        country: city.country?.documentId ?? null,
        creativeField: city.creativeField?.documentId ?? null,
      });
      await send(base, token, 'PUT', `/api/cities/${created.documentId}?locale=en`, {
        name: `${enPrefix} ${englishNames.get(city.documentId) ?? city.name}`,
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const after = await citiesOf(base, token, 'de');
  return {
    before: german.length,
    after: after.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
