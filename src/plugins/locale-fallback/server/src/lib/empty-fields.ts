/**
 * Field fallback, the pure part: which translated fields of a version that exists may be filled
 * from a locale further down the chain, when such a field counts as empty, and how a filled entry
 * says where each value came from.
 *
 * Filled: attributes marked `localized: true` (translated) of a scalar kind — text of every kind,
 * blocks, numbers, dates, booleans, enumerations, JSON. Never filled:
 * - non-localized (shared) attributes: they are the same in every locale, so no other locale can
 *   hold a better value;
 * - `uid` (a slug is the version's address in its own locale: another locale's slug would not
 *   find the entry again) and `password`;
 * - relations (a related document is served by the document rule, ./fallback.ts), media,
 *   components and dynamic zones (Strapi localizes them as a whole, and an empty list is as often
 *   deliberate — no links in this language — as untranslated);
 * - private attributes (the provenance would name a field the API does not show).
 *
 * Empty means "nothing a reader could see": `null` or absent; for text kinds (`string`, `text`,
 * `richtext`, `email`) a string of whitespace only; for `blocks` a list whose nodes hold no
 * visible text and no image (the editor saves an emptied field as one paragraph with an empty text
 * node, not as `null`). `0`, `false`, an empty JSON object or list are values, not empty.
 */

/** An attribute as found in a Strapi schema, reduced to what field fallback looks at. */
export interface FieldAttribute {
  type?: string;
  private?: boolean;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

/** The locale each filled field came from, by field name (REST `fallbackFields`). */
export type FieldSources = Record<string, string>;

/** The key of the provenance on an entry. */
export const FALLBACK_FIELDS = 'fallbackFields';

const NEVER_FILLED = new Set(['relation', 'media', 'component', 'dynamiczone', 'uid', 'password']);
const TEXT = new Set(['string', 'text', 'richtext', 'email']);

/**
 * The attributes of a content type that field fallback may fill, by name, with their type.
 */
export function fillableFields(attributes: Record<string, FieldAttribute>): Map<string, string> {
  const fillable = new Map<string, string>();
  for (const [name, attribute] of Object.entries(attributes)) {
    const type = attribute.type ?? '';
    if (attribute.pluginOptions?.i18n?.localized !== true) continue;
    if (attribute.private === true || NEVER_FILLED.has(type)) continue;
    fillable.set(name, type);
  }
  return fillable;
}

/** Of `fillable`, the ones a `fields` selection returns (all of them when it selects everything). */
export function selectedFillable(
  fillable: ReadonlyMap<string, string>,
  fields: unknown
): Map<string, string> {
  if (fields === undefined || fields === null || fields === '*') return new Map(fillable);
  const list = Array.isArray(fields)
    ? fields.map(String)
    : String(fields)
        .split(',')
        .map((field) => field.trim());
  if (list.length === 0 || list.includes('*')) return new Map(fillable);
  return new Map([...fillable].filter(([name]) => list.includes(name)));
}

interface BlockNode {
  type?: unknown;
  text?: unknown;
  children?: unknown;
}

/** True when a blocks node shows something: non-blank text or an image, at any depth. */
function blockShowsSomething(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const { type, text, children } = node as BlockNode;
  if (type === 'image') return true;
  if (typeof text === 'string' && text.trim() !== '') return true;
  return Array.isArray(children) && children.some(blockShowsSomething);
}

/** True when a value of an attribute of this type counts as empty (see the module comment). */
export function isEmptyValue(type: string, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (TEXT.has(type)) return typeof value === 'string' && value.trim() === '';
  if (type === 'blocks') return !Array.isArray(value) || !value.some(blockShowsSomething);
  return false;
}

/** The fields of `fields` (name → type) that are empty on `entry`. */
export function emptyFieldsOf(
  entry: Record<string, unknown>,
  fields: ReadonlyMap<string, string>
): string[] {
  return [...fields].filter(([name, type]) => isEmptyValue(type, entry[name])).map(([n]) => n);
}

/**
 * Fills the empty `wanted` fields of `entry` that `version` (of the same document, in `from`)
 * has a value for, in place, and records `from` as their source in `entry.fallbackFields`.
 *
 * @returns the fields still empty
 */
export function fillFrom(
  entry: Record<string, unknown>,
  version: Record<string, unknown> | undefined,
  wanted: readonly string[],
  fields: ReadonlyMap<string, string>,
  from: string
): string[] {
  if (!version) return [...wanted];
  const left: string[] = [];
  for (const name of wanted) {
    const value = version[name];
    if (isEmptyValue(fields.get(name) ?? '', value)) {
      left.push(name);
      continue;
    }
    entry[name] = value;
    const sources = (entry[FALLBACK_FIELDS] ?? {}) as FieldSources;
    entry[FALLBACK_FIELDS] = { ...sources, [name]: from };
  }
  return left;
}
