/**
 * Placing a plugin middleware in the app's middleware list (`config/middlewares.ts`). Pure.
 */

export type MiddlewareEntry = string | { name?: string; resolve?: string; config?: unknown };

const nameOf = (entry: MiddlewareEntry): string | undefined =>
  typeof entry === 'string' ? entry : (entry.name ?? entry.resolve);

/**
 * Returns `list` with `entry` placed right after the first of `anchors` found in it (or at the
 * end when none is). A list that already names the middleware is returned unchanged, so a host
 * app can still place it itself.
 */
export function insertMiddleware(
  list: readonly MiddlewareEntry[],
  entry: MiddlewareEntry,
  anchors: readonly string[]
): MiddlewareEntry[] {
  const name = nameOf(entry);
  if (list.some((item) => nameOf(item) === name)) return [...list];
  for (const anchor of anchors) {
    const index = list.findIndex((item) => nameOf(item) === anchor);
    if (index >= 0) return [...list.slice(0, index + 1), entry, ...list.slice(index + 1)];
  }
  return [...list, entry];
}
