/**
 * How deep a REST `populate` parameter nests relations. Every level multiplies the rows a
 * request loads (`populate[country][populate][cities][populate][country]…`), so the API refuses
 * populates deeper than a configured bound. Pure; `../middlewares/populate-depth.ts` applies it.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Depth of a dotted populate string: `'*'` and `'country'` are 1, `'country.cities'` is 2. */
function stringDepth(value: string): number {
  return Math.max(
    0,
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => part.split('.').length)
  );
}

/**
 * Returns the nesting depth of `populate` in any of the forms Strapi accepts: a string
 * (`*`, `a`, `a.b`, `a,b`), a list of those, or an object whose values are `true`, `'*'`, or
 * `{ populate, fields, filters, sort, on }`. 0 means nothing is populated.
 */
export function populateDepth(populate: unknown): number {
  if (typeof populate === 'string') return stringDepth(populate);
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (!isPlainObject(populate)) return 0;

  let deepest = 0;
  for (const value of Object.values(populate)) {
    let depth = 1;
    if (isPlainObject(value)) {
      depth += populateDepth(value.populate);
      // Dynamic zones / morphs: `on: { 'shared.link': { populate: … } }` adds no level itself.
      if (isPlainObject(value.on)) {
        for (const fragment of Object.values(value.on)) {
          if (isPlainObject(fragment))
            depth = Math.max(depth, 1 + populateDepth(fragment.populate));
        }
      }
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}
