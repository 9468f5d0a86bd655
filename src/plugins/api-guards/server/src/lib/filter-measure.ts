/**
 * The size of a `filters` object, measured before it reaches the database. Strapi turns every
 * relation key of a filter into a LEFT JOIN of its own (a fresh alias per occurrence, also in
 * each `$or`/`$and` branch) and de-duplicates the rows afterwards, so each join across a to-many
 * relation multiplies the rows the database produces: four `$or` branches over
 * `country.cities` took 8 s, sixty a 500 ("too many FROM clause terms"). This module counts what
 * makes a filter expensive — relation hops, joins across to-many relations, leaf conditions,
 * `$in` list sizes — so the caller can refuse it up front with a message naming the part at
 * fault. Pure: the schema comes in through {@link FilterSchema}, so the same walk serves REST
 * (Strapi models) and GraphQL (its object types). It never throws and never recurses: a filter
 * nested thousands of levels deep is walked with an explicit stack.
 */
import type { AttributesOf } from './filters';

/** Where a filter key leads when it names a relation (or component, or media) field. */
export interface FilterHop<Model> {
  target: Model;
  /** The join can return more than one row per parent row (oneToMany, manyToMany, lists). */
  toMany: boolean;
}

/** What the walk needs to know about the models a filter is applied to. */
export interface FilterSchema<Model> {
  /** The model `key` leads to, or `undefined` for a scalar field or an unknown key. */
  hop(model: Model, key: string): FilterHop<Model> | undefined;
  /** The operator `key` names in Strapi's spelling (`$or`, `$in`, …), or `undefined` for a field. */
  operator(key: string): string | undefined;
}

/**
 * A place in a filter, as a chain from the leaf to the root: shared by all keys below it, so a
 * filter nested n levels deep costs n nodes, not n² path entries. {@link pathKeys} spells it out.
 */
export interface FilterPath {
  key: string;
  parent: FilterPath | undefined;
}

/** The keys from the root to `path` (`["$or", "0", "country"]`); `[]` for the root. */
export function pathKeys(path: FilterPath | undefined): string[] {
  const keys: string[] = [];
  for (let node = path; node; node = node.parent) keys.push(node.key);
  return keys.reverse();
}

export interface FilterMeasure {
  /** Deepest chain of relation hops (`country.cities.name` is 2). */
  relationDepth: number;
  /** Where the first chain that reaches {@link relationDepth} ends. */
  deepestPath: FilterPath | undefined;
  /** Relation hops, counted per occurrence: each is a join (two tables with a link table). */
  joins: number;
  /** Joins across to-many relations, counted per occurrence (each branch joins anew). */
  toManyJoins: number;
  /** Where the to-many joins are, in the order they were found. */
  toManyPaths: FilterPath[];
  /** Leaf conditions (one per operator applied to a field, or per implicit `$eq`/`$in`). */
  conditions: number;
  /** The longest `$in`/`$notIn` (or implicit `$in`) list and where it is. */
  largestList: { size: number; path: FilterPath | undefined } | undefined;
}

export interface FilterLimits {
  /** Deepest relation nesting accepted. */
  maxRelationDepth: number;
  /** Most relation hops (joins) in one filter, to-one or to-many. */
  maxJoins: number;
  /** Most joins across to-many relations in one filter. */
  maxToManyJoins: number;
  /** Most values in one `$in`/`$notIn` list. */
  maxInValues: number;
  /** Most leaf conditions in one filter. */
  maxConditions: number;
}

const GROUP_OPERATORS = new Set(['$and', '$or']);
const LIST_OPERATORS = new Set(['$in', '$notIn']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The number of values in a list given to `$in`: an array, or the object the query-string parser
 * makes of a list longer than its `arrayLimit` (`{ "0": …, "150": … }`), counted by its highest
 * index + 1 as the parser would. `undefined` when `value` is neither.
 */
export function listSize(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((key) => /^\d{1,9}$/.test(key))) return undefined;
  return Math.max(keys.length, ...keys.map((key) => Number(key) + 1));
}

interface Pending<Model> {
  value: unknown;
  /** The model the keys of `value` belong to. */
  model: Model;
  depth: number;
  path: FilterPath | undefined;
  /** `value` is the condition on one field (its keys are operators), not a filter object. */
  onField: boolean;
}

