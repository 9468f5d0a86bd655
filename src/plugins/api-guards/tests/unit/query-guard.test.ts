import {
  findFilterProblem,
  findPopulateFilterProblem,
  isNumberLike,
  type AttributeShape,
} from '../../server/src/lib/filters';
import { findReadParamsProblem } from '../../server/src/lib/params';
import { populateDepth } from '../../server/src/lib/populate';
import { findBlocksProblem, findRelationProblem } from '../../server/src/lib/write-data';

const CITY = 'api::city.city';
const COUNTRY = 'api::country.country';
const models: Record<string, Record<string, AttributeShape>> = {
  [CITY]: {
    name: { type: 'string' },
    memberSince: { type: 'integer' },
    latitude: { type: 'decimal' },
    description: { type: 'blocks' },
    country: { type: 'relation', target: COUNTRY },
  },
  [COUNTRY]: {
    name: { type: 'string' },
    isoCode: { type: 'string' },
    cities: { type: 'relation', target: CITY },
  },
};
const attributesOf = (uid: string) => models[uid];
const check = (filters: unknown) => findFilterProblem(filters, CITY, attributesOf);

describe('findFilterProblem', () => {
  it('accepts well-formed filters', () => {
    expect(check(undefined)).toBeNull();
    expect(check({ name: 'Berlin' })).toBeNull();
    expect(check({ memberSince: { $gte: '2004', $lt: 2030 } })).toBeNull();
    expect(check({ memberSince: { $between: ['2004', '2010'] } })).toBeNull();
    expect(check({ memberSince: { $in: ['2004', 2005] } })).toBeNull();
    expect(check({ $or: [{ name: { $eq: 'a' } }, { country: { isoCode: 'DE' } }] })).toBeNull();
    expect(check({ $not: { latitude: { $null: 'true' } } })).toBeNull();
    expect(check({ country: { $null: true } })).toBeNull();
    expect(check({ id: { $in: [1, 2] }, documentId: 'abc' })).toBeNull();
    expect(check({ createdAt: { $gt: new Date() } })).toBeNull();
  });

  it('names a non-number on a number field', () => {
    expect(check({ memberSince: { $eq: 'abc' } })).toBe(
      'filters: memberSince.$eq expects a number, got "abc"'
    );
    expect(check({ latitude: { $lt: '1e999' } })).toMatch(/latitude.\$lt expects a number/);
    expect(check({ memberSince: { $in: ['2004', 'x'] } })).toMatch(/expects a number, got "x"/);
    expect(check({ country: { cities: { memberSince: ' ' } } })).toMatch(
      /country.cities.memberSince expects a number/
    );
    expect(check({ id: { $eq: 'abc' } })).toMatch(/id.\$eq expects a number/);
  });

  it('names field operators used without a field, and relations mixing operators and fields', () => {
    expect(check({ $null: '' })).toBe(
      'filters: $null must be applied to a field (e.g. filters[name][$null]=…)'
    );
    expect(check({ $or: [{ $eq: 'x' }] })).toMatch(/\$or.0.\$eq must be applied to a field/);
    expect(check({ country: { $null: 'true', isoCode: 'DE' } })).toMatch(
      /country takes either one operator or filters on its fields/
    );
    expect(check({ country: { $eq: 'abc' } })).toMatch(/country.\$eq expects a number/);
  });

  it('names a key inside a field condition that is not an operator', () => {
    expect(check({ name: { name: '' } })).toBe(
      'filters: name.name is not an operator (use $eq, $in, $contains, …)'
    );
  });

  it('names group operators that are not lists', () => {
    expect(check({ $and: 'x' })).toBe('filters: $and must be a list');
    expect(check({ name: { $or: 'x' } })).toBe('filters: name.$or must be a list');
  });

  it('names $between without exactly two values', () => {
    expect(check({ memberSince: { $between: '1' } })).toMatch(/expects a list of two values/);
    expect(check({ memberSince: { $between: [1, 2, 3] } })).toMatch(/list of two values/);
  });

  it('names objects where a value belongs', () => {
    expect(check({ documentId: { $eq: { $ne: 'x' } } })).toBe(
      'filters: documentId.$eq expects a value, not an object'
    );
    expect(check({ name: { $in: [['a']] } })).toMatch(/expects a value, not a list/);
    expect(check('abc')).toMatch(/filters must be an object/);
  });

  it('checks filters nested in populate', () => {
    expect(
      findPopulateFilterProblem(
        { country: { filters: { cities: { memberSince: { $eq: 'x' } } } } },
        CITY,
        attributesOf
      )
    ).toMatch(/populate.country.cities.memberSince.\$eq expects a number/);
    expect(
      findPopulateFilterProblem({ country: { populate: { cities: true } } }, CITY, attributesOf)
    ).toBeNull();
  });
});

