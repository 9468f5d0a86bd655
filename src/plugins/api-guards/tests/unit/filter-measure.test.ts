import fc from 'fast-check';
import {
  filterPath,
  findFilterLimitProblem,
  listSize,
  measureFilters,
  modelFilterSchema,
  type FilterLimits,
} from '../../server/src/lib/filter-measure';
import type { AttributeShape } from '../../server/src/lib/filters';

// A reduced model: a place belongs to a region (to-one) and has many tags (to-many); a region
// has many places; a tag has many places (many-to-many); a place has repeatable links.
const models: Record<string, Record<string, AttributeShape>> = {
  'api::place.place': {
    name: { type: 'string' },
    rank: { type: 'integer' },
    region: { type: 'relation', relation: 'manyToOne', target: 'api::region.region' },
    tags: { type: 'relation', relation: 'manyToMany', target: 'api::tag.tag' },
    links: { type: 'component', component: 'shared.link', repeatable: true },
    logo: { type: 'component', component: 'shared.link', repeatable: false },
    photos: { type: 'media', multiple: true },
  },
  'api::region.region': {
    name: { type: 'string' },
    places: { type: 'relation', relation: 'oneToMany', target: 'api::place.place' },
  },
  'api::tag.tag': {
    key: { type: 'string' },
    places: { type: 'relation', relation: 'manyToMany', target: 'api::place.place' },
  },
  'shared.link': { url: { type: 'string' } },
};
const schema = modelFilterSchema((uid) => models[uid]);
const PLACE = 'api::place.place';
const measure = (filters: unknown) => measureFilters(filters, PLACE, schema);
const limits: FilterLimits = {
  maxRelationDepth: 2,
  maxJoins: 10,
  maxToManyJoins: 2,
  maxInValues: 100,
  maxConditions: 50,
};
const problem = (filters: unknown) => findFilterLimitProblem(measure(filters), limits);

/** `{ $or: [branch, branch, …] }` with `count` copies of `branch`. */
const orOf = (count: number, branch: unknown) => ({
  $or: Array.from({ length: count }, () => branch),
});

describe('measureFilters', () => {
  it('counts nothing for no filters', () => {
    expect(measure(undefined)).toMatchObject({ relationDepth: 0, toManyJoins: 0, conditions: 0 });
  });

  it('counts relation hops, to-many joins and conditions', () => {
    const result = measure({
      name: { $eq: 'x' },
      region: { places: { name: { $containsi: 'a' } } },
    });
    expect(result).toMatchObject({ relationDepth: 2, toManyJoins: 1, conditions: 2 });
    expect(filterPath(result.deepestPath)).toBe('filters[region][places]');
  });

  it('counts a to-many join once per branch: each branch joins anew', () => {
    const branch = { region: { places: { name: { $containsi: 'zzq' } } } };
    expect(measure(orOf(4, branch)).toManyJoins).toBe(4);
    expect(measure({ $and: [branch, { $not: branch }] }).toManyJoins).toBe(2);
  });

  it('knows to-one from to-many: relations, components, media', () => {
    expect(measure({ region: { name: 'x' } }).toManyJoins).toBe(0);
    expect(measure({ logo: { url: 'x' } }).toManyJoins).toBe(0);
    expect(measure({ tags: { key: 'x' } }).toManyJoins).toBe(1);
    expect(measure({ links: { url: 'x' } }).toManyJoins).toBe(1);
    expect(measure({ photos: { name: 'x' } }).toManyJoins).toBe(1);
  });

  it('measures $in lists, also as the query-string parser leaves long ones (an object)', () => {
    const long = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [String(i), 'x']));
    expect(measure({ name: { $in: ['a', 'b'] } }).largestList?.size).toBe(2);
    expect(measure({ name: { $notIn: long } }).largestList?.size).toBe(150);
    expect(measure({ name: ['a', 'b', 'c'] }).largestList?.size).toBe(3);
    expect(measure({ name: long }).largestList?.size).toBe(150);
    expect(listSize({ '0': 'a', '999': 'b' })).toBe(1000);
    expect(listSize({ a: 1 })).toBeUndefined();
  });

  it('walks operators inside a field and on a relation without counting hops', () => {
    expect(measure({ name: { $or: [{ $eq: 'a' }, { $eq: 'b' }] } })).toMatchObject({
      conditions: 2,
      relationDepth: 0,
    });
    expect(measure({ region: { $null: true } })).toMatchObject({ conditions: 1, relationDepth: 1 });
  });

  it('walks a filter nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = { name: 'x' };
    for (let i = 0; i < 100_000; i += 1) deep = { $and: [deep] };
    expect(measure(deep).conditions).toBe(1);
    let chain: unknown = { name: 'x' };
    for (let i = 0; i < 50_000; i += 1) chain = { region: { places: chain } };
    const result = measure(chain);
    expect(result).toMatchObject({ relationDepth: 100_000, toManyJoins: 50_000 });
    expect(findFilterLimitProblem(result, limits)).toMatch(/nests relations 100000 levels deep/);
  });
});

