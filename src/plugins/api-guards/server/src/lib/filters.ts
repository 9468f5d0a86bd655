/**
 * Shape checks for `filters` before they reach the database layer. Stock Strapi 5.54 answers
 * some malformed filters with a 500 because `@strapi/database` throws plain `Error`s while it
 * builds the SQL (`filters[memberSince][$eq]=abc`, `filters[$and]=x`, `$between` with one
 * value, an object where a scalar belongs). This module finds those cases first, so the caller
 * can answer with a 400 that names the problem. Pure: the schema comes in through a callback.
 */

/** What the checks need to know about an attribute. */
export interface AttributeShape {
  type: string;
  target?: string;
  /** For relations: `oneToMany`, `manyToOne`, … */
  relation?: string;
  /** For components: the component's uid, and whether it is a list. */
  component?: string;
  repeatable?: boolean;
  /** For media fields: several files. */
  multiple?: boolean;
}

/** Returns the attributes of a model, or `undefined` for an unknown uid. */
export type AttributesOf = (uid: string) => Record<string, AttributeShape> | undefined;

const NUMERIC_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
const GROUP_OPERATORS = new Set(['$and', '$or']);
const NULL_OPERATORS = new Set(['$null', '$notNull']);
const LIST_OPERATORS = new Set(['$in', '$notIn']);

type Scalar = string | number | bigint | boolean | Date | null;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Dates and bigints come from server-side callers (Strapi's own services), not from clients.
const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  value instanceof Date ||
  ['string', 'number', 'bigint', 'boolean'].includes(typeof value);

/** Same acceptance rule as `@strapi/database`'s NumberField.toDB. */
export function isNumberLike(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'bigint') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed !== '' && Number.isFinite(Number(trimmed));
  }
  return false;
}

const where = (path: string[]): string => (path.length > 0 ? path.join('.') : 'filters');

function checkScalarValue(
  value: unknown,
  attribute: AttributeShape,
  path: string[]
): string | null {
  if (!isScalar(value)) {
    return `filters: ${where(path)} expects a value, not ${Array.isArray(value) ? 'a list' : 'an object'}`;
  }
  if (NUMERIC_TYPES.has(attribute.type) && !isNumberLike(value)) {
    return `filters: ${where(path)} expects a number, got "${String(value)}"`;
  }
  return null;
}

function checkValueOrList(
  value: unknown,
  attribute: AttributeShape,
  path: string[]
): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = checkScalarValue(item, attribute, path);
      if (problem) return problem;
    }
    return null;
  }
  return checkScalarValue(value, attribute, path);
}

/** Checks the value given for one scalar attribute: a value, a list, or `{ $operator: … }`. */
function checkAttributeCondition(
  condition: unknown,
  attribute: AttributeShape,
  path: string[]
): string | null {
  if (!isPlainObject(condition)) return checkValueOrList(condition, attribute, path);

  for (const [operator, value] of Object.entries(condition)) {
    const at = [...path, operator];
    let problem: string | null = null;
    if (GROUP_OPERATORS.has(operator)) {
      if (!Array.isArray(value)) return `filters: ${where(at)} must be a list`;
      for (const [index, item] of value.entries()) {
        problem ??= checkAttributeCondition(item, attribute, [...at, String(index)]);
      }
    } else if (operator === '$not') {
      problem = checkAttributeCondition(value, attribute, at);
    } else if (NULL_OPERATORS.has(operator)) {
      if (!isScalar(value)) problem = `filters: ${where(at)} expects true or false`;
    } else if (operator === '$between') {
      if (!Array.isArray(value) || value.length !== 2) {
        problem = `filters: ${where(at)} expects a list of two values`;
      } else {
        problem = checkValueOrList(value, attribute, at);
      }
    } else if (LIST_OPERATORS.has(operator) || operator.startsWith('$')) {
      problem = checkValueOrList(value, attribute, at);
    } else {
      // `filters[name][name]=` reaches the database as a column condition and fails there.
      problem = `filters: ${where(at)} is not an operator (use $eq, $in, $contains, …)`;
    }
    if (problem) return problem;
  }
  return null;
}

