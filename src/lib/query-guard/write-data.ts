/**
 * Checks on the `data` of a write that stock Strapi 5.54 lets through silently: a rich-text
 * (blocks) field given a string or an object is stored as `null` with a 201, losing the text
 * the client sent. Pure; the document-service middleware in `src/security/` applies it.
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
