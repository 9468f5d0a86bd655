/**
 * Lists checked after a write, pure parts: fingerprints and row tags of list reads, and the store
 * marking an entry for a check when a write touched it only through its list tags.
 */
import { etagOf } from '../../server/src/lib/http';
import {
  checkParams,
  copyParams,
  fingerprintOf,
  rowTags,
  type ListRead,
} from '../../server/src/lib/list-reads';
import { ResponseStore, type CachedResponse } from '../../server/src/lib/store';
import { readsOnlyRowExistence, writeTags } from '../../server/src/lib/tags';

function entry(body: string): CachedResponse {
  const bytes = Buffer.from(body);
  return { status: 200, headers: {}, body: bytes, etag: etagOf(bytes) };
}

const listRead: ListRead = {
  uid: 'city',
  action: 'findMany',
  params: { locale: 'en', populate: { country: true }, sort: 'name:asc' },
  fingerprint: 'b@en c@en',
};

describe('list read fingerprints', () => {
  it('name the rows in order with their locale, or the count', () => {
    const rows = [
      { documentId: 'b', locale: 'en', name: 'Bonn' },
      { documentId: 'c', locale: 'en', name: 'Chur' },
    ];
    expect(fingerprintOf('findMany', rows)).toBe('b@en c@en');
    expect(fingerprintOf('findMany', [...rows].reverse())).toBe('c@en b@en');
    expect(fingerprintOf('findMany', [{ documentId: 'g' }])).toBe('g@');
    expect(fingerprintOf('count', 42)).toBe('42');
  });

  it('refuse answers they cannot compare', () => {
    expect(fingerprintOf('findMany', { data: [] })).toBeUndefined();
    expect(fingerprintOf('findMany', [{ id: 1 }])).toBeUndefined();
    expect(fingerprintOf('count', '42')).toBeUndefined();
  });

  it('tag each row as its document in its locale, or in the locale asked for', () => {
    expect(rowTags([{ documentId: 'b', locale: 'de' }, { documentId: 'g' }], 'en')).toEqual([
      'd:b@de',
      'd:g@en',
    ]);
    expect(rowTags([{ documentId: 'g' }], undefined)).toEqual(['d:g']);
  });

  it('run again without populate, on a copy the caller cannot change', () => {
    const params = { locale: 'en', filters: { name: { $eq: 'Bonn' } }, populate: ['country'] };
    const copy = copyParams(params) as Record<string, unknown>;
    params.filters.name.$eq = 'Chur';
    expect(copy.filters).toEqual({ name: { $eq: 'Bonn' } });
    expect(copyParams({ transform: () => 1 })).toBeUndefined();
    expect(checkParams(listRead)).toEqual({ locale: 'en', sort: 'name:asc' });
    expect(listRead.params.populate).toEqual({ country: true });
  });
});

describe('store entries waiting for a list check', () => {
  const lists = { checkable: new Set(['t:city@en']), lists: [listRead] };

  function storeWithList(): ResponseStore {
    const store = new ResponseStore({ maxEntries: 10, maxBytes: 1_000_000 });
    const tags = ['all', 'a:city', 't:city@en', 'd:b@en', 'd:c@en'];
    store.set('page-2', entry('page 2'), tags, store.generation, lists);
    return store;
  }

  it('are marked, not dropped, by a write of another document, and served once it checked out', () => {
    const store = storeWithList();
    expect(store.evict(writeTags({ uid: 'city', documentId: 'a', locales: ['en'] }))).toBe(0);
    expect(store.get('page-2')).toBeUndefined();
    const pending = store.pendingCheck('page-2');
    expect(pending?.lists).toEqual([listRead]);
    const generation = store.generation;
    expect(store.settleCheck('page-2', pending!, generation, true)).toBe(true);
    expect(store.get('page-2')?.body.toString()).toBe('page 2');
    expect(store.pendingCheck('page-2')).toBeUndefined();
  });

  it('are dropped when a list answered otherwise, or a write came during the check', () => {
    const changed = storeWithList();
    changed.evict(writeTags({ uid: 'city', documentId: 'a', locales: ['en'] }));
    const pending = changed.pendingCheck('page-2')!;
    expect(changed.settleCheck('page-2', pending, changed.generation, false)).toBe(false);
    expect(changed.get('page-2')).toBeUndefined();
    expect(changed.pendingCheck('page-2')).toBeUndefined();

    const raced = storeWithList();
    raced.evict(writeTags({ uid: 'city', documentId: 'a', locales: ['en'] }));
    const started = raced.generation;
    const check = raced.pendingCheck('page-2')!;
    raced.evict(writeTags({ uid: 'city', documentId: 'x', locales: ['en'] }));
    expect(raced.settleCheck('page-2', check, started, true)).toBe(false);
    expect(raced.get('page-2')).toBeUndefined();
  });

  it('are dropped at once by a write of a document they show, or of their type in bulk', () => {
    const shown = storeWithList();
    expect(shown.evict(writeTags({ uid: 'city', documentId: 'b', locales: ['en'] }))).toBe(1);
    expect(shown.pendingCheck('page-2')).toBeUndefined();

    const bulk = storeWithList();
    expect(bulk.evict(writeTags({ uid: 'city', locales: ['en'] }))).toBe(1);
    expect(bulk.pendingCheck('page-2')).toBeUndefined();
  });

  it('stay untouched by writes in another locale', () => {
    const store = storeWithList();
    expect(store.evict(writeTags({ uid: 'city', documentId: 'a', locales: ['de'] }))).toBe(0);
    expect(store.get('page-2')?.body.toString()).toBe('page 2');
  });
});

describe('reads of row existence', () => {
  it('are the id-only, id-filtered selects of Strapi populate (SQLite and PostgreSQL quoting)', () => {
    expect(
      readsOnlyRowExistence('select `t0`.`id` from `cities` as `t0` where (`t0`.`id` in (?, ?))')
    ).toBe(true);
    expect(
      readsOnlyRowExistence(
        'select "t0"."id" from "public"."cities" as "t0" where ("t0"."id" in ($1, $2, $3))'
      )
    ).toBe(true);
  });

  it('are nothing that reads a column, filters on one or joins', () => {
    for (const sql of [
      'select `t0`.`id`, `t0`.`name` from `cities` as `t0` where (`t0`.`id` in (?))',
      'select `t0`.`id` from `cities` as `t0` where (`t0`.`locale` in (?))',
      'select `t0`.`id` from `cities` as `t0` where (`t0`.`id` in (?)) and `t0`.`published_at` is not null',
      'select `t0`.`id` from `cities` as `t0` left join `x` as `t1` on 1 where (`t0`.`id` in (?))',
      'select `t1`.`id` from `cities` as `t0` where (`t0`.`id` in (?))',
    ])
      expect({ sql, existence: readsOnlyRowExistence(sql) }).toEqual({ sql, existence: false });
  });
});
