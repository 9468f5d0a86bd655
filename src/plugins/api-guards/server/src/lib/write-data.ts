/**
 * Checks on the `data` of a write that stock Strapi 5.54 mishandles: a rich-text (blocks)
 * field given a string or an object is stored as `null` with a 201, losing the text the client
 * sent; a blocks entry or a relation reference of the wrong type (`[null]`, `[true]`) is a 500.
 * Pure; the document-service middleware `../middlewares/document-guards.ts` applies it.
 */
import type { AttributeShape } from './filters';

/**
 * Returns a message naming the first blocks attribute in `data` whose value is neither `null`
 * nor a list of blocks, or `null` when there is none. The blocks themselves are validated by
 * Strapi (node types, children, heading levels).
 */
export function findBlocksProblem(
  data: unknown,
  attributes: Record<string, AttributeShape>
): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  for (const [key, value] of Object.entries(data)) {
    if (attributes[key]?.type !== 'blocks' || value === null || value === undefined) continue;
    if (!Array.isArray(value)) {
      return `${key} must be a list of rich-text blocks (e.g. [{"type":"paragraph","children":[{"type":"text","text":"…"}]}]), got ${typeof value}`;
    }
    // Strapi's blocks validator crashes (500) on an entry that is not an object.
    const index = value.findIndex(
      (block) => typeof block !== 'object' || block === null || Array.isArray(block)
    );
    if (index >= 0) {
      return `${key}[${index}] must be a block object like {"type":"paragraph","children":[…]}, got ${JSON.stringify(value[index])}`;
    }
  }
  return null;
}

const RELATION_OPERATIONS = ['connect', 'disconnect', 'set'] as const;

const isId = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';

/** A relation reference: a documentId or id, or an object carrying one. */
const isRelationReference = (value: unknown): boolean =>
  isId(value) ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (isId((value as { documentId?: unknown }).documentId) || isId((value as { id?: unknown }).id)));

function findReferencesProblem(value: unknown, where: string): string | null {
  const items = Array.isArray(value) ? value : [value];
  const bad = items.find((item) => !isRelationReference(item));
  return bad === undefined
    ? null
    : `${where} must reference documents by documentId (or { documentId, locale }), got ${JSON.stringify(bad)}`;
}

/**
 * Returns a message naming the first relation attribute in `data` whose value is not made of
 * document references (plain, as a list, or under `connect`/`disconnect`/`set`), or `null`.
 */
export function findRelationProblem(
  data: unknown,
  attributes: Record<string, AttributeShape>
): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  for (const [key, value] of Object.entries(data)) {
    if (attributes[key]?.type !== 'relation' || value === null || value === undefined) continue;
    const operations =
      typeof value === 'object' && !Array.isArray(value)
        ? RELATION_OPERATIONS.filter((operation) => operation in value)
        : [];
    const problem =
      operations.length > 0
        ? (operations
            .map((operation) =>
              findReferencesProblem(
                (value as Record<string, unknown>)[operation],
                `${key}.${operation}`
              )
            )
            .find((found) => found !== null) ?? null)
        : findReferencesProblem(value, key);
    if (problem) return problem;
  }
  return null;
}
