/**
 * Bounds on the breadth of a GraphQL operation, checked before execution: aliases
 * (graphql-armor's max-aliases rule), root fields, and a cost in the spirit of "rows loaded"
 * (graphql-query-complexity with the estimator below). The depth limit and the page-size limit
 * bound one list; these bound how many of them one request may ask for. Pure: no `strapi`.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  validate,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { rootFieldCounts } from './document-measure';
import { findFilterLimitProblem, type FilterLimits } from './filter-measure';
import { filterCostFactor, measureFieldFilters } from './graphql-filters';

export interface OperationLimits {
  /** Highest accepted cost (see {@link paginationCostEstimator}). */
  maxCost: number;
  /** Most aliases in one operation (fragments included). */
  maxAliases: number;
  /** Most fields at the root of one operation (fragments included, `__typename` not). */
  maxRootFields: number;
  /** The page size of a list without `pagination` (the GraphQL plugin's `defaultLimit`). */
  defaultLimit: number;
  /** The largest page size the GraphQL plugin serves (its `maxLimit`), if bounded. */
  maxLimit?: number;
  /** Bounds on each list's `filters` argument (unchecked without). */
  filters?: FilterLimits;
}

export interface OperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string | null;
}

/** Why an operation is refused: the `extensions.code` and a message for the client. */
export interface LimitProblem {
  code: 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_ROOT_FIELDS' | 'BAD_USER_INPUT';
  message: string;
}

/** A connection type (`cities_connection` returns one): `nodes` plus `pageInfo`. */
const isConnectionType = (type: GraphQLNamedType): boolean => {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'nodes' in fields && 'pageInfo' in fields;
};

/**
 * The page size a list field loads: `pagination.limit` or `pagination.pageSize` (capped at
 * `maxLimit`, as the GraphQL plugin caps it), `maxLimit` for a non-positive limit (Strapi reads
 * `-1` as "all"), `defaultLimit` without one.
 */
export function pageSizeOf(args: Record<string, unknown>, limits: OperationLimits): number {
  const pagination = args.pagination;
  if (typeof pagination !== 'object' || pagination === null) return limits.defaultLimit;
  const { limit, pageSize } = pagination as { limit?: unknown; pageSize?: unknown };
  const size = typeof limit === 'number' ? limit : typeof pageSize === 'number' ? pageSize : null;
  if (size === null) return limits.defaultLimit;
  if (size <= 0) return limits.maxLimit ?? limits.defaultLimit;
  return limits.maxLimit === undefined ? size : Math.min(size, limits.maxLimit);
}

/**
 * Cost ≈ rows an operation makes the server load. A scalar costs 0; a single object (a to-one
 * relation, a single type, a component) costs 1 plus what it selects; a list (or a `_connection`
 * field) costs its page size times (1 + what one entry selects), nested. A connection adds 1
 * for its count query; inside it, `nodes` adds what an entry selects (the connection already
 * multiplied it) and `pageInfo` nothing more. A list's `filters` double its cost for each join
 * across a to-many relation (lib/graphql-filters.ts); filters over `limits.filters` are reported
 * to `onFilterProblem`.
 */
export function paginationCostEstimator(
  limits: OperationLimits,
  onFilterProblem: (message: string) => void = () => undefined
): ComplexityEstimator {
  const filtered = (
    fieldName: string,
    fieldType: GraphQLOutputType,
    args: Record<string, unknown>
  ) => {
    const measure = measureFieldFilters(fieldType, args);
    const problem = measure && limits.filters && findFilterLimitProblem(measure, limits.filters);
    if (problem) onFilterProblem(`${fieldName}: ${problem}`);
    return filterCostFactor(measure);
  };
  return ({ type, field, args, childComplexity }) => {
    // Introspection (`__schema`, `__type` and the `__…` types under them) reads the schema in
    // memory, no rows: tools such as graphql-codegen send it in one request (production turns
    // introspection off altogether).
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    if (isConnectionType(type)) return field.name === 'nodes' ? childComplexity : 0;
    if (isConnectionType(named)) {
      const factor = filtered(field.name, field.type, args);
      return pageSizeOf(args, limits) * (1 + childComplexity) * factor + 1;
    }
    if (isListType(getNullableType(field.type))) {
      const factor = filtered(field.name, field.type, args);
      return pageSizeOf(args, limits) * (1 + childComplexity) * factor;
    }
    return 1 + childComplexity;
  };
}

