import { DEFAULT_CONFIG, parseCacheConfig, resolveBus } from '../../server/src/lib/config';
import { isQueryOperation } from '../../server/src/lib/graphql';
import { etagOf, ifNoneMatchMatches, storableHeaders } from '../../server/src/lib/http';
import {
  graphqlBodyKey,
  isPrivateRequest,
  normaliseQuery,
  requestKey,
} from '../../server/src/lib/key';
import { QueryCounter } from '../../server/src/lib/query-counter';
import { contentModels, isContentWrite } from '../../server/src/lib/scope';
import { ResponseStore, type CachedResponse } from '../../server/src/lib/store';

function entry(body: string): CachedResponse {
  const bytes = Buffer.from(body);
  return { status: 200, headers: {}, body: bytes, etag: etagOf(bytes) };
}

describe('cache keys', () => {
  it('ignores the order of distinct parameters and their percent-encoding', () => {
    expect(normaliseQuery('locale=en&pagination%5BpageSize%5D=25')).toBe(
      normaliseQuery('?pagination[pageSize]=25&locale=en')
    );
    expect(normaliseQuery('filters[name][$eq]=K%C3%B6ln')).toBe(
      normaliseQuery('filters[name][$eq]=Köln')
    );
    expect(normaliseQuery('q=a+b')).toBe(normaliseQuery('q=a%20b'));
  });

  it('keeps the order of repeated parameters, which Strapi honours', () => {
    expect(normaliseQuery('sort=name&sort=memberSince')).not.toBe(
      normaliseQuery('sort=memberSince&sort=name')
    );
  });

  it('separates every parameter that changes the answer', () => {
    const base = 'locale=en&pagination[pageSize]=25';
    const keys = [
      base,
      'locale=de&pagination[pageSize]=25',
      `${base}&fallbackLocale=de`,
      `${base}&populate=country`,
      `${base}&status=draft`,
      `${base}&filters[slug][$eq]=krakow`,
      `${base}&sort=name:desc`,
    ].map((query) => requestKey('/api/cities', query, {}));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps path case (document ids are case-sensitive) and response-format headers apart', () => {
    expect(requestKey('/api/cities/AbC', '', {})).not.toBe(requestKey('/api/cities/abc', '', {}));
    expect(requestKey('/api/cities', '', { accept: 'application/json' })).not.toBe(
      requestKey('/api/cities', '', { accept: 'text/html' })
    );
    expect(requestKey('/api/cities', '', { origin: 'https://a.example' })).not.toBe(
      requestKey('/api/cities', '', {})
    );
  });

  it('leaves the configured ignored parameters out of the key, and only those', () => {
    const ignored = ['utm_*', 'gclid', '_'];
    const key = (query: string) => requestKey('/api/cities', query, {}, ignored);
    expect(key('utm_source=a&locale=de')).toBe(key('locale=de&utm_source=b&utm_medium=c'));
    expect(key('locale=de&gclid=1&_=123')).toBe(key('locale=de'));
    expect(key('utm%5Fsource=a&locale=de')).toBe(key('locale=de'));
    expect(key('locale=de&foo=1')).not.toBe(key('locale=de'));
    // Without the setting every parameter counts.
    expect(requestKey('/api/cities', 'utm_source=a', {})).not.toBe(
      requestKey('/api/cities', 'utm_source=b', {})
    );
  });

  it('survives malformed escapes', () => {
    expect(normaliseQuery('a=%E0%A4%A')).toBe('a=%25E0%25A4%25A');
  });

  it('keeps the order of parameters with one base name: it is the sort order', () => {
    // qs builds `sort[memberSince]=desc&sort[name]=desc` into { memberSince, name }, in that order.
    expect(normaliseQuery('sort[memberSince]=desc&sort[name]=desc')).not.toBe(
      normaliseQuery('sort[name]=desc&sort[memberSince]=desc')
    );
    expect(normaliseQuery('fields[0]=name&fields[1]=slug&locale=de')).toBe(
      normaliseQuery('locale=de&fields[0]=name&fields[1]=slug')
    );
  });

  it('keys GraphQL bodies on their bytes, and response-format headers', () => {
    const body = (text: string) => Buffer.from(text);
    const one = graphqlBodyKey('/graphql', body('{"query":"{ a }","variables":{"x":1}}'), {});
    expect(graphqlBodyKey('/graphql', body('{"query":"{ a }","variables":{"x":1}}'), {})).toBe(one);
    for (const different of [
      '{"query":"{ a }","variables":{"x":2}}',
      '{"query":"{ b }","variables":{"x":1}}',
      '{"query":"{ a }","variables":{"x":1},"operationName":"Q"}',
    ]) {
      expect(graphqlBodyKey('/graphql', body(different), {})).not.toBe(one);
    }
    expect(
      graphqlBodyKey('/graphql', body('{"query":"{ a }"}'), { origin: 'https://a.example' })
    ).not.toBe(graphqlBodyKey('/graphql', body('{"query":"{ a }"}'), {}));
  });
});

