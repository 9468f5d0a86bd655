/**
 * What a version of a document holds, as history stores it: every attribute an editor sets, with
 * relations and media as the documentIds of their targets and components, dynamic zones and
 * blocks whole. Pure: the schema comes in as a lookup, rows come in as read from the database.
 */
import stableStringify from 'fast-json-stable-stringify';

/** The parts of a Strapi attribute definition this module reads. */
export interface AttributeSchema {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  components?: string[];
  repeatable?: boolean;
  multiple?: boolean;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

export interface ModelSchema {
  attributes: Record<string, AttributeSchema>;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

/** A content type's or component's schema by uid (`strapi.getModel`). */
export type SchemaLookup = (uid: string) => ModelSchema | undefined;

/** A version's values: attribute name → stored value. */
export type Values = Record<string, unknown>;

/** Bookkeeping every row has; not something an editor changes or a restore writes. */
const SYSTEM_ATTRIBUTES = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

const MEDIA_TARGET = 'plugin::upload.file';

/** Relations that point at one type (polymorphic ones carry no documentId to restore). */
function isPlainRelation(attribute: AttributeSchema): boolean {
  return (
    attribute.type === 'relation' &&
    typeof attribute.target === 'string' &&
    !String(attribute.relation).startsWith('morph')
  );
}

function isToMany(attribute: AttributeSchema): boolean {
  return /Many$/.test(String(attribute.relation));
}

/** The attributes history keeps, in schema order. */
export function recordedAttributes(schema: ModelSchema): Array<[string, AttributeSchema]> {
  return Object.entries(schema.attributes).filter(([name, attribute]) => {
    if (SYSTEM_ATTRIBUTES.has(name) || attribute.type === 'password') return false;
    if (attribute.type === 'relation') return isPlainRelation(attribute);
    return true;
  });
}

/**
 * The `populate` for `strapi.db.query(uid).findMany` that reads a version whole: relation and
 * media targets' documentIds, components and dynamic zones with what they hold.
 */
export function populateOf(schema: ModelSchema, lookup: SchemaLookup): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of recordedAttributes(schema)) {
    if (attribute.type === 'relation' || attribute.type === 'media') {
      populate[name] = { select: ['documentId'] };
    } else if (attribute.type === 'component' && attribute.component) {
      const component = lookup(attribute.component);
      const nested = component ? populateOf(component, lookup) : {};
      populate[name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
    } else if (attribute.type === 'dynamiczone') {
      const on: Record<string, unknown> = {};
      for (const uid of attribute.components ?? []) {
        const component = lookup(uid);
        const nested = component ? populateOf(component, lookup) : {};
        on[uid] = Object.keys(nested).length > 0 ? { populate: nested } : {};
      }
      populate[name] = { on };
    }
  }
  return populate;
}

function documentIdOf(row: unknown): string | null {
  return typeof row === 'object' && row !== null && 'documentId' in row
    ? String((row as { documentId: unknown }).documentId)
    : null;
}

function targets(value: unknown, many: boolean): string | string[] | null {
  if (many) {
    const rows = Array.isArray(value) ? value : [];
    return rows.map(documentIdOf).filter((id): id is string => id !== null);
  }
  return documentIdOf(Array.isArray(value) ? value[0] : value);
}

/** A component row as history keeps it: its own values, without the row id. */
function componentValues(row: unknown, uid: string, lookup: SchemaLookup): Values | null {
  if (typeof row !== 'object' || row === null) return null;
  const schema = lookup(uid);
  return schema ? valuesOf(schema, row as Values, lookup) : null;
}

/** The values of one database row (read with {@link populateOf}). */
export function valuesOf(schema: ModelSchema, row: Values, lookup: SchemaLookup): Values {
  const values: Values = {};
  for (const [name, attribute] of recordedAttributes(schema)) {
    const value = row[name];
    if (attribute.type === 'relation') {
      values[name] = targets(value, isToMany(attribute));
    } else if (attribute.type === 'media') {
      values[name] = targets(value, attribute.multiple === true);
    } else if (attribute.type === 'component' && attribute.component) {
      const uid = attribute.component;
      values[name] = attribute.repeatable
        ? (Array.isArray(value) ? value : []).map((item) => componentValues(item, uid, lookup))
        : componentValues(value, uid, lookup);
    } else if (attribute.type === 'dynamiczone') {
      values[name] = (Array.isArray(value) ? value : []).map((item) => {
        const uid = String((item as { __component?: unknown }).__component);
        return { __component: uid, ...componentValues(item, uid, lookup) };
      });
    } else {
      values[name] = value === undefined ? null : value;
    }
  }
  return values;
}

/** Whether a value is "nothing" (a new version lists only the fields it sets as changed). */
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * The fields whose value differs between two versions, in schema order. Without `before` (a new
 * version), the fields that hold something.
 */
export function changedFields(schema: ModelSchema, before: Values | null, after: Values): string[] {
  return recordedAttributes(schema)
    .map(([name]) => name)
    .filter((name) =>
      before === null
        ? !isEmpty(after[name])
        : stableStringify(before[name] ?? null) !== stableStringify(after[name] ?? null)
    );
}

/** Whether two versions hold the same values. */
export function sameValues(before: Values, after: Values): boolean {
  return stableStringify(before) === stableStringify(after);
}

/** A relation or media target a restore could not link again, and why. */
export interface Unrestorable {
  field: string;
  /** The target that is gone (absent when the field itself could not be written). */
  documentId?: string;
  reason: string;
}

/** What {@link restoreData} needs to know about the targets (asked before, all at once). */
export interface TargetLookup {
  /** The documentIds of `uid` that exist, among those asked for. */
  existing: (uid: string) => ReadonlySet<string>;
  /** Media documentId → file row id (the Document Service links media by id). */
  mediaIds: ReadonlyMap<string, number>;
  /** Whether the target type is localized (its documents are linked per locale). */
  localized: (uid: string) => boolean;
}

/** Every relation and media target a version's values name, by target type. */
export function referencedTargets(
  schema: ModelSchema,
  values: Values,
  lookup: SchemaLookup
): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (uid: string, ids: unknown) => {
    const list = Array.isArray(ids) ? ids : ids === null || ids === undefined ? [] : [ids];
    const set = found.get(uid) ?? new Set<string>();
    for (const id of list) if (typeof id === 'string') set.add(id);
    found.set(uid, set);
  };
  const walk = (model: ModelSchema, data: Values) => {
    for (const [name, attribute] of recordedAttributes(model)) {
      const value = data[name];
      if (attribute.type === 'relation' && attribute.target) add(attribute.target, value);
      else if (attribute.type === 'media') add(MEDIA_TARGET, value);
      else if (attribute.type === 'component' && attribute.component) {
        const component = lookup(attribute.component);
        const items = Array.isArray(value) ? value : value ? [value] : [];
        if (component) for (const item of items) walk(component, item as Values);
      } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
        for (const item of value as Values[]) {
          const component = lookup(String(item.__component));
          if (component) walk(component, item);
        }
      }
    }
  };
  walk(schema, values);
  return found;
}