describe('findFilterLimitProblem', () => {
  it('accepts what websites filter by', () => {
    expect(problem({ region: { name: { $eq: 'north' } } })).toBeNull();
    expect(problem({ tags: { key: { $in: ['a', 'b', 'c'] } } })).toBeNull();
    expect(problem({ $or: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] })).toBeNull();
    expect(problem(orOf(2, { region: { places: { name: 'x' } } }))).toBeNull();
  });

  it('names the to-many joins over the limit', () => {
    expect(problem(orOf(3, { region: { places: { name: 'x' } } }))).toBe(
      'filters join 3 to-many relations; at most 2 are allowed (the one over the limit: filters[$or][2][region][places])'
    );
  });

  it('names the relation path that nests too deep', () => {
    expect(problem({ region: { places: { region: { name: 'x' } } } })).toBe(
      'filters[region][places][region] nests relations 3 levels deep; at most 2 are allowed'
    );
  });

  it('names the $in list that is too long', () => {
    const values = Array.from({ length: 150 }, (_, i) => String(i));
    expect(problem({ name: { $in: values } })).toBe(
      'filters[name][$in] has 150 values; at most 100 are allowed'
    );
    expect(
      findFilterLimitProblem(measure({ name: { $in: values } }), limits, 'populate[tags][filters]')
    ).toMatch(/^populate\[tags\]\[filters\]\[name\]\[\$in\] has 150/);
  });

  it('counts the joins, to-one ones too (each adds tables to the query)', () => {
    expect(problem(orOf(11, { region: { name: 'x' } }))).toBe(
      'filters join 11 relations; at most 10 are allowed'
    );
  });

  it('counts the conditions', () => {
    expect(problem(orOf(51, { name: 'x' }))).toBe(
      'filters have 51 conditions; at most 50 are allowed'
    );
  });
});

describe('properties', () => {
  const keys = fc.constantFrom(
    '$or',
    '$and',
    '$not',
    '$in',
    '$eq',
    'name',
    'region',
    'tags',
    'places',
    'links',
    '0',
    'x'
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, 'x', 1, true),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(keys, tie('node'), { maxKeys: 4 })
    ),
  })).node;

  it('never throws, on any value', () => {
    fc.assert(
      fc.property(fc.oneof(tree, fc.anything()), (filters) => {
        const result = measure(filters);
        findFilterLimitProblem(result, limits);
        expect(result.toManyJoins).toBeLessThanOrEqual(result.toManyPaths.length);
      })
    );
  });

  it('limits are monotone: what passes a limit passes every larger one', () => {
    fc.assert(
      fc.property(tree, fc.nat(5), fc.nat(5), (filters, a, b) => {
        const result = measure(filters);
        const at = (n: number): FilterLimits => ({
          maxRelationDepth: n + 1,
          maxJoins: n + 1,
          maxToManyJoins: n,
          maxInValues: n + 1,
          maxConditions: n + 1,
        });
        const [low, high] = a <= b ? [a, b] : [b, a];
        if (findFilterLimitProblem(result, at(low)) === null) {
          expect(findFilterLimitProblem(result, at(high))).toBeNull();
        }
      })
    );
  });

  it('more $or branches never measure less', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 6 }), (branch, count) => {
        const fewer = measure(orOf(count, branch));
        const more = measure(orOf(count + 1, branch));
        expect(more.toManyJoins).toBeGreaterThanOrEqual(fewer.toManyJoins);
        expect(more.conditions).toBeGreaterThanOrEqual(fewer.conditions);
        expect(more.relationDepth).toBe(fewer.relationDepth);
      })
    );
  });
});
