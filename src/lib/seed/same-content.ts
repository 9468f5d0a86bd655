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
