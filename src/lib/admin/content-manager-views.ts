/**
 * Content-manager views (list columns, default sort, field descriptions) declared as data and
 * merged into Strapi's stored view configuration.
 *
 * Merge rule, so that an editor's later customisation survives: each managed value is written
 * when it was never written before, or when the stored value is still the one written last time
 * (nobody changed it in "Configure the view"). A value an editor changed is left alone, even when
 * the declaration changes later. Values not declared here are never touched.
 */

export interface AttributeInfo {
  type: string;
  pluginOptions?: { i18n?: { localized?: boolean }; translations?: { shared?: boolean } };
}

export interface ViewDeclaration {
  /** Columns of the list view, in order. */
  list: string[];
  sortBy: string;
  sortOrder: 'ASC' | 'DESC';
  /** Field shown as the entry's title, and when other types link to it. */
  mainField: string;
  /** Field shown for a relation (on this type's edit view), keyed by relation name. */
  relationMainFields?: Record<string, string>;
}

/** Views of the project's types. Cities: name, country, creative field, member since. */
export const VIEWS: Record<string, ViewDeclaration> = {
  'api::city.city': {
    list: ['name', 'country', 'creativeField', 'memberSince'],
    sortBy: 'name',
    sortOrder: 'ASC',
    mainField: 'name',
    relationMainFields: { country: 'name', creativeField: 'name' },
  },
  'api::country.country': {
    list: ['name', 'isoCode', 'cities'],
    sortBy: 'name',
    sortOrder: 'ASC',
    mainField: 'name',
    relationMainFields: { cities: 'name' },
  },
  'api::creative-field.creative-field': {
    list: ['name', 'cityTitle', 'key', 'cities'],
    sortBy: 'name',
    sortOrder: 'ASC',
    mainField: 'name',
    relationMainFields: { cities: 'name' },
  },
  'api::glossary-term.glossary-term': {
    list: ['term', 'termStatus', 'doNotTranslate', 'partOfSpeech'],
    sortBy: 'term',
    sortOrder: 'ASC',
    mainField: 'term',
  },
  'api::network-goal.network-goal': {
    list: ['position', 'title'],
    sortBy: 'position',
    sortOrder: 'ASC',
    mainField: 'title',
  },
};

/**
 * Field labels per admin language. The admin panel shows the label of the user's language
 * (src/lib/admin/admin-translations.ts); the view configuration stores both, for the screens
 * that show the stored label as it is. Fields not listed keep Strapi's label, the field name.
 */
export const FIELD_LABELS: Record<string, { de: string; en: string }> = {
  name: { de: 'Name', en: 'Name' },
  slug: { de: 'Slug (URL)', en: 'Slug (URL)' },
  alternativeNames: { de: 'Andere Namen', en: 'Other names' },
  title: { de: 'Titel', en: 'Title' },
  country: { de: 'Land', en: 'Country' },
  creativeField: { de: 'Kreativfeld', en: 'Creative field' },
  memberSince: { de: 'Mitglied seit', en: 'Member since' },
  cityTitle: { de: 'Städtetitel', en: 'City title' },
  isoCode: { de: 'ISO-Code', en: 'ISO code' },
  cities: { de: 'Städte', en: 'Cities' },
  position: { de: 'Nr.', en: 'No.' },
  description: { de: 'Beschreibung', en: 'Description' },
  website: { de: 'Website', en: 'Website' },
  unescoUrl: { de: 'UNESCO-Seite', en: 'UNESCO page' },
  latitude: { de: 'Breitengrad', en: 'Latitude' },
  longitude: { de: 'Längengrad', en: 'Longitude' },
  key: { de: 'Schlüssel', en: 'Key' },
  intro: { de: 'Einleitung', en: 'Intro' },
  fundingNote: { de: 'Förderhinweis', en: 'Funding note' },
  links: { de: 'Links', en: 'Links' },
  term: { de: 'Begriff', en: 'Term' },
  definition: { de: 'Definition oder Hinweis', en: 'Definition or note' },
  partOfSpeech: { de: 'Wortart', en: 'Part of speech' },
  doNotTranslate: { de: 'Nicht übersetzen', en: 'Do not translate' },
  termStatus: { de: 'Status', en: 'Status' },
};

