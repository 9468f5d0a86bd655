/**
 * Validation of a search request, the same for REST (`?q=&locale=&types=&pagination[page]=`) and
 * GraphQL (`search(q:, locale:, types:, pagination:)`): every refusal names what is allowed.
 */
import { fold, foldGerman, words } from './fold';

/** A search request the parameters describe. */
export interface SearchRequest {
  /** The folded query (see fold.ts). */
  query: string;
  words: string[];
  /** The query folded after German transliteration (`ö` → `oe`); word by word as `words`. */
  germanQuery: string;
  germanWords: string[];
  /** Facet names to count the hits by (none when not asked). */
  facets: string[];
  /** Locale of the answer; null when no searched type is localized. */
  locale: string | null;
  /** The first fallback locale (the request's `fallbackLocale`, else the first of the chain). */
  fallbackLocale: string | null;
  /**
   * The fallback locales, in order: `[fallbackLocale]` when the request names one; else the
   * locale's stored chain, filled in by the service ({@link withStoredChain}).
   */
  fallbackChain: string[];
  /** True for `fallbackLocale=none`: no fallback, not even a stored chain. */
  noFallback: boolean;
  /** Content type uids to search, in configuration order. */
  types: string[];
  page: number;
  pageSize: number;
}

/** What the request is checked against. */
export interface SearchContext {
  /** Searchable types: URL name (the schema's pluralName) → uid. */
  types: ReadonlyMap<string, string>;
  /** Locale codes that exist; empty when the i18n plugin is absent. */
  locales: readonly string[];
  defaultLocale: string | null;
  defaultPageSize: number;
  maxPageSize: number;
  maxQueryLength: number;
  /** Most words in `q`. */
  maxQueryWords: number;
  /** Facet names the configured types offer. */
  facets: readonly string[];
}

/** Raw parameters, as they come from a query string or GraphQL arguments. */
export interface RawSearchParams {
  q?: unknown;
  locale?: unknown;
  fallbackLocale?: unknown;
  types?: unknown;
  facets?: unknown;
  pagination?: unknown;
}

export const SEARCH_PARAMS: readonly string[] = [
  'q',
  'locale',
  'fallbackLocale',
  'types',
  'facets',
  'pagination',
];
const PAGINATION_PARAMS: readonly string[] = ['page', 'pageSize'];

/** `fallbackLocale=none`: no fallback for this request, not even the locale's stored chain. */
export const NO_FALLBACK = 'none';

/**
 * The request with the stored fallback chain of its locale when it names no `fallbackLocale`
 * (and not `none`); `chain` as the locale settings give it (members other than the locale).
 */
export function withStoredChain(request: SearchRequest, chain: readonly string[]): SearchRequest {
  if (request.noFallback || request.fallbackLocale !== null || request.locale === null) {
    return request;
  }
  const steps = chain.filter((code) => code !== request.locale);
  if (steps.length === 0) return request;
  return { ...request, fallbackLocale: steps[0], fallbackChain: [...steps] };
}

/** A parameter the request cannot be answered with; the message says what is allowed. */
export class SearchParamError extends Error {
  constructor(
    message: string,
    readonly param: string
  ) {
    super(message);
    this.name = 'SearchParamError';
  }
}

function text(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SearchParamError(`${param} must be a string`, param);
  return value;
}

function locale(value: unknown, param: string, context: SearchContext): string | undefined {
  const code = text(value, param);
  if (code === undefined || code === '') return undefined;
  if (!context.locales.includes(code)) {
    throw new SearchParamError(
      `Unknown ${param} "${code}". Available locales: ${[...context.locales].sort().join(', ')}.`,
      param
    );
  }
  return code;
}

/** Largest page number (and page size before its own bound) a search accepts. */
const MAX_PAGINATION_NUMBER = 1_000_000;