/**
 * Returns a message naming the first malformed part of `filters` for model `uid`, or `null`
 * when the shape is one the database layer can handle. Unknown keys are not reported here:
 * Strapi's query validation already refuses them with a 400.
 */
export function findFilterProblem(
  filters: unknown,
  uid: string,
  attributesOf: AttributesOf,
  path: string[] = []
): string | null {
  if (filters === undefined || filters === null) return null;
  if (Array.isArray(filters) && path.length === 0) {
    // `filters[0][name]=x` parses to a list; Strapi's query builder then fails with a 500.
    // Lists of conditions belong under $and / $or.
    return 'filters: must be an object; put a list of conditions under filters[$and] or filters[$or]';
  }
  if (Array.isArray(filters)) {
    for (const [index, item] of filters.entries()) {
      const problem = findFilterProblem(item, uid, attributesOf, [...path, String(index)]);
      if (problem) return problem;
    }
    return null;
  }
  if (!isPlainObject(filters)) {
    return `filters: ${where(path)} must be an object, got "${String(filters)}"`;
  }

  const attributes = attributesOf(uid) ?? {};
  for (const [key, value] of Object.entries(filters)) {
    const at = [...path, key];
    let problem: string | null = null;
    if (GROUP_OPERATORS.has(key)) {
      if (!Array.isArray(value)) return `filters: ${where(at)} must be a list`;
      problem = findFilterProblem(value, uid, attributesOf, at);
    } else if (key === '$not') {
      problem = findFilterProblem(value, uid, attributesOf, at);
    } else if (key.startsWith('$')) {
      return `filters: ${where(at)} must be applied to a field (e.g. filters[name][${key}]=…)`;
    } else {
      const attribute = attributes[key];
      if (attribute?.type === 'relation' && attribute.target) {
        problem = findRelationProblem(value, attribute.target, attributesOf, at);
      } else {
        // Keys outside the schema that Strapi still accepts (`id`, `documentId`) get the generic
        // shape check; other unknown keys are refused by Strapi's query validation.
        problem = checkAttributeCondition(
          value,
          attribute ?? { type: key === 'id' ? 'integer' : 'string' },
          at
        );
      }
    }
    if (problem) return problem;
  }
  return null;
}

/**
 * A relation takes either filters on the target's fields (`country: { isoCode: 'DE' }`) or one
 * operator applied to the target's id (`country: { $null: true }`), never both.
 */
function findRelationProblem(
  value: unknown,
  target: string,
  attributesOf: AttributesOf,
  path: string[]
): string | null {
  if (!isPlainObject(value)) return checkValueOrList(value, { type: 'integer' }, path);
  const operators = Object.keys(value).filter(
    (key) => key.startsWith('$') && !GROUP_OPERATORS.has(key) && key !== '$not'
  );
  if (operators.length === 0) return findFilterProblem(value, target, attributesOf, path);
  if (operators.length !== Object.keys(value).length || operators.length > 1) {
    return `filters: ${where(path)} takes either one operator or filters on its fields, not both`;
  }
  return checkAttributeCondition(value, { type: 'integer' }, path);
}

/**
 * Checks the `filters` nested in a `populate` parameter (`populate[country][filters]…`),
 * recursing into nested populates. Returns the first problem or `null`.
 */
export function findPopulateFilterProblem(
  populate: unknown,
  uid: string,
  attributesOf: AttributesOf
): string | null {
  if (!isPlainObject(populate)) return null;
  const attributes = attributesOf(uid) ?? {};
  for (const [key, value] of Object.entries(populate)) {
    const target = attributes[key]?.target;
    if (!target || !isPlainObject(value)) continue;
    const problem =
      findFilterProblem(value.filters, target, attributesOf, ['populate', key]) ??
      findPopulateFilterProblem(value.populate, target, attributesOf);
    if (problem) return problem;
  }
  return null;
}
