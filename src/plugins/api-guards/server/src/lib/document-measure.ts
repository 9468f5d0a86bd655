/**
 * Measures a GraphQL document in time linear in its size, before any validation rule runs.
 *
 * Why: graphql-depth-limit (which Strapi installs) and any walk that follows fragment spreads
 * without memoising them do work that doubles with each fragment that spreads the previous one
 * twice: a 1 KB "fragment bomb" of 30 levels kept the server busy for minutes, and a fragment
 * cycle recursed until the stack overflowed (a 500). Here each fragment is measured once and
 * its measures are reused wherever it is spread, so the expanded size of the document (what
 * every later walk will visit) is known before anything expensive runs. Pure: no `strapi`.
 */
import {
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface DocumentBounds {
  /** Most lexical tokens in the document (graphql-js stops parsing beyond it). */
  maxTokens: number;
  /** Most fields in the document with every fragment spread expanded where it is spread. */
  maxExpandedFields: number;
  /** Deepest nesting of fields, counted as graphql-depth-limit counts it (`{ a { b } }` is 1). */
  maxDepth: number;
}

/** The expanded size of a selection set: fields, depth and root fields. */
interface Measure {
  fields: number;
  depth: number;
  /** Fields directly in the selection set (through fragments), `__typename` not counted. */
  rootFields: number;
}

export type DocumentProblem =
  | { code: 'GRAPHQL_PARSE_FAILED'; message: string }
  | { code: 'FRAGMENT_CYCLE'; message: string }
  | { code: 'QUERY_TOO_LARGE'; message: string }
  | { code: 'QUERY_TOO_DEEP'; message: string };

export interface DocumentReport {
  problem: DocumentProblem | null;
  /** Root fields of each operation, by operation name (`''` for an anonymous one). */
  rootFields: Map<string, number>;
  document?: DocumentNode;
}

/** Sums that stay finite: a bomb's counts overflow doubles long before anything else does. */
const add = (a: number, b: number): number => Math.min(a + b, Number.MAX_SAFE_INTEGER);

class FragmentCycle extends Error {
  constructor(readonly path: string[]) {
    super(`Fragment cycle: ${path.join(' → ')}`);
  }
}

/**
 * Measures every fragment once (depth-first, memoised) and every operation from those measures.
 * Unknown fragments measure as empty: validation reports them later with its own message.
 */
function measureDefinitions(definitions: readonly DefinitionNode[]): Map<string, Measure> {
  // Recursion depth is bounded by the document's nesting, which the token bound of the parse bounds.
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Measure>();
  const inProgress: string[] = [];

  const fragmentMeasure = (name: string): Measure => {
    const done = measured.get(name);
    if (done) return done;
    const fragment = fragments.get(name);
    if (!fragment) return { fields: 0, depth: 0, rootFields: 0 };
    const at = inProgress.indexOf(name);
    if (at >= 0) throw new FragmentCycle([...inProgress.slice(at), name]);
    inProgress.push(name);
    const measure = selectionMeasure(fragment.selectionSet);
    inProgress.pop();
    measured.set(name, measure);
    return measure;
  };

  const selectionMeasure = (selectionSet: SelectionSetNode): Measure => {
    let fields = 0;
    let depth = 0;
    let rootFields = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fields = add(fields, 1);
        if (selection.name.value !== '__typename') rootFields = add(rootFields, 1);
        // graphql-depth-limit ignores introspection fields and counts a field with a selection
        // set as one level more than its deepest child.
        if (selection.selectionSet && !selection.name.value.startsWith('__')) {
          const child = selectionMeasure(selection.selectionSet);
          fields = add(fields, child.fields);
          depth = Math.max(depth, 1 + child.depth);
        } else if (selection.selectionSet) {
          fields = add(fields, selectionMeasure(selection.selectionSet).fields);
        }
        continue;
      }
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selectionMeasure(selection.selectionSet)
          : fragmentMeasure(selection.name.value);
      fields = add(fields, inner.fields);
      depth = Math.max(depth, inner.depth);
      rootFields = add(rootFields, inner.rootFields);
    }
    return { fields, depth, rootFields };
  };

  const operations = new Map<string, Measure>();
  for (const definition of definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations.set(definition.name?.value ?? '', selectionMeasure(definition.selectionSet));
    }
  }
  // Fragments no operation spreads are still walked by validation: measure them too.
  for (const name of fragments.keys()) fragmentMeasure(name);
  return operations;
}

/**
 * Root fields of each operation of a parsed document (through fragments, each measured once;
 * `__typename` not counted), by operation name (`''` for an anonymous one). A fragment cycle
 * counts as none: validation refuses the document anyway.
 */
export function rootFieldCounts(document: DocumentNode): Map<string, number> {
  try {
    const operations = measureDefinitions(document.definitions);
    return new Map([...operations].map(([name, measure]) => [name, measure.rootFields]));
  } catch (error) {
    if (error instanceof FragmentCycle) return new Map();
    throw error;
  }
}

/**
 * Parses `source` with a token bound and measures it. Returns the first problem found (a syntax
 * error, a fragment cycle, too many expanded fields, too deep), or none with the root-field
 * count of each operation.
 */
export function measureDocument(source: string, bounds: DocumentBounds): DocumentReport {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: bounds.maxTokens, noLocation: true });
  } catch (error) {
    const message = (error as Error).message.replace(/^Syntax Error: /, '');
    return {
      problem: /contains more th\w+ \d+ tokens/i.test(message)
        ? {
            code: 'QUERY_TOO_LARGE',
            message: `The document has more than ${bounds.maxTokens} tokens`,
          }
        : { code: 'GRAPHQL_PARSE_FAILED', message: `Syntax Error: ${message}` },
      rootFields: new Map(),
    };
  }
  let operations: Map<string, Measure>;
  try {
    operations = measureDefinitions(document.definitions);
  } catch (error) {
    if (!(error instanceof FragmentCycle)) throw error;
    return { problem: { code: 'FRAGMENT_CYCLE', message: error.message }, rootFields: new Map() };
  }
  const rootFields = new Map<string, number>();
  for (const [name, measure] of operations) {
    rootFields.set(name, measure.rootFields);
    if (measure.fields > bounds.maxExpandedFields) {
      const count = measure.fields >= Number.MAX_SAFE_INTEGER ? 'too many' : measure.fields;
      return {
        problem: {
          code: 'QUERY_TOO_LARGE',
          message: `The operation${name ? ` '${name}'` : ''} selects ${count} fields with its fragments expanded; at most ${bounds.maxExpandedFields} are allowed`,
        },
        rootFields,
      };
    }
    if (measure.depth > bounds.maxDepth) {
      return {
        problem: {
          code: 'QUERY_TOO_DEEP',
          // graphql-depth-limit's wording, which clients of Strapi's GraphQL API already know.
          message: `'${name}' exceeds maximum operation depth of ${bounds.maxDepth} (it nests fields ${measure.depth} levels deep, fragments included)`,
        },
        rootFields,
      };
    }
  }
  return { problem: null, rootFields, document };
}

/**
 * The nesting depth of a JSON value (a scalar is 0, `[]` and `{}` are 1), counted without
 * recursion so that a value nested a million levels deep cannot overflow the stack; stops
 * counting once `limit` is passed.
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, level]);
    }
  }
  return deepest;
}