/** Measures `filters` applied to `model`. Anything that is not an object counts as one condition. */
export function measureFilters<Model>(
  filters: unknown,
  model: Model,
  schema: FilterSchema<Model>
): FilterMeasure {
  const measure: FilterMeasure = {
    relationDepth: 0,
    deepestPath: undefined,
    joins: 0,
    toManyJoins: 0,
    toManyPaths: [],
    conditions: 0,
    largestList: undefined,
  };
  if (filters === undefined || filters === null) return measure;

  const noteList = (size: number, path: FilterPath | undefined) => {
    if (size > (measure.largestList?.size ?? -1)) measure.largestList = { size, path };
  };
  const stack: Pending<Model>[] = [];
  const pushItems = (items: unknown, at: Omit<Pending<Model>, 'value'>) => {
    // A list of more than the query-string parser's `arrayLimit` items arrives as an object
    // keyed by index (`filters[$or][150]…`): measured as the list it stands for.
    const entries = Array.isArray(items)
      ? items.map((item, index): [string, unknown] => [String(index), item])
      : listSize(items) !== undefined
        ? Object.entries(items as Record<string, unknown>)
        : undefined;
    if (!entries) {
      stack.push({ ...at, value: items });
      return;
    }
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, item] = entries[index];
      stack.push({ ...at, value: item, path: { key, parent: at.path } });
    }
  };
  // A list at the root (refused by the shape check) is measured item by item.
  pushItems(filters, { model, depth: 0, path: undefined, onField: false });
  while (stack.length > 0) {
    const { value, model: current, depth, path, onField } = stack.pop() as Pending<Model>;
    if (!isPlainObject(value)) {
      // `filters[name]=x`, `filters[name][$eq]=x`, or `filters[name]=a&filters[name]=b` ($in).
      measure.conditions += 1;
      const size = listSize(value);
      if (onField && size !== undefined) noteList(size, path);
      continue;
    }
    if (onField && listSize(value) !== undefined) {
      // `filters[name][0]=a…` beyond the parser's array limit: an implicit `$in`.
      measure.conditions += 1;
      noteList(listSize(value) ?? 0, path);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const at: FilterPath = { key, parent: path };
      const operator = schema.operator(key);
      const hop = onField || operator !== undefined ? undefined : schema.hop(current, key);
      if (operator !== undefined && (GROUP_OPERATORS.has(operator) || operator === '$not')) {
        pushItems(item, { model: current, depth, path: at, onField });
      } else if (hop) {
        const hopDepth = depth + 1;
        measure.joins += 1;
        if (hopDepth > measure.relationDepth) {
          measure.relationDepth = hopDepth;
          measure.deepestPath = at;
        }
        if (hop.toMany) {
          measure.toManyJoins += 1;
          measure.toManyPaths.push(at);
        }
        stack.push({ value: item, model: hop.target, depth: hopDepth, path: at, onField: false });
      } else if (operator !== undefined) {
        // An operator on a field (or on a relation's id: `country: { $null: true }`).
        measure.conditions += 1;
        const size = LIST_OPERATORS.has(operator) ? listSize(item) : undefined;
        if (size !== undefined) noteList(size, at);
      } else if (onField) {
        // `filters[name][name]=…`: not an operator; the shape check names it.
        measure.conditions += 1;
      } else {
        stack.push({ value: item, model: current, depth, path: at, onField: true });
      }
    }
  }
  return measure;
}

/** `$or` → `0` → `country` → `filters[$or][0][country]` (the REST spelling). */
export function filterPath(path: FilterPath | undefined, root = 'filters'): string {
  return `${root}${pathKeys(path)
    .map((key) => `[${key}]`)
    .join('')}`;
}

/**
 * Why `measure` exceeds `limits`, naming the part at fault, or `null`. Checked in this order:
 * `$in` sizes, relation depth, to-many joins, joins, conditions (the most specific message first).
 */
export function findFilterLimitProblem(
  measure: FilterMeasure,
  limits: FilterLimits,
  root = 'filters'
): string | null {
  const list = measure.largestList;
  if (list && list.size > limits.maxInValues) {
    return `${filterPath(list.path, root)} has ${list.size} values; at most ${limits.maxInValues} are allowed`;
  }
  if (measure.relationDepth > limits.maxRelationDepth) {
    return `${filterPath(measure.deepestPath, root)} nests relations ${measure.relationDepth} levels deep; at most ${limits.maxRelationDepth} are allowed`;
  }
  if (measure.toManyJoins > limits.maxToManyJoins) {
    const first = measure.toManyPaths[limits.maxToManyJoins];
    return `${root} join ${measure.toManyJoins} to-many relations; at most ${limits.maxToManyJoins} are allowed (the one over the limit: ${filterPath(first, root)})`;
  }
  if (measure.joins > limits.maxJoins) {
    return `${root} join ${measure.joins} relations; at most ${limits.maxJoins} are allowed`;
  }
  if (measure.conditions > limits.maxConditions) {
    return `${root} have ${measure.conditions} conditions; at most ${limits.maxConditions} are allowed`;
  }
  return null;
}

/** Relations that join at most one row per parent row; any other kind counts as to-many. */
const TO_ONE_RELATIONS = new Set(['oneToOne', 'manyToOne', 'oneWay', 'morphOne', 'morphToOne']);
const MEDIA_UID = 'plugin::upload.file';

/**
 * The schema of Strapi models (content types and components, by uid) as the REST content API
 * and the document service spell filters: operators start with `$`; relations, components and
 * media fields are hops.
 */
export function modelFilterSchema(attributesOf: AttributesOf): FilterSchema<string> {
  return {
    operator: (key) => (key.startsWith('$') ? key : undefined),
    hop(uid, key) {
      const attribute = attributesOf(uid)?.[key];
      if (!attribute) return undefined;
      if (attribute.type === 'relation' && attribute.target) {
        return {
          target: attribute.target,
          toMany: !TO_ONE_RELATIONS.has(attribute.relation ?? ''),
        };
      }
      if (attribute.type === 'component' && attribute.component) {
        return { target: attribute.component, toMany: attribute.repeatable === true };
      }
      if (attribute.type === 'media') {
        return { target: MEDIA_UID, toMany: attribute.multiple === true };
      }
      return undefined;
    },
  };
}
