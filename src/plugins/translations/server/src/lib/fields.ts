/**
 * Which fields of a content type a translator translates, discovered from the schema: localized
 * text attributes (string, text, richtext, blocks) and the text attributes of localized
 * components. uid fields (slugs), relations, media, numbers and ids are never translatable, and
 * a component attribute marked `pluginOptions.i18n.localized: false` (e.g. `shared.link.url`)
 * keeps the same value in every locale.
 */
export interface AttributeSchema {
  type: string;
  component?: string;
  repeatable?: boolean;
  maxLength?: number;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

export interface ModelSchema {
  uid: string;
  kind?: string;
  info?: { displayName?: string };
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, AttributeSchema>;
}

/** Looks up a component schema by its uid (`shared.link`). */
export type ComponentLookup = (uid: string) => ModelSchema | undefined;

export interface TextField {
  kind: 'text' | 'blocks';
  name: string;
  /** The schema's `maxLength` of a string or text attribute. */
  maxLength?: number;
}

export interface ComponentField {
  kind: 'component';
  name: string;
  repeatable: boolean;
  /** The component's uid (`shared.link`). */
  component: string;
  fields: FieldSpec[];
}

export type FieldSpec = TextField | ComponentField;

const TEXT_TYPES = new Set(['string', 'text', 'richtext']);

/** True when the content type is localized (i18n enabled on the type). */
export function isLocalizedType(schema: ModelSchema): boolean {
  return schema.pluginOptions?.i18n?.localized === true;
}

function fieldFor(
  name: string,
  attribute: AttributeSchema,
  components: ComponentLookup,
  depth: number
): FieldSpec | null {
  if (TEXT_TYPES.has(attribute.type)) {
    return typeof attribute.maxLength === 'number'
      ? { kind: 'text', name, maxLength: attribute.maxLength }
      : { kind: 'text', name };
  }
  if (attribute.type === 'blocks') return { kind: 'blocks', name };
  if (attribute.type === 'component' && attribute.component && depth < 5) {
    const component = components(attribute.component);
    if (!component) return null;
    const fields = componentFields(component, components, depth + 1);
    if (fields.length === 0) return null;
    return {
      kind: 'component',
      name,
      repeatable: attribute.repeatable === true,
      component: attribute.component,
      fields,
    };
  }
  return null;
}

function componentFields(
  component: ModelSchema,
  components: ComponentLookup,
  depth: number
): FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (const [name, attribute] of Object.entries(component.attributes)) {
    if (attribute.pluginOptions?.i18n?.localized === false) continue;
    const field = fieldFor(name, attribute, components, depth);
    if (field) fields.push(field);
  }
  return fields;
}

/** The translatable fields of a localized content type, in schema order. */
export function translatableFields(schema: ModelSchema, components: ComponentLookup): FieldSpec[] {
  if (!isLocalizedType(schema)) return [];
  const fields: FieldSpec[] = [];
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.pluginOptions?.i18n?.localized !== true) continue;
    const field = fieldFor(name, attribute, components, 0);
    if (field) fields.push(field);
  }
  return fields;
}

/** A `populate` object for the query engine that loads every translatable component. */
export function populateFor(
  fields: readonly FieldSpec[]
): Record<string, true | { populate: Record<string, unknown> }> {
  const populate: Record<string, true | { populate: Record<string, unknown> }> = {};
  for (const field of fields) {
    if (field.kind !== 'component') continue;
    const nested = populateFor(field.fields);
    populate[field.name] = Object.keys(nested).length > 0 ? { populate: nested } : true;
  }
  return populate;
}

/** The attribute that names a document in notes and tables: `name`, `title`, or the first string. */
export function labelField(schema: ModelSchema): string | null {
  for (const candidate of ['name', 'title', 'label']) {
    if (schema.attributes[candidate]?.type === 'string') return candidate;
  }
  const first = Object.entries(schema.attributes).find(
    ([, attribute]) => attribute.type === 'string'
  );
  return first ? first[0] : null;
}

/** uid attributes (slugs) that are localized: a new locale version needs its own value. */
export function localizedUidFields(schema: ModelSchema): string[] {
  return Object.entries(schema.attributes)
    .filter(([, a]) => a.type === 'uid' && a.pluginOptions?.i18n?.localized === true)
    .map(([name]) => name);
}

/** A field on the way to a unit: its name and the content type or component it belongs to. */
export interface FieldStep {
  owner: string;
  name: string;
}

/**
 * The field a unit path names (`links.0.label` → the `label` text field of the component under
 * `links`), with the steps from the content type down to it; null for an unknown path. A blocks
 * field's block number is ignored (`description.2` → `description`).
 */
export function fieldAt(
  fields: readonly FieldSpec[],
  owner: string,
  path: string
): { field: TextField; steps: FieldStep[] } | null {
  const parts = path.split('.');
  const steps: FieldStep[] = [];
  let specs = fields;
  let currentOwner = owner;
  for (let i = 0; i < parts.length; i += 1) {
    const spec = specs.find((candidate) => candidate.name === parts[i]);
    if (!spec) return null;
    steps.push({ owner: currentOwner, name: spec.name });
    if (spec.kind !== 'component') return { field: spec, steps };
    if (spec.repeatable) i += 1; // the item index
    specs = spec.fields;
    currentOwner = spec.component;
  }
  return null;
}
