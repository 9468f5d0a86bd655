/**
 * Invalidation by dependency, pure parts: the tags of reads and writes, the tag index of the store,
 * bus messages, the Varnish purger (against a local HTTP server) and which tokens are cached.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeMessage, messageTags } from '../../server/src/bus';
import { lifecycleEviction } from '../../server/src/dependencies';
import { parseCacheConfig } from '../../server/src/lib/config';
import { etagOf } from '../../server/src/lib/http';
import { ResponseStore, type CachedResponse } from '../../server/src/lib/store';
import {
  mayReadOwnType,
  selfReachingNames,
  tablesOf,
  tagHeader,
  touchesAllLocales,
  writeTags,
} from '../../server/src/lib/tags';
import { createPurger, purgeHeaders } from '../../server/src/purger';
import { bearerToken, isCacheableToken } from '../../server/src/tokens';

const CITY = 'api::city.city';

function entry(body: string): CachedResponse {
  const bytes = Buffer.from(body);
  return { status: 200, headers: {}, body: bytes, etag: etagOf(bytes) };
}

describe('write tags', () => {
  it('name the document, the lists of its type in the written locale, and unknown readers', () => {
    expect(writeTags({ uid: CITY, documentId: 'abc', locales: ['en'] }).sort()).toEqual(
      ['any', 'd:abc', 'd:abc@en', 't:api::city.city', 't:api::city.city@en'].sort()
    );
  });

  it('name every locale when the write reached all of them', () => {
    const tags = writeTags({ uid: CITY, documentId: 'abc', locales: ['de', 'en'] });
    expect(tags).toEqual(expect.arrayContaining(['d:abc@de', 'd:abc@en', 't:api::city.city@de']));
  });

  it('name every reader of the type when the document is not known (bulk writes)', () => {
    expect(writeTags({ uid: CITY, locales: [] })).toEqual(
      expect.arrayContaining(['a:api::city.city', 't:api::city.city', 'any'])
    );
  });

  it('count non-localized attributes as a change of every locale', () => {
    const schema = {
      localized: true,
      attributes: {
        name: { type: 'string' },
        website: { type: 'string', pluginOptions: { i18n: { localized: false } } },
      },
    };
    expect(touchesAllLocales(schema, ['name'])).toBe(false);
    expect(touchesAllLocales(schema, ['name', 'website'])).toBe(true);
    expect(touchesAllLocales({ ...schema, localized: false }, ['website'])).toBe(false);
  });
});

describe('read dependencies', () => {
  it('finds the tables of a statement in any quoting', () => {
    expect(
      tablesOf(
        'select "t0".* from "cities" as "t0" left join "cities_country_lnk" as "t1" on 1 = 1 where "t0"."id" in (select id from `countries`)'
      )
    ).toEqual(['cities', 'cities_country_lnk', 'countries']);
    // PostgreSQL with a schema.
    expect(
      tablesOf('select "t0".* from "public"."countries" as "t0" inner join "public"."x_lnk" on 1')
    ).toEqual(['countries', 'x_lnk']);
  });

  it('knows when populate or filters may reach documents of the same type', () => {
    const names = selfReachingNames(CITY, [
      { country: { type: 'relation', target: 'api::country.country' } },
      { cities: { type: 'relation', target: CITY } },
    ]);
    expect([...names].sort()).toEqual(['cities', 'localizations']);
    expect(mayReadOwnType({ country: true }, names)).toBe(false);
    expect(mayReadOwnType(undefined, names)).toBe(false);
    expect(mayReadOwnType('*', names)).toBe(true);
    expect(mayReadOwnType({ localizations: true }, names)).toBe(true);
    expect(mayReadOwnType({ country: { populate: { cities: true } } }, names)).toBe(true);
  });

  it('never sends the token tag to a CDN', () => {
    expect(tagHeader(['all', 'tok', 'd:x@en'])).toBe('all d:x@en');
  });
});

describe('database writes outside the Document Service', () => {
  it('evict the rows they report, or the whole type', () => {
    expect(
      lifecycleEviction(
        { model: { uid: CITY }, result: { documentId: 'abc', locale: 'de' } },
        false
      )
    ).toEqual(expect.arrayContaining(['d:abc@de', 't:api::city.city@de']));
    expect(lifecycleEviction({ model: { uid: CITY }, result: { count: 3 } }, false)).toEqual(
      expect.arrayContaining(['a:api::city.city'])
    );
  });

  it('evict everything for shared models and components written alone', () => {
    expect(lifecycleEviction({ model: { uid: 'plugin::i18n.locale' } }, false)).toBeUndefined();
    expect(lifecycleEviction({ model: { uid: 'shared.link' } }, true)).toBeUndefined();
  });

  it('drop token entries on token changes, but not when Strapi records a token use', () => {
    expect(
      lifecycleEviction(
        { model: { uid: 'admin::api-token' }, params: { data: { name: 'x' } } },
        false
      )
    ).toEqual(['tok']);
    expect(
      lifecycleEviction(
        { model: { uid: 'admin::api-token' }, params: { data: { lastUsedAt: new Date() } } },
        false
      )
    ).toBeNull();
  });
});

describe('tagged store', () => {
  it('evicts exactly the entries sharing a tag', () => {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const g = store.generation;
    store.set('city-a', entry('a'), ['all', 'd:a@en'], g);
    store.set('city-b', entry('b'), ['all', 'd:b@en'], g);
    store.set('cities-en', entry('l'), ['all', 't:city@en'], g);
    store.set('goals', entry('g'), ['all', 't:goal@en'], g);
    // A write of document a (type "city") in en: its detail and the en list go, nothing else.
    expect(store.evict(writeTags({ uid: 'city', documentId: 'a', locales: ['en'] }))).toBe(2);
    expect(store.get('city-a')).toBeUndefined();
    expect(store.get('cities-en')).toBeUndefined();
    expect(store.get('city-b')).toBeDefined();
    expect(store.get('goals')).toBeDefined();
  });

  it('refuses a response whose tags were evicted while it was computed, and only then', () => {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const before = store.generation;
    store.evict(['d:a@en']);
    expect(store.set('a', entry('old'), ['all', 'd:a@en'], before)).toBe(false);
    expect(store.set('b', entry('b'), ['all', 'd:b@en'], before)).toBe(true);
  });

  it('forgets the index of entries the LRU dropped', () => {
    const store = new ResponseStore({ maxEntries: 1, maxBytes: 1_000_000 });
    store.set('a', entry('a'), ['x'], store.generation);
    store.set('b', entry('b'), ['x'], store.generation);
    expect(store.evict(['x'])).toBe(1);
    expect(store.size).toBe(0);
  });
});

describe('bus messages', () => {
  it('carry the tags, and fall back to "everything" when they do not fit a NOTIFY', () => {
    expect(messageTags(JSON.parse(encodeMessage('me', ['d:a@en'])))).toEqual(['d:a@en']);
    const many = Array.from({ length: 1000 }, (_, i) => `d:document-${i}@en`);
    expect(messageTags(JSON.parse(encodeMessage('me', many)))).toBeUndefined();
    // The message of earlier versions: evict everything.
    expect(messageTags({ from: 'old' })).toBeUndefined();
  });
});

describe('purger', () => {
  it('splits long tag lists into headers Varnish accepts', () => {
    const tags = Array.from({ length: 500 }, (_, i) => `d:document-number-${i}@en`);
    const headers = purgeHeaders(tags);
    expect(headers.length).toBeGreaterThan(1);
    expect(headers.every((header) => header.length <= 4000)).toBe(true);
    expect(headers.join(' ').split(' ')).toEqual(tags);
  });

  it('sends PURGE with xkey-purge to every URL, without the token tag', async () => {
    const seen: Array<{ method?: string; tags?: string | string[] }> = [];
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method, tags: req.headers['xkey-purge'] });
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const config = parseCacheConfig({
        purger: { kind: 'varnish', urls: `http://127.0.0.1:${port}/a, http://127.0.0.1:${port}/b` },
      });
      const purger = createPurger(config.purger);
      await purger?.purge(['d:x@en', 'tok', 't:api::city.city@en']);
      await purger?.purge(['tok']);
      expect(seen).toEqual([
        { method: 'PURGE', tags: 'd:x@en t:api::city.city@en' },
        { method: 'PURGE', tags: 'd:x@en t:api::city.city@en' },
      ]);
    } finally {
      server.close();
    }
  });

  it('is configured from CACHE_PURGE_VARNISH_URLS, and off when it is empty', () => {
    expect(parseCacheConfig({ purger: { kind: 'varnish', urls: '' } }).purger).toEqual({
      kind: 'none',
    });
    expect(() => parseCacheConfig({ purger: { kind: 'varnish', urls: 'varnish:6081' } })).toThrow(
      /CACHE_PURGE_VARNISH_URLS/
    );
    expect(() => parseCacheConfig({ surrogateControl: 'max-age=1\nX: y' })).toThrow(
      /CACHE_SURROGATE_CONTROL/
    );
  });
});

describe('token reads', () => {
  const token = { id: '1', type: 'read-only', kind: 'content-api', expiresAt: null };

  it('are cached for unexpired read-only Content API tokens only', () => {
    const now = Date.now();
    expect(isCacheableToken(token, now)).toBe(true);
    expect(isCacheableToken({ ...token, kind: null }, now)).toBe(true);
    expect(isCacheableToken({ ...token, type: 'full-access' }, now)).toBe(false);
    expect(isCacheableToken({ ...token, type: 'custom' }, now)).toBe(false);
    expect(isCacheableToken({ ...token, kind: 'admin' }, now)).toBe(false);
    expect(isCacheableToken({ ...token, expiresAt: now - 1 }, now)).toBe(false);
    expect(isCacheableToken({ ...token, expiresAt: now + 60_000 }, now)).toBe(true);
  });

  it('read the token as Strapi does', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
