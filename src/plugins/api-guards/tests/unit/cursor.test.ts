import {
  CursorError,
  afterFilter,
  cursorExpiry,
  decodeCursor,
  encodeCursor,
  keysetSort,
  queryFingerprint,
} from '../../server/src/lib/cursor';

const attributes = {
  name: { type: 'string' },
  year: { type: 'integer' },
  secret: { type: 'string', private: true },
  body: { type: 'blocks' },
  country: { type: 'relation' },
};

describe('keysetSort', () => {
  it.each([
    [undefined, ['documentId:asc']],
    ['name', ['name:asc', 'documentId:asc']],
    ['name:desc,year', ['name:desc', 'year:asc', 'documentId:asc']],
    [
      ['year:DESC', 'name'],
      ['year:desc', 'name:asc', 'documentId:asc'],
    ],
    [{ name: 'desc' }, ['name:desc', 'documentId:asc']],
    ['name,documentId:desc', ['name:asc', 'documentId:desc']],
  ])('%j pages along %j', (sort, expected) => {
    expect(keysetSort(sort, attributes).map((k) => `${k.field}:${k.direction}`)).toEqual(expected);
  });

  it.each(['secret', 'body', 'country', 'country.name', 'unknown', 'name:up', 'name,name'])(
    'refuses %s',
    (sort) => {
      expect(() => keysetSort(sort, attributes)).toThrow(CursorError);
    }
  );

  it('refuses a relation sort given as an object', () => {
    expect(() => keysetSort({ country: { name: 'asc' } }, attributes)).toThrow(
      /sort takes the type.s own fields \(not "country" of a relation\)/
    );
  });
});

describe('afterFilter', () => {
  const keys = keysetSort('name:asc,year:desc', attributes);

  it('selects rows beyond the last one, key by key', () => {
    expect(afterFilter(keys, ['Bonn', 2010, 'd1'], 'nulls-smallest')).toEqual({
      $or: [
        { name: { $gt: 'Bonn' } },
        {
          $and: [
            { name: { $eq: 'Bonn' } },
            { $or: [{ year: { $lt: 2010 } }, { year: { $null: true } }] },
          ],
        },
        {
          $and: [{ name: { $eq: 'Bonn' } }, { year: { $eq: 2010 } }, { documentId: { $gt: 'd1' } }],
        },
      ],
    });
  });

  it('puts NULL where PostgreSQL sorts it (last ascending, first descending)', () => {
    expect(afterFilter(keys, ['Bonn', 2010, 'd1'], 'nulls-largest')).toEqual({
      $or: [
        { $or: [{ name: { $gt: 'Bonn' } }, { name: { $null: true } }] },
        { $and: [{ name: { $eq: 'Bonn' } }, { year: { $lt: 2010 } }] },
        {
          $and: [{ name: { $eq: 'Bonn' } }, { year: { $eq: 2010 } }, { documentId: { $gt: 'd1' } }],
        },
      ],
    });
  });

  it('after a NULL: all values where NULL sorts first, only ties where it sorts last', () => {
    expect(afterFilter(keys, [null, null, 'd1'], 'nulls-smallest')).toEqual({
      $or: [
        { name: { $notNull: true } },
        {
          $and: [
            { name: { $null: true } },
            { year: { $null: true } },
            { documentId: { $gt: 'd1' } },
          ],
        },
      ],
    });
    expect(afterFilter(keys, [null, null, 'd1'], 'nulls-largest')).toEqual({
      $or: [
        { $and: [{ name: { $null: true } }, { year: { $notNull: true } }] },
        {
          $and: [
            { name: { $null: true } },
            { year: { $null: true } },
            { documentId: { $gt: 'd1' } },
          ],
        },
      ],
    });
  });
});

describe('cursors', () => {
  const secret = 'test-secret';
  const fingerprint = queryFingerprint({ path: '/api/cities', sort: ['name:asc'] });
  const cursor = encodeCursor({ q: fingerprint, k: ['Bonn', 'd1'], e: 2000 }, secret);

  it('reads back what it was issued with', () => {
    expect(decodeCursor(cursor, secret, fingerprint, 2, 1000)).toEqual({
      q: fingerprint,
      k: ['Bonn', 'd1'],
      e: 2000,
    });
  });

  it('fingerprints queries independently of key order', () => {
    expect(queryFingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(
      queryFingerprint({ b: { d: 3, c: 2 }, a: 1 })
    );
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ a: 2 }));
  });

  it.each([
    ['another secret', () => decodeCursor(cursor, 'other', fingerprint, 2, 1000), /malformed/],
    ['garbage', () => decodeCursor('%%%', secret, fingerprint, 2, 1000), /malformed/],
    ['another query', () => decodeCursor(cursor, secret, 'other', 2, 1000), /another query/],
    [
      'another sort length',
      () => decodeCursor(cursor, secret, fingerprint, 3, 1000),
      /another query/,
    ],
    ['expired', () => decodeCursor(cursor, secret, fingerprint, 2, 2001), /expired/],
  ])('refuses a cursor with %s', (_what, read, message) => {
    expect(read).toThrow(message);
  });

  it('names the parameter and the first page in the words of the API that asked (GraphQL)', () => {
    const naming = { param: 'pagination.cursor', firstPage: 'pagination: { cursor: "" }' };
    expect(() => decodeCursor(cursor, secret, fingerprint, 2, 2001, naming)).toThrow(
      'pagination.cursor has expired: start again from the first page (pagination: { cursor: "" })'
    );
    expect(() => decodeCursor('x', secret, fingerprint, 2, 1000, naming)).toThrow(
      'pagination.cursor is malformed'
    );
  });

  it('expires a day after the start of the hour it was issued in', () => {
    expect(cursorExpiry(7200 + 59 * 60, 86400)).toBe(7200 + 86400);
  });
});