/** The stored label: both languages, or one where they agree ("Land · Country", "Website"). */
export const LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(FIELD_LABELS).map(([field, { de, en }]) => [
    field,
    de === en ? de : `${de} · ${en}`,
  ])
);

export const DESCRIPTIONS = {
  translated: 'Übersetzt pro Sprache · Translated per locale',
  shared: 'In allen Sprachen gleich · Same in all locales',
  relation:
    'Pro Sprache verknüpft, mit der gleichen Sprache · Linked per locale, to the same locale',
  sharedRelation:
    'In allen Sprachen derselbe Eintrag, je in seiner Sprache · The same entry in all locales, each in its locale',
} as const;

/**
 * The half of a stored bilingual description ("German · English", DESCRIPTIONS) in the admin
 * language: the edit view shows a field's description as stored, without a translation lookup,
 * so src/admin/field-descriptions.ts picks the half when the view is laid out. Descriptions that
 * are not bilingual (an editor's own) stay as they are.
 */
export function descriptionInLanguage(description: string, language: string): string {
  const halves = description.split(' · ');
  if (halves.length !== 2) return description;
  return language === 'de' ? halves[0] : halves[1];
}

/**
 * The description of a field: translated per locale, shared by all locales, a relation shared by
 * all locales (`pluginOptions.translations.shared`), or a relation linked per locale.
 */
export function describeAttribute(attribute: AttributeInfo): string {
  if (attribute.type === 'relation')
    return attribute.pluginOptions?.translations?.shared === true
      ? DESCRIPTIONS.sharedRelation
      : DESCRIPTIONS.relation;
  return attribute.pluginOptions?.i18n?.localized === false
    ? DESCRIPTIONS.shared
    : DESCRIPTIONS.translated;
}

/**
 * Attributes Strapi adds to every type: no editor fills them in, so they get no description
 * (and `locale`, `localizations`, `publishedAt` have no view metadata to attach one to).
 */
export const SYSTEM_FIELDS: readonly string[] = [
  'id',
  'documentId',
  'locale',
  'localizations',
  'publishedAt',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
];

/** Managed values by dotted path into the stored configuration. */
export type ManagedValues = Record<string, unknown>;

/** The values the declaration manages for one type (descriptions for every field). */
export function managedValues(
  view: ViewDeclaration | undefined,
  attributes: Record<string, AttributeInfo>
): ManagedValues {
  const values: ManagedValues = {};
  if (view) {
    values['layouts.list'] = view.list;
    values['settings.defaultSortBy'] = view.sortBy;
    values['settings.defaultSortOrder'] = view.sortOrder;
    values['settings.mainField'] = view.mainField;
    for (const [relation, field] of Object.entries(view.relationMainFields ?? {})) {
      values[`metadatas.${relation}.edit.mainField`] = field;
      values[`metadatas.${relation}.list.mainField`] = field;
    }
  }
  for (const [name, attribute] of Object.entries(attributes)) {
    if (SYSTEM_FIELDS.includes(name)) continue;
    values[`metadatas.${name}.edit.description`] = describeAttribute(attribute);
    if (LABELS[name]) {
      values[`metadatas.${name}.edit.label`] = LABELS[name];
      values[`metadatas.${name}.list.label`] = LABELS[name];
    }
  }
  return values;
}

type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a dotted path; field names contain no dots. */
export function getPath(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (isTree(node) ? node[key] : undefined), tree);
}

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (!isTree(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface MergeResult<T> {
  configuration: T;
  /** What is now applied (to store for the next start). */
  applied: ManagedValues;
  /** Paths written now; empty on a second run. */
  changed: string[];
}

/**
 * Merges declared values into a stored view configuration by the rule in the module comment.
 * `previous` is what the last run applied (empty on the first run). Does not mutate its input.
 */
export function mergeView<T extends object>(
  current: T,
  declared: ManagedValues,
  previous: ManagedValues
): MergeResult<T> {
  const configuration = structuredClone(current) as T & Tree;
  const applied: ManagedValues = {};
  const changed: string[] = [];
  for (const [path, value] of Object.entries(declared)) {
    const stored = getPath(configuration, path);
    const editorChanged = path in previous && !same(stored, previous[path]);
    if (editorChanged) continue;
    applied[path] = value;
    if (!same(stored, value)) {
      setPath(configuration, path, value);
      changed.push(path);
    }
  }
  return { configuration, applied, changed };
}
