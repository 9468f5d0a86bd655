/**
 * The `filters` argument of a GraphQL list field, measured like a REST filter
 * (lib/filter-measure.ts), for the operation's cost and its filter limits. The schema is
 * Strapi's GraphQL schema itself: a filter key that names an object field of the entity type is
 * a relation (or component, or media) hop, to-many when that field is a list; operators are
 * spelled without `$` (`or`, `containsi`, `in`). Pure.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { measureFilters, type FilterMeasure, type FilterSchema } from './filter-measure';

/** The operators of Strapi's GraphQL filter inputs (`StringFilterInput` and the like). */
const GRAPHQL_OPERATORS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'eqi',
  'ne',
  'nei',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'contains',
  'notContains',
  'containsi',
  'notContainsi',
  'startsWith',
  'startsWithi',
  'endsWith',
  'endsWithi',
  'null',
  'notNull',
  'between',
]);

export const graphqlFilterSchema: FilterSchema<GraphQLObjectType> = {
  operator: (key) => (GRAPHQL_OPERATORS.has(key) ? `$${key}` : undefined),
  hop(type, key) {
    const field = type.getFields()[key];
    if (!field) return undefined;
    const target = getNamedType(field.type);
    if (!isObjectType(target)) return undefined;
    return { target, toMany: isListType(getNullableType(field.type)) };
  },
};

/**
 * The entity type a list field returns: the item type of `[City]`, or the `nodes` item type of a
 * connection (`cities_connection`). `undefined` for anything else.
 */
export function entityTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  const fields = named.getFields();
  if ('nodes' in fields && 'pageInfo' in fields) {
    const nodes = getNamedType(fields.nodes.type);
    return isObjectType(nodes) ? nodes : undefined;
  }
  return named;
}

/** The measure of a field's `filters` argument, or `undefined` when it has none. */
export function measureFieldFilters(
  type: GraphQLOutputType,
  args: Record<string, unknown>
): FilterMeasure | undefined {
  if (args.filters === undefined || args.filters === null) return undefined;
  const entity = entityTypeOf(type);
  if (!entity) return undefined;
  return measureFilters(args.filters, entity, graphqlFilterSchema);
}

/**
 * How much a list's filters multiply its cost: each join across a to-many relation can multiply
 * the rows the database goes through, so each doubles the cost (capped; the filter limits refuse
 * long before).
 */
export function filterCostFactor(measure: FilterMeasure | undefined): number {
  return 2 ** Math.min(measure?.toManyJoins ?? 0, 30);
}