/** The operation Apollo will run: the named one, or the only one. */
function operationOf(input: OperationInput): OperationDefinitionNode | undefined {
  const operations = input.document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION
  );
  if (input.operationName) {
    return operations.find((operation) => operation.name?.value === input.operationName);
  }
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * Number of fields at the root of `operation`, through fragments, without `__typename`. Each
 * fragment is counted once however often it is spread (lib/document-measure.ts), so a document
 * whose fragments spread each other twice over costs time linear in its size.
 */
export function countRootFields(
  document: DocumentNode,
  operation: OperationDefinitionNode
): number {
  return rootFieldCounts(document).get(operation.name?.value ?? '') ?? 0;
}

/** Aliases in the operation, counted by graphql-armor's max-aliases rule. */
function aliasProblem(input: OperationInput, maxAliases: number): LimitProblem | null {
  let problem: LimitProblem | null = null;
  validate(input.schema, input.document, [
    maxAliasesRule({
      n: maxAliases,
      propagateOnRejection: false,
      onReject: [
        (_context, error) => {
          problem ??= {
            code: 'TOO_MANY_ALIASES',
            message: error.message.replace(/^Syntax Error: /, ''),
          };
        },
      ],
    }),
  ]);
  return problem;
}

/** The cost of the operation under {@link paginationCostEstimator}, or `null` if unknowable. */
export function operationCost(input: OperationInput, limits: OperationLimits): number | null {
  return measureOperation(input, limits).cost;
}

/** The cost, and the first list `filters` over the filter limits (`null` if none). */
function measureOperation(
  input: OperationInput,
  limits: OperationLimits
): { cost: number | null; filterProblem: string | null } {
  let filterProblem: string | null = null;
  const onFilterProblem = (message: string) => {
    filterProblem ??= message;
  };
  try {
    const cost = getComplexity({
      schema: input.schema,
      query: input.document,
      variables: input.variables,
      operationName: input.operationName ?? undefined,
      estimators: [paginationCostEstimator(limits, onFilterProblem)],
    });
    return { cost, filterProblem };
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      return { cost: Number.POSITIVE_INFINITY, filterProblem };
    }
    // Variables that do not fit their types: execution refuses them with its own message.
    return { cost: null, filterProblem };
  }
}

/**
 * Returns why the operation exceeds a limit (aliases, then root fields, then list filters, then
 * cost), or `null`.
 * Runs on the parsed document only: nothing is resolved, no database is touched.
 */
export function findLimitProblem(
  input: OperationInput,
  limits: OperationLimits
): LimitProblem | null {
  return checkOperation(input, limits).problem;
}

/** {@link findLimitProblem}, plus the cost of an accepted operation (`null` if unknowable). */
export function checkOperation(
  input: OperationInput,
  limits: OperationLimits
): { problem: LimitProblem | null; cost: number | null } {
  const aliases = aliasProblem(input, limits.maxAliases);
  if (aliases) return { problem: aliases, cost: null };
  const operation = operationOf(input);
  if (operation) {
    const rootFields = countRootFields(input.document, operation);
    if (rootFields > limits.maxRootFields) {
      return {
        problem: {
          code: 'TOO_MANY_ROOT_FIELDS',
          message: `The operation asks for ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`,
        },
        cost: null,
      };
    }
  }
  const { cost, filterProblem } = measureOperation(input, limits);
  if (filterProblem !== null) {
    return { problem: { code: 'BAD_USER_INPUT', message: filterProblem }, cost: null };
  }
  if (cost !== null && cost > limits.maxCost) {
    return {
      problem: {
        code: 'QUERY_TOO_COMPLEX',
        message: `Query cost ${Number.isFinite(cost) ? cost : 'unbounded'} exceeds the budget of ${limits.maxCost} (each list counts its page size times what one entry selects)`,
      },
      cost,
    };
  }
  return { problem: null, cost };
}
