import { validateConfig, defaultConfig } from '../../server/src/config';
import {
  isIgnoredParam,
  stripQueryParams,
  TRACKING_QUERY_PARAMS,
} from '../../server/src/lib/query-params';

describe('stripQueryParams', () => {
  it('removes tracking parameters and keeps the others byte for byte, in order', () => {
    expect(
      stripQueryParams(
        'utm_source=news&locale=de&gclid=x&filters%5Bname%5D%5B%24eq%5D=K%C3%B6ln&_=1&fbclid=y&mc_cid=1&mc_eid=2&utm_campaign=z',
        TRACKING_QUERY_PARAMS
      )
    ).toBe('locale=de&filters%5Bname%5D%5B%24eq%5D=K%C3%B6ln');
  });

  it('matches encoded names and bracketed forms of an ignored name', () => {
    expect(stripQueryParams('utm%5Fsource=a&utm_source[x]=b&sort=name', ['utm_*'])).toBe(
      'sort=name'
    );
  });

  it('leaves unknown parameters for Strapi to refuse', () => {
    expect(stripQueryParams('foo=1&utm=2&_x=3&gclid_2=4', TRACKING_QUERY_PARAMS)).toBe(
      'foo=1&utm=2&_x=3&gclid_2=4'
    );
  });

  it('returns the same string when nothing matches or nothing is configured', () => {
    const search = 'locale=en&pagination[page]=2';
    expect(stripQueryParams(search, TRACKING_QUERY_PARAMS)).toBe(search);
    expect(stripQueryParams('utm_source=a', [])).toBe('utm_source=a');
  });
});

describe('isIgnoredParam', () => {
  it('treats a trailing * as a prefix and everything else as an exact name', () => {
    expect(isIgnoredParam('utm_medium', ['utm_*'])).toBe(true);
    expect(isIgnoredParam('xutm_medium', ['utm_*'])).toBe(false);
    expect(isIgnoredParam('_', ['_'])).toBe(true);
    expect(isIgnoredParam('__', ['_'])).toBe(false);
  });
});

describe('ignoredQueryParams setting', () => {
  const withList = (ignoredQueryParams: unknown) =>
    ({ ...defaultConfig(), ignoredQueryParams }) as ReturnType<typeof defaultConfig>;

  it('accepts null (the tracking parameters), an empty list and a list of names', () => {
    expect(() => validateConfig(withList(null))).not.toThrow();
    expect(() => validateConfig(withList([]))).not.toThrow();
    expect(() => validateConfig(withList(['utm_*', 'ref']))).not.toThrow();
  });

  it.each([['utm_source'], [['']], [['*']], [[1]]])('refuses %j', (value) => {
    expect(() => validateConfig(withList(value))).toThrow(/ignoredQueryParams must be a list/);
  });
});