function positiveInteger(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(text(value, param));
  if (!Number.isInteger(number) || number < 1) {
    throw new SearchParamError(`${param} must be a positive integer`, param);
  }
  // `1e308` is an integer to JavaScript, and its offset an overflow to the database (a 500).
  if (number > MAX_PAGINATION_NUMBER) {
    throw new SearchParamError(`${param} must be at most ${MAX_PAGINATION_NUMBER}`, param);
  }
  return number;
}

/** A list given comma-separated, repeated, or both (`types=cities,countries`). */
function nameList(value: unknown, param: string): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => {
    if (typeof item !== 'string') throw new SearchParamError(`${param} must be a string`, param);
    return item
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
  });
}

/** Parameters of the query string that are not search parameters (a 400 on a strict API). */
export function unknownParams(query: Record<string, unknown>): string[] {
  const unknown = Object.keys(query).filter((key) => !SEARCH_PARAMS.includes(key));
  const pagination = query.pagination;
  if (pagination && typeof pagination === 'object' && !Array.isArray(pagination)) {
    for (const key of Object.keys(pagination)) {
      if (!PAGINATION_PARAMS.includes(key)) unknown.push(`pagination[${key}]`);
    }
  }
  return unknown;
}

/** Checks the parameters and fills in the defaults; throws {@link SearchParamError}. */
export function parseSearchParams(raw: RawSearchParams, context: SearchContext): SearchRequest {
  const q = text(raw.q, 'q');
  if (q === undefined || q.trim() === '') throw new SearchParamError('q is required', 'q');
  if (q.length > context.maxQueryLength) {
    throw new SearchParamError(`q is longer than ${context.maxQueryLength} characters`, 'q');
  }
  const query = fold(q);
  if (query === '') throw new SearchParamError('q must contain a letter or a digit', 'q');
  const queryWords = words(query);
  if (queryWords.length > context.maxQueryWords) {
    throw new SearchParamError(`q has more than ${context.maxQueryWords} words`, 'q');
  }
  const germanQuery = foldGerman(q);

  const requested = locale(raw.locale, 'locale', context) ?? context.defaultLocale;
  const noFallback = raw.fallbackLocale === NO_FALLBACK;
  const fallback = noFallback ? undefined : locale(raw.fallbackLocale, 'fallbackLocale', context);

  const names = nameList(raw.types, 'types');
  const types = names
    ? [...new Set(names)].map((name) => {
        const uid = context.types.get(name);
        if (!uid) {
          throw new SearchParamError(
            `Unknown type "${name}" in types. Available types: ${[...context.types.keys()].join(', ')}.`,
            'types'
          );
        }
        return uid;
      })
    : [...context.types.values()];

  const facets = [...new Set(nameList(raw.facets, 'facets') ?? [])];
  for (const facet of facets) {
    if (!context.facets.includes(facet)) {
      throw new SearchParamError(
        context.facets.length === 0
          ? 'facets: no facets are configured'
          : `Unknown facet "${facet}" in facets. Available facets: ${context.facets.join(', ')}.`,
        'facets'
      );
    }
  }

  let page = 1;
  let pageSize = context.defaultPageSize;
  if (raw.pagination !== undefined && raw.pagination !== null) {
    if (typeof raw.pagination !== 'object' || Array.isArray(raw.pagination)) {
      throw new SearchParamError('pagination must be an object', 'pagination');
    }
    const pagination = raw.pagination as Record<string, unknown>;
    page = positiveInteger(pagination.page, 'pagination[page]') ?? page;
    pageSize = positiveInteger(pagination.pageSize, 'pagination[pageSize]') ?? pageSize;
    if (pageSize > context.maxPageSize) {
      throw new SearchParamError(
        `pagination[pageSize] must be at most ${context.maxPageSize}`,
        'pagination[pageSize]'
      );
    }
  }

  return {
    query,
    words: queryWords,
    germanQuery,
    germanWords: words(germanQuery),
    facets,
    locale: requested,
    fallbackLocale: fallback && fallback !== requested ? fallback : null,
    fallbackChain: fallback && fallback !== requested ? [fallback] : [],
    noFallback,
    types,
    page,
    pageSize,
  };
}
