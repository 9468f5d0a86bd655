/**
 * The public REST API, as any website would use it: stock Strapi parameters only, fields and
 * populate trimmed to what a page shows. Responses are kept for the visit, so moving between
 * pages costs no second request.
 */

export class ApiUnreachableError extends Error {}

const cache = new Map();

/** Encodes nested query parameters the way Strapi (qs) reads them. */
export function toQuery(params, prefix = '') {
  const parts = [];
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value !== null && typeof value === 'object') parts.push(toQuery(value, name));
    else parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.filter(Boolean).join('&');
}

/** GET /api/<path> with the given parameters; throws ApiUnreachableError when there is no answer. */
export async function get(path, params = {}) {
  const url = `/api/${path}?${toQuery(params)}`;
  if (!cache.has(url)) {
    const request = fetch(url, { headers: { Accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) throw new ApiUnreachableError(`${response.status} for ${url}`);
        return response.json();
      })
      .catch((error) => {
        cache.delete(url);
        throw error instanceof ApiUnreachableError ? error : new ApiUnreachableError(String(error));
      });
    cache.set(url, request);
  }
  return cache.get(url);
}

const fieldList = (...names) => Object.fromEntries(names.map((name, index) => [index, name]));

/** The network page. */
export const network = (locale) =>
  get('network', { locale, fields: fieldList('title', 'intro', 'fundingNote'), populate: 'links' });

/** The six goals, in order. */
export const goals = (locale) =>
  get('network-goals', {
    locale,
    sort: 'position:asc',
    fields: fieldList('title', 'description', 'position'),
  });

/** The eight creative fields with the ids of their cities (for the counts). */
export const creativeFields = (locale) =>
  get('creative-fields', {
    locale,
    sort: 'name:asc',
    fields: fieldList('name', 'cityTitle', 'slug', 'key'),
    populate: { cities: { fields: fieldList('documentId') } },
  });

const CITY_PAGE_SIZE = 100;
const cityListParams = (locale, page) => ({
  locale,
  sort: 'name:asc',
  fields: fieldList('name', 'slug', 'memberSince', 'latitude', 'longitude'),
  populate: {
    creativeField: { fields: fieldList('name', 'slug', 'key') },
    country: { fields: fieldList('name', 'isoCode') },
  },
  pagination: { page, pageSize: CITY_PAGE_SIZE },
});

/** All member cities (the API pages by at most 100: the first page says how many follow). */
export async function allCities(locale) {
  const first = await get('cities', cityListParams(locale, 1));
  const pageCount = first.meta.pagination.pageCount;
  const rest = await Promise.all(
    Array.from({ length: pageCount - 1 }, (_, index) =>
      get('cities', cityListParams(locale, index + 2))
    )
  );
  return [first, ...rest].flatMap((response) => response.data);
}

/**
 * The cities whose name, in any locale, or alternative name matches `q` (case and accents
 * ignored, German transliteration, typos forgiven, the last word as a prefix), best matches
 * first: the API's multilingual search (GET /api/search). Each hit: `documentId`, `match`
 * (`exact`, `alternative`, `prefix`, `word` or `typo`) and `matchedName`.
 */
export async function searchCities(locale, q) {
  const params = (page) => ({ q, locale, types: 'cities', pagination: { page, pageSize: 100 } });
  const first = await get('search', params(1));
  const rest = await Promise.all(
    Array.from({ length: first.meta.pagination.pageCount - 1 }, (_, index) =>
      get('search', params(index + 2))
    )
  );
  return [first, ...rest].flatMap((response) => response.data);
}

const localizations = { fields: fieldList('slug', 'locale') };

/** One city by slug, with its field, country and the slugs of its other locale versions. */
export const cityBySlug = (locale, slug) =>
  get('cities', {
    locale,
    filters: { slug: { $eq: slug } },
    populate: {
      creativeField: { fields: fieldList('name', 'cityTitle', 'slug') },
      country: { fields: fieldList('name') },
      localizations,
    },
  });

/** One creative field by slug, with its cities (name, slug, country) and its other locales. */
export const creativeFieldBySlug = (locale, slug) =>
  get('creative-fields', {
    locale,
    filters: { slug: { $eq: slug } },
    populate: {
      cities: {
        fields: fieldList('name', 'slug', 'memberSince'),
        sort: 'name:asc',
        populate: { country: { fields: fieldList('name') } },
      },
      localizations,
    },
  });

/**
 * The draft shown on a preview page (the admin panel's Preview button adds `?preview=<token>`):
 * GET /preview/draft with that token and the page's path. Never kept, so that a save in the admin
 * panel shows on the next render. Resolves to null when the token is refused (expired, altered,
 * for another page): the page then shows what is published.
 */
export async function previewDraft(token, path) {
  let response;
  try {
    response = await fetch(`/preview/draft?${toQuery({ token, path })}`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiUnreachableError(String(error));
  }
  if (response.status >= 400 && response.status < 500) return null;
  if (!response.ok) throw new ApiUnreachableError(`${response.status} for the preview`);
  return (await response.json()).data;
}
