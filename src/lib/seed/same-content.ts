/**
 * Decides whether a stored document already holds the seed's values, so that a re-seed
 * writes nothing when nothing changed.
 *
 * Databases return values in their own shapes: PostgreSQL returns decimals as strings,
 * components come back with ids, relations as objects. Only the fields the seed writes are
 * compared, each normalised the same way on both sides.
 */
export type FieldValue = unknown;

function normalise(value: FieldValue): FieldValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'id' && key !== '__component')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, normalise(inner)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** True when every field of `wanted` has the same (normalised) value in `stored`. */
export function hasSameContent(
  stored: Record<string, FieldValue>,
  wanted: Record<string, FieldValue>
): boolean {
  return Object.entries(wanted).every(
    ([field, value]) =>
      JSON.stringify(normalise(stored[field])) === JSON.stringify(normalise(value))
  );
}

/** True when two field values are the same once normalised. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** Which fields of a stored locale version a re-seed writes, and which it leaves alone. */
export interface UpdatePlan {
  /** Fields holding a value an earlier seed release wrote: the seed's new value replaces it. */
  write: string[];
  /** Fields holding a value the seed never wrote, i.e. an editor's change: left as they are. */
  kept: string[];
}

/**
 * Decides field by field what a re-seed does to a stored version: a field that already has
 * the seed's value is left, one that still has a value of an earlier seed release gets the new
 * value, and one with any other value was changed by an editor and is kept.
 *
 * @param earlier the same fields as the seed wrote them in earlier releases
 */
export function planUpdate(
  stored: Record<string, FieldValue>,
  wanted: Record<string, FieldValue>,
  earlier: Record<string, FieldValue>[]
): UpdatePlan {
  const plan: UpdatePlan = { write: [], kept: [] };
  for (const [field, value] of Object.entries(wanted)) {
    if (sameValue(stored[field], value)) continue;
    const seedWroteIt = earlier.some((version) => sameValue(stored[field], version[field]));
    plan[seedWroteIt ? 'write' : 'kept'].push(field);
  }
  return plan;
}