describe('isNumberLike', () => {
  it.each([
    [2004, true],
    ['2004', true],
    [' 12.5 ', true],
    [null, true],
    ['', false],
    ['abc', false],
    ['1e999', false],
    [Number.NaN, false],
    [true, false],
  ])('%p → %p', (value, expected) => {
    expect(isNumberLike(value)).toBe(expected);
  });
});

describe('populateDepth', () => {
  it.each([
    [undefined, 0],
    ['*', 1],
    ['country', 1],
    ['country.cities', 2],
    ['country,creativeField.cities.country', 3],
    [['country', 'country.cities'], 2],
    [{ country: true }, 1],
    [{ country: { fields: ['name'] } }, 1],
    [{ country: { populate: '*' } }, 2],
    [{ country: { populate: { cities: { populate: { country: { populate: '*' } } } } } }, 4],
    [{ zone: { on: { 'shared.link': { populate: { a: true } } } } }, 2],
  ])('%j → %d', (populate, depth) => {
    expect(populateDepth(populate)).toBe(depth);
  });
});

describe('findBlocksProblem', () => {
  const attributes = models[CITY];
  it('accepts lists of blocks, null and absent fields', () => {
    expect(findBlocksProblem({ description: [] }, attributes)).toBeNull();
    expect(findBlocksProblem({ description: null, name: 'x' }, attributes)).toBeNull();
    expect(findBlocksProblem({ name: 'x' }, attributes)).toBeNull();
  });

  it('names a blocks field given a string or an object', () => {
    expect(findBlocksProblem({ description: 'text' }, attributes)).toMatch(
      /^description must be a list of rich-text blocks.*got string$/
    );
    expect(findBlocksProblem({ description: { type: 'paragraph' } }, attributes)).toMatch(
      /got object$/
    );
    expect(findBlocksProblem({ description: [{ type: 'paragraph' }, null] }, attributes)).toMatch(
      /^description\[1\] must be a block object.*got null$/
    );
  });
});

describe('findReadParamsProblem', () => {
  it('accepts text search and named fields', () => {
    expect(findReadParamsProblem({ _q: 'berlin', fields: ['name'] })).toBeNull();
    expect(findReadParamsProblem({ populate: { country: { fields: 'name' } } })).toBeNull();
  });

  it('names a non-text _q and empty field names', () => {
    expect(findReadParamsProblem({ _q: { $in: '' } })).toBe(
      '_q (search) must be a text, not a list or an object'
    );
    expect(findReadParamsProblem({ fields: [''] })).toBe('fields must list field names, got ""');
    expect(
      findReadParamsProblem({ populate: { country: { populate: { cities: { fields: ' ' } } } } })
    ).toMatch(/^populate.country.populate.cities.fields must list field names/);
  });
});

describe('findRelationProblem', () => {
  const attributes = models[CITY];
  it('accepts documentIds, ids, objects with them, and connect/disconnect/set', () => {
    expect(findRelationProblem({ country: 'abc' }, attributes)).toBeNull();
    expect(
      findRelationProblem({ country: [{ documentId: 'abc', locale: 'de' }] }, attributes)
    ).toBeNull();
    expect(
      findRelationProblem({ country: { connect: ['abc'], disconnect: [{ id: 4 }] } }, attributes)
    ).toBeNull();
    expect(findRelationProblem({ country: null, name: [true] }, attributes)).toBeNull();
  });

  it('names references of the wrong type', () => {
    expect(findRelationProblem({ country: [true] }, attributes)).toBe(
      'country must reference documents by documentId (or { documentId, locale }), got true'
    );
    expect(findRelationProblem({ country: { connect: [{ locale: 'de' }] } }, attributes)).toMatch(
      /^country.connect must reference documents/
    );
  });
});