/**
 * The Document Service `data` that writes a version's values again: relations `set` to the
 * targets that still exist (in `locale` for localized targets), media by file id, components
 * and dynamic zones whole. Targets deleted since are left out and named.
 */
export function restoreData(
  schema: ModelSchema,
  values: Values,
  locale: string | null,
  lookup: SchemaLookup,
  targetsNow: TargetLookup,
  path = ''
): { data: Values; unrestorable: Unrestorable[] } {
  const data: Values = {};
  const unrestorable: Unrestorable[] = [];
  for (const [name, attribute] of recordedAttributes(schema)) {
    if (!(name in values)) continue;
    const value = values[name];
    const field = path === '' ? name : `${path}.${name}`;
    if (attribute.type === 'relation' && attribute.target) {
      const target = attribute.target;
      const ids = Array.isArray(value) ? (value as string[]) : value ? [String(value)] : [];
      const kept: Array<{ documentId: string; locale?: string }> = [];
      for (const documentId of ids) {
        if (!targetsNow.existing(target).has(documentId)) {
          unrestorable.push({ field, documentId, reason: `${target} ${documentId} was deleted` });
          continue;
        }
        kept.push(targetsNow.localized(target) && locale ? { documentId, locale } : { documentId });
      }
      data[name] = { set: kept };
    } else if (attribute.type === 'media') {
      const ids = Array.isArray(value) ? (value as string[]) : value ? [String(value)] : [];
      const fileIds: number[] = [];
      for (const documentId of ids) {
        const id = targetsNow.mediaIds.get(documentId);
        if (id === undefined)
          unrestorable.push({ field, documentId, reason: `file ${documentId} was deleted` });
        else fileIds.push(id);
      }
      data[name] = attribute.multiple ? fileIds : (fileIds[0] ?? null);
    } else if (attribute.type === 'component' && attribute.component) {
      const component = lookup(attribute.component);
      if (!component) continue;
      const restoreItem = (item: unknown, index?: number) => {
        if (item === null || typeof item !== 'object') return null;
        const nested = restoreData(
          component,
          item as Values,
          locale,
          lookup,
          targetsNow,
          index === undefined ? field : `${field}.${index}`
        );
        unrestorable.push(...nested.unrestorable);
        return nested.data;
      };
      data[name] = attribute.repeatable
        ? (Array.isArray(value) ? value : []).map((item, index) => restoreItem(item, index))
        : restoreItem(value);
    } else if (attribute.type === 'dynamiczone') {
      data[name] = (Array.isArray(value) ? (value as Values[]) : []).flatMap((item, index) => {
        const uid = String(item.__component);
        const component = lookup(uid);
        if (!component) return [];
        const nested = restoreData(
          component,
          item,
          locale,
          lookup,
          targetsNow,
          `${field}.${index}`
        );
        unrestorable.push(...nested.unrestorable);
        return [{ __component: uid, ...nested.data }];
      });
    } else {
      data[name] = value;
    }
  }
  return { data, unrestorable };
}
