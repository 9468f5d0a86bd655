import {
  parseSearchParams,
  withStoredChain,
  SearchParamError,
  unknownParams,
  type SearchContext,
} from '../../server/src/lib/params';

const context: SearchContext = {
  types: new Map([
    ['cities', 'api::city.city'],
    ['countries', 'api::country.country'],
  ]),
  locales: ['en', 'de'],
  defaultLocale: 'de',
  defaultPageSize: 25,
  maxPageSize: 100,
  maxQueryLength: 20,
  maxQueryWords: 4,
  facets: ['country', 'creativeField'],
};

const errorOf = (raw: Record<string, unknown>): SearchParamError => {
  try {
    parseSearchParams(raw, context);
  } catch (error) {
    if (error instanceof SearchParamError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('parseSearchParams', () => {
  it('fills in the defaults', () => {
    expect(parseSearchParams({ q: ' São  Paulo ' }, context)).toEqual({
      query: 'sao paulo',
      words: ['sao', 'paulo'],
      germanQuery: 'sao paulo',
      germanWords: ['sao', 'paulo'],
      facets: [],
      locale: 'de',
      fallbackLocale: null,
      fallbackChain: [],
      noFallback: false,
      types: ['api::city.city', 'api::country.country'],
      page: 1,
      pageSize: 25,
    });
  });

  it('takes fallbackLocale=none as no fallback, and the stored chain only without a fallbackLocale', () => {
    const none = parseSearchParams({ q: 'a', locale: 'en', fallbackLocale: 'none' }, context);
    expect(none).toMatchObject({ fallbackLocale: null, fallbackChain: [], noFallback: true });
    expect(withStoredChain(none, ['de'])).toBe(none);
    const plain = parseSearchParams({ q: 'a', locale: 'en' }, context);
    expect(withStoredChain(plain, ['en', 'de'])).toMatchObject({
      fallbackLocale: 'de',
      fallbackChain: ['de'],
    });
    const asked = parseSearchParams({ q: 'a', locale: 'en', fallbackLocale: 'de' }, context);
    expect(withStoredChain(asked, ['xx'])).toBe(asked);
  });

  it('reads types as a comma list or repeated, without duplicates', () => {
    expect(parseSearchParams({ q: 'a', types: 'countries, cities' }, context).types).toEqual([
      'api::country.country',
      'api::city.city',
    ]);
    expect(parseSearchParams({ q: 'a', types: ['cities', 'cities'] }, context).types).toEqual([
      'api::city.city',
    ]);
  });

  it('reads pagination from strings (REST) and numbers (GraphQL)', () => {
    expect(
      parseSearchParams({ q: 'a', pagination: { page: '3', pageSize: '10' } }, context)
    ).toMatchObject({ page: 3, pageSize: 10 });
    expect(parseSearchParams({ q: 'a', pagination: { page: 2 } }, context)).toMatchObject({
      page: 2,
      pageSize: 25,
    });
  });

  it('folds the query a second time with German transliteration', () => {
    expect(parseSearchParams({ q: 'Göteborg Düsseldorf' }, context)).toMatchObject({
      words: ['goteborg', 'dusseldorf'],
      germanWords: ['goeteborg', 'duesseldorf'],
    });
  });

  it('reads facets as a comma list or repeated, without duplicates', () => {
    expect(
      parseSearchParams({ q: 'a', facets: ['country,creativeField', 'country'] }, context).facets
    ).toEqual(['country', 'creativeField']);
  });

  it('drops a fallback locale equal to the locale', () => {
    expect(
      parseSearchParams({ q: 'a', locale: 'en', fallbackLocale: 'en' }, context).fallbackLocale
    ).toBeNull();
  });

  it.each([
    [{}, 'q', 'q is required'],
    [{ q: ['a', 'b'] }, 'q', 'q must be a string'],
    [{ q: 'x'.repeat(21) }, 'q', 'q is longer than 20 characters'],
    [{ q: '!?' }, 'q', 'q must contain a letter or a digit'],
    [{ q: 'a', locale: 'fr' }, 'locale', 'Unknown locale "fr". Available locales: de, en.'],
    [
      { q: 'a', types: 'networks' },
      'types',
      'Unknown type "networks" in types. Available types: cities, countries.',
    ],
    [
      { q: 'a', pagination: { pageSize: '1.5' } },
      'pagination[pageSize]',
      'pagination[pageSize] must be a positive integer',
    ],
    [
      { q: 'a', pagination: { pageSize: 101 } },
      'pagination[pageSize]',
      'pagination[pageSize] must be at most 100',
    ],
    [{ q: 'a', pagination: 'x' }, 'pagination', 'pagination must be an object'],
    [{ q: 'a b c d e' }, 'q', 'q has more than 4 words'],
    [
      { q: 'a', facets: 'city' },
      'facets',
      'Unknown facet "city" in facets. Available facets: country, creativeField.',
    ],
  ])('%j is refused (%s)', (raw, param, message) => {
    const error = errorOf(raw);
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });
});

describe('unknownParams', () => {
  it('names what is no search parameter', () => {
    expect(
      unknownParams({ q: 'a', locale: 'de', sort: 'name', pagination: { page: '1', start: '0' } })
    ).toEqual(['sort', 'pagination[start]']);
  });
});
