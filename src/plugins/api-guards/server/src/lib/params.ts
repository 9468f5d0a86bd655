/**
 * Checks on read parameters other than filters that stock Strapi 5.54 turns into a 500:
 * a non-text `_q` (full-text search: `_q[$in]=` → "query.split is not a function") and an
 * empty field name (`fields=` → "Name cannot be null" from knex). Pure.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function findFieldsProblem(fields: unknown, where: string): string | null {
  if (fields === undefined || fields === null) return null;
  const list = Array.isArray(fields) ? fields : [fields];
  for (const field of list) {
    if (typeof field !== 'string' || field.trim() === '') {
      return `${where} must list field names, got ${JSON.stringify(field)}`;
    }
  }
  return null;
}

function findPopulateFieldsProblem(populate: unknown, where: string): string | null {
  if (!isPlainObject(populate)) return null;
  for (const [key, value] of Object.entries(populate)) {
    if (!isPlainObject(value)) continue;
    const problem =
      findFieldsProblem(value.fields, `${where}.${key}.fields`) ??
      findPopulateFieldsProblem(value.populate, `${where}.${key}.populate`);
    if (problem) return problem;
  }
  return null;
}

/**
 * Returns a message naming the first malformed `_q` or `fields` (also inside `populate`) in the
 * parameters of a read, or `null`.
 */
export function findReadParamsProblem(params: {
  _q?: unknown;
  fields?: unknown;
  populate?: unknown;
}): string | null {
  if (params._q !== undefined && params._q !== null && typeof params._q !== 'string') {
    return '_q (search) must be a text, not a list or an object';
  }
  return (
    findFieldsProblem(params.fields, 'fields') ??
    findPopulateFieldsProblem(params.populate, 'populate')
  );
}
