import fc from 'fast-check';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
// The rule Strapi's GraphQL plugin installs; the measure must agree with it on depth.
import depthLimit from 'graphql-depth-limit';
import {
  jsonDepth,
  measureDocument,
  rootFieldCounts,
  type DocumentBounds,
} from '../../server/src/lib/document-measure';

const bounds: DocumentBounds = { maxTokens: 5000, maxExpandedFields: 2000, maxDepth: 5 };

/** The fragment bomb of the issue: each fragment spreads the previous one twice. */
function fragmentBomb(levels: number): string {
  let query = `{ cities(locale: "de") { ...F${levels} } } fragment F0 on City { name } `;
  for (let i = 1; i <= levels; i += 1) {
    query += `fragment F${i} on City { ...F${i - 1} ...F${i - 1} } `;
  }
  return query;
}

describe('measureDocument', () => {
  it('accepts an ordinary query and counts its root fields', () => {
    const report = measureDocument(
      'query Q { cities { name country { name } } network { title } __typename }',
      bounds
    );
    expect(report.problem).toBeNull();
    expect(report.rootFields.get('Q')).toBe(2);
  });

  it('refuses a fragment bomb by its expanded size, in time linear in its length', () => {
    for (const levels of [12, 30, 200]) {
      const report = measureDocument(fragmentBomb(levels), bounds);
      expect(report.problem?.code).toBe('QUERY_TOO_LARGE');
      expect(report.problem?.message).toMatch(/at most 2000 are allowed/);
    }
    // 2^10 = 1024 names with the fragments expanded: within the bound.
    expect(measureDocument(fragmentBomb(10), bounds).problem).toBeNull();
  });

  it('refuses a fragment cycle with the cycle named', () => {
    const report = measureDocument(
      '{ cities { ...A } } fragment A on City { ...B } fragment B on City { name ...A }',
      bounds
    );
    expect(report.problem).toEqual({
      code: 'FRAGMENT_CYCLE',
      message: 'Fragment cycle: A → B → A',
    });
    const self = measureDocument('{ cities { ...A } } fragment A on City { ...A }', bounds);
    expect(self.problem?.code).toBe('FRAGMENT_CYCLE');
  });

  it('refuses a cycle among fragments no operation spreads', () => {
    const report = measureDocument(
      '{ cities { name } } fragment A on City { ...B } fragment B on City { ...A }',
      bounds
    );
    expect(report.problem?.code).toBe('FRAGMENT_CYCLE');
  });

  it('refuses documents over the token bound before building them', () => {
    const query = `{ cities { ${'name '.repeat(6000)} } }`;
    expect(measureDocument(query, bounds).problem).toEqual({
      code: 'QUERY_TOO_LARGE',
      message: 'The document has more than 5000 tokens',
    });
  });

  it('reports syntax errors as such', () => {
    expect(measureDocument('{ cities { name }', bounds).problem?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses depth through fragments', () => {
    const report = measureDocument(
      '{ a { ...F } } fragment F on T { b { c { d { e { f { g } } } } } }',
      bounds
    );
    expect(report.problem?.code).toBe('QUERY_TOO_DEEP');
    expect(report.problem?.message).toMatch(
      /exceeds maximum operation depth of 5 \(it nests fields 6 levels deep/
    );
  });
});

describe('depth agrees with graphql-depth-limit', () => {
  const schema = buildSchema(`
    type Node { name: String child: Node other: Node }
    type Query { node: Node }
  `);
  // Random selection sets of `child`/`other`/`name` fields, inline fragments and spreads of
  // two fixed fragments, nested up to 9 levels.
  const selection: fc.Memo<string> = fc.memo((n) =>
    n <= 1
      ? fc.constantFrom('name', '...Leaf')
      : fc.oneof(
          fc.constantFrom('name', '...Leaf', '...Pair'),
          selection(n - 1).map((inner) => `child { ${inner} }`),
          selection(n - 1).map((inner) => `other { name ${inner} }`),
          selection(n - 1).map((inner) => `... on Node { ${inner} }`)
        )
  );
  const fragments = 'fragment Leaf on Node { name } fragment Pair on Node { child { ...Leaf } }';

  it('refuses exactly the documents graphql-depth-limit refuses', () => {
    fc.assert(
      fc.property(selection(9), fc.integer({ min: 1, max: 6 }), (inner, maxDepth) => {
        const source = `{ node { ${inner} } } ${fragments}`;
        const document = parse(source);
        const valid = validate(schema, document, specifiedRules).length === 0;
        fc.pre(valid);
        const refusedByRule = validate(schema, document, [depthLimit(maxDepth)]).length > 0;
        const report = measureDocument(source, { ...bounds, maxDepth });
        expect(report.problem?.code === 'QUERY_TOO_DEEP').toBe(refusedByRule);
      }),
      { numRuns: 300 }
    );
  });
});

describe('rootFieldCounts', () => {
  it('counts through fragments, once per spread, without __typename', () => {
    const document = parse(
      'query A { ...R ...R x } query B { y } fragment R on Query { a b __typename ... on Query { c } }'
    );
    expect(rootFieldCounts(document)).toEqual(
      new Map([
        ['A', 7],
        ['B', 1],
      ])
    );
  });
});

describe('jsonDepth', () => {
  it('counts nesting without recursion, and stops past the limit', () => {
    expect(jsonDepth(1, 10)).toBe(0);
    expect(jsonDepth({ a: [1, { b: {} }] }, 10)).toBe(4);
    let deep: unknown = {};
    for (let i = 0; i < 300_000; i += 1) deep = { v: deep };
    expect(jsonDepth(deep, 20)).toBe(21);
  });
});
