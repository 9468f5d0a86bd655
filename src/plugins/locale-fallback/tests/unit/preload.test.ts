import {
  parse,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import {
  addPreloads,
  markPreloaded,
  NOT_PRELOADED,
  preloaded,
  type NestedQuery,
} from '../../server/src/graphql/preload';

const CITY = { attributes: { name: {}, country: {}, creativeField: {} } } as never;
const TO_ONE = new Map([
  ['country', { target: 'api::country.country' as const }],
  ['creativeField', { target: 'api::creative-field.creative-field' as const }],
]);

/** The info of `creativeFields { <relation> }`'s relation field in `document`. */
function infoOf(document: string): GraphQLResolveInfo {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const root = operation.selectionSet.selections[0] as FieldNode;
  const field = root.selectionSet?.selections[0] as FieldNode;
  return {
    fieldName: field.name.value,
    fieldNodes: [field],
    path: {
      prev: { prev: undefined, key: 'creativeFields', typename: 'Query' },
      key: 0,
      typename: undefined,
    },
  } as unknown as GraphQLResolveInfo;
}

/** A nested query that records the fields it was asked for. */
function recorder(raw = false): { nested: NestedQuery; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    nested: async ({ target }, info) => {
      asked.push(`${info.fieldName}:${target}:${info.fieldNodes.length}`);
      return { populate: { select: ['id', 'name'] }, raw, preloads: [] };
    },
  };
}

describe('look-ahead of to-one relations (preload)', () => {
  it('nests the selected to-one relations as populate, with the query their resolver builds', async () => {
    const { nested, asked } = recorder();
    const query: Record<string, unknown> = { select: ['id', 'name'] };
    const preloads = await addPreloads(
      query,
      CITY,
      TO_ONE,
      infoOf('{ creativeFields { cities { name country { name } creativeField { key } } } }'),
      nested
    );
    expect(preloads.map((preload) => preload.field)).toEqual(['country', 'creativeField']);
    expect(asked).toEqual([
      'country:api::country.country:1',
      'creativeField:api::creative-field.creative-field:1',
    ]);
    expect(query.populate).toEqual({
      country: { select: ['id', 'name'] },
      creativeField: { select: ['id', 'name'] },
    });
  });

  it('looks under `nodes` for a connection', async () => {
    const { nested, asked } = recorder();
    const query: Record<string, unknown> = {};
    await addPreloads(
      query,
      CITY,
      TO_ONE,
      infoOf(
        '{ creativeFields { cities_connection { nodes { country { name } } pageInfo { total } } } }'
      ),
      nested
    );
    expect(asked).toEqual(['country:api::country.country:1']);
  });

  it.each([
    [
      'a fragment spread',
      '{ creativeFields { cities { ...F } } } fragment F on City { country { name } }',
    ],
    ['an inline fragment', '{ creativeFields { cities { ... on City { country { name } } } } }'],
    ['a directive', '{ creativeFields { cities { country @include(if: true) { name } } } }'],
  ])('leaves a selection with %s to the loaders', async (_case, document) => {
    const { nested, asked } = recorder();
    const query: Record<string, unknown> = {};
    expect(await addPreloads(query, CITY, TO_ONE, infoOf(document), nested)).toEqual([]);
    expect(asked).toEqual([]);
    expect(query.populate).toBeUndefined();
  });

  it.each([
    ['an alias', '{ creativeFields { cities { land: country { name } } } }'],
    [
      'the field twice under two keys',
      '{ creativeFields { cities { country { name } land: country { slug } } } }',
    ],
    ['arguments', '{ creativeFields { cities { country(status: DRAFT) { name } } } }'],
  ])('leaves a relation with %s to its loader', async (_case, document) => {
    const { nested } = recorder();
    expect(await addPreloads({}, CITY, TO_ONE, infoOf(document), nested)).toEqual([]);
  });

  it('leaves a nested query with raw SQL, or one that fails, to the loader', async () => {
    const document = '{ creativeFields { cities { country { name } } } }';
    expect(await addPreloads({}, CITY, TO_ONE, infoOf(document), recorder(true).nested)).toEqual(
      []
    );
    const failing: NestedQuery = async () => {
      throw new Error('invalid');
    };
    expect(await addPreloads({}, CITY, TO_ONE, infoOf(document), failing)).toEqual([]);
  });

  it('merges the nodes of one field selected twice under its own name', async () => {
    const { nested, asked } = recorder();
    await addPreloads(
      {},
      CITY,
      TO_ONE,
      infoOf('{ creativeFields { cities { country { name } country { slug } } } }'),
      nested
    );
    expect(asked).toEqual(['country:api::country.country:2']);
  });

  it('answers from a marked entry only for the field node it was read for', async () => {
    const info = infoOf('{ creativeFields { cities { country { name } } } }');
    const preloads = await addPreloads({}, CITY, TO_ONE, info, recorder().nested);
    const country = { id: 3, name: 'Österreich' };
    const cities = [
      { id: 1, country },
      { id: 2, country: null },
    ];
    markPreloaded(cities, preloads);
    const countryInfo = { fieldName: 'country', fieldNodes: [preloads[0].node] } as never;
    expect(preloaded(cities[0], countryInfo)).toBe(country);
    expect(preloaded(cities[1], countryInfo)).toBeNull();
    // Another node of the same field (elsewhere in the document): not read along for it.
    const other = infoOf('{ creativeFields { cities { country { name } } } }');
    const otherPreloads = await addPreloads({}, CITY, TO_ONE, other, recorder().nested);
    expect(
      preloaded(cities[0], { fieldName: 'country', fieldNodes: [otherPreloads[0].node] } as never)
    ).toBe(NOT_PRELOADED);
    expect(preloaded({ id: 4, country }, countryInfo)).toBe(NOT_PRELOADED);
  });
});