describe('private requests', () => {
  it('treats any Authorization header and admin cookies as private', () => {
    expect(isPrivateRequest({ authorization: 'Bearer x' })).toBe(true);
    expect(isPrivateRequest({ cookie: 'strapi_admin_refresh=abc' })).toBe(true);
    expect(isPrivateRequest({ cookie: 'theme=dark; koa.sess=1' })).toBe(true);
    expect(isPrivateRequest({ cookie: 'theme=dark' })).toBe(false);
    expect(isPrivateRequest({})).toBe(false);
  });
});

describe('GraphQL operations', () => {
  it('caches queries only', () => {
    expect(isQueryOperation('{ cities { name } }', undefined)).toBe(true);
    expect(isQueryOperation('query Q { cities { name } }', 'Q')).toBe(true);
    expect(
      isQueryOperation('mutation { deleteCity(documentId: "x") { documentId } }', undefined)
    ).toBe(false);
    expect(isQueryOperation('query A { a } mutation B { b }', 'B')).toBe(false);
    expect(isQueryOperation('query A { a } query B { b }', undefined)).toBe(false);
    expect(isQueryOperation('{ broken', undefined)).toBe(false);
    expect(isQueryOperation(42, undefined)).toBe(false);
  });
});

describe('HTTP helpers', () => {
  it('matches If-None-Match lists, weak tags and *', () => {
    const etag = etagOf(Buffer.from('x'));
    expect(ifNoneMatchMatches(etag, etag)).toBe(true);
    expect(ifNoneMatchMatches(`"a", W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches('"other"', etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
  });

  it('stores response headers except connection-level and per-request ones', () => {
    const kept = storableHeaders([
      ['Content-Type', 'application/json'],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['Content-Length', 10],
      ['Date', 'now'],
      ['X-Query-Count', '3'],
      ['X-Cache', 'MISS'],
    ]);
    expect(kept).toEqual({ 'Content-Type': 'application/json', 'X-Frame-Options': 'SAMEORIGIN' });
  });
});

describe('response store', () => {
  it('refuses a response computed before an invalidation', () => {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const before = store.generation;
    store.invalidate();
    expect(store.set('k', entry('old'), ['all'], before)).toBe(false);
    expect(store.get('k')).toBeUndefined();
    expect(store.set('k', entry('new'), ['all'], store.generation)).toBe(true);
    expect(store.get('k')?.body.toString()).toBe('new');
    store.invalidate();
    expect(store.get('k')).toBeUndefined();
  });

  it('is bounded by entries and by bytes', () => {
    const byCount = new ResponseStore({ maxEntries: 2, maxBytes: 1_000_000 });
    for (const key of ['a', 'b', 'c']) byCount.set(key, entry(key), [], byCount.generation);
    expect(byCount.size).toBe(2);
    expect(byCount.get('a')).toBeUndefined();

    const byBytes = new ResponseStore({ maxEntries: 100, maxBytes: 5000 });
    for (let i = 0; i < 10; i += 1)
      byBytes.set(`k${i}`, entry('x'.repeat(1000)), [], byBytes.generation);
    expect(byBytes.bytes).toBeLessThanOrEqual(5000);
    expect(byBytes.set('huge', entry('x'.repeat(10_000)), [], byBytes.generation)).toBe(false);
  });
});

describe('per-entry size cap', () => {
  it('keeps no answer larger than maxEntryBytes, so one answer cannot evict the others', () => {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 100_000, maxEntryBytes: 1000 });
    const generation = store.generation;
    expect(store.set('small', entry('x'.repeat(1000)), ['t'], generation)).toBe(true);
    expect(store.set('large', entry('x'.repeat(1001)), ['t'], generation)).toBe(false);
    expect(store.get('small')).toBeDefined();
    expect(store.get('large')).toBeUndefined();
  });
});

describe('compressed variants in the store', () => {
  it('counts variants toward the entry size and maxEntryBytes, and replaces only the current entry', () => {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 100_000, maxEntryBytes: 1500 });
    const plain = entry('x'.repeat(1000));
    store.set('k', plain, ['t'], store.generation);
    const before = store.bytes;
    const withGzip = { ...plain, variants: { gzip: { body: Buffer.alloc(300) } } };
    expect(store.replace('k', plain, withGzip)).toBe(true);
    expect(store.bytes - before).toBe(300);
    expect(store.get('k')).toBe(withGzip);
    // Replacing from a stale copy changes nothing.
    expect(store.replace('k', plain, { ...plain, variants: {} })).toBe(false);
    // Over maxEntryBytes with the variant: not kept.
    const tooLarge = {
      ...withGzip,
      variants: { ...withGzip.variants, br: { body: Buffer.alloc(400) } },
    };
    expect(store.replace('k', withGzip, tooLarge)).toBe(false);
    expect(store.get('k')).toBe(withGzip);
    // Still indexed under its tags after the replacement.
    store.evict(['t']);
    expect(store.get('k')).toBeUndefined();
  });
});

describe('configuration', () => {
  it('has safe defaults and rejects nonsense naming the option and its variable', () => {
    expect(parseCacheConfig({})).toEqual({
      enabled: true,
      maxEntries: 5000,
      maxBytes: 67108864,
      maxEntryBytes: 2097152,
      paths: [],
      cacheControl: 'public, max-age=0, must-revalidate',
      bus: 'auto',
      redisUrl: '',
      queryCountHeader: false,
      channel: 'strapi_response_cache',
      ignoredQueryParams: [],
      surrogateControl: '',
      purger: { kind: 'none' },
      tokenReads: true,
      checkLists: true,
      compression: { enabled: true, minBytes: 1024, brotliQuality: 5 },
    });
    expect(parseCacheConfig({ ignoredQueryParams: ['utm_*', '_'] }).ignoredQueryParams).toEqual([
      'utm_*',
      '_',
    ]);
    expect(() => parseCacheConfig({ ignoredQueryParams: 'utm_*' })).toThrow(/ignoredQueryParams/);
    expect(() => parseCacheConfig({ ignoredQueryParams: ['*'] })).toThrow(/ignoredQueryParams/);
    expect(parseCacheConfig(DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(parseCacheConfig({ enabled: false }).enabled).toBe(false);
    // Environment variables arrive as strings.
    // A small byte limit lowers the default entry cap with it.
    expect(parseCacheConfig({ maxEntries: '10', maxBytes: '2048' })).toMatchObject({
      maxEntries: 10,
      maxBytes: 2048,
      maxEntryBytes: 2048,
    });
    expect(() => parseCacheConfig({ maxBytes: '2048', maxEntryBytes: '4096' })).toThrow(
      /maxEntryBytes \(CACHE_MAX_ENTRY_BYTES, 4096\) must not exceed maxBytes/
    );
    expect(() => parseCacheConfig({ paths: ['sitemap.xml'] })).toThrow(/paths/);
    expect(() => parseCacheConfig({ maxEntries: '0' })).toThrow(/maxEntries \(CACHE_MAX_ENTRIES\)/);
    expect(() => parseCacheConfig({ maxEntries: '' })).toThrow(/CACHE_MAX_ENTRIES/);
    expect(() => parseCacheConfig({ maxBytes: 'lots' })).toThrow(/maxBytes \(CACHE_MAX_BYTES\)/);
    // env.bool gives booleans; a string here is a host mapping mistake that would go unnoticed.
    expect(() => parseCacheConfig({ enabled: 'false' })).toThrow(/enabled \(CACHE_ENABLED\)/);
    expect(() => parseCacheConfig({ queryCountHeader: 1 })).toThrow(/QUERY_COUNT_HEADER/);
    expect(() => parseCacheConfig({ checkLists: 'no' })).toThrow(
      /checkLists \(CACHE_CHECK_LISTS\)/
    );
    expect(() => parseCacheConfig({ bus: 'carrier-pigeon' })).toThrow(/CACHE_BUS/);
    expect(() => parseCacheConfig({ bus: 'redis' })).toThrow(/REDIS_URL/);
    expect(() => parseCacheConfig({ cacheControl: 'public\r\nX-Evil: 1' })).toThrow(
      /CACHE_CONTROL/
    );
    expect(() => parseCacheConfig({ channel: 'x; DROP TABLE y' })).toThrow(/channel/);
    expect(() => parseCacheConfig({ channel: 'Upper' })).toThrow(/channel/);
    expect(parseCacheConfig({ compression: { minBytes: '2048' } }).compression).toEqual({
      enabled: true,
      minBytes: 2048,
      brotliQuality: 5,
    });
    expect(() => parseCacheConfig({ compression: { brotliQuality: 12 } })).toThrow(
      /COMPRESSION_BROTLI_QUALITY/
    );
    expect(() => parseCacheConfig({ compression: { minBytes: 0 } })).toThrow(
      /COMPRESSION_MIN_BYTES/
    );
  });

  it('picks the bus from the database unless told otherwise', () => {
    expect(resolveBus(parseCacheConfig({}), 'sqlite')).toBe('none');
    expect(resolveBus(parseCacheConfig({}), 'postgres')).toBe('postgres');
    expect(resolveBus(parseCacheConfig({ redisUrl: 'redis://127.0.0.1:6379' }), 'postgres')).toBe(
      'redis'
    );
    expect(resolveBus(parseCacheConfig({ bus: 'none' }), 'postgres')).toBe('none');
  });
});

describe('invalidation scope', () => {
  const schema = {
    contentTypes: [
      'api::article.article',
      'api::tag.tag',
      'admin::api-token',
      'admin::session',
      'plugin::users-permissions.user',
      'plugin::i18n.locale',
    ],
    components: ['shared.link', 'blocks.quote'],
  };

  it('takes every api:: type and component from the schema, plus locales, permissions, media, core store', () => {
    expect(contentModels(schema)).toEqual([
      'api::article.article',
      'api::tag.tag',
      'blocks.quote',
      'plugin::i18n.locale',
      'plugin::upload.file',
      'plugin::upload.folder',
      'plugin::users-permissions.permission',
      'plugin::users-permissions.role',
      'shared.link',
      'strapi::core-store',
    ]);
  });

  it('treats every Document Service write outside admin:: as a content write, reads never', () => {
    for (const action of ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']) {
      expect(isContentWrite(action, 'api::article.article')).toBe(true);
      expect(isContentWrite(action, 'admin::user')).toBe(false);
    }
    for (const action of ['findOne', 'findFirst', 'findMany', 'count']) {
      expect(isContentWrite(action, 'api::article.article')).toBe(false);
    }
  });
});

describe('query counter', () => {
  it('attributes each query to the request whose async work issued it', async () => {
    const counter = new QueryCounter();
    // One turn of the event loop: the two requests' async work interleaves across it.
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const [a, b] = await Promise.all([
      counter.count(async () => {
        counter.record();
        await tick();
        counter.record();
      }),
      counter.count(async () => {
        await tick();
        counter.record();
      }),
    ]);
    // Outside any request: counted nowhere.
    counter.record();
    expect([a, b]).toEqual([2, 1]);
  });
});
