/** Which writes can change what an anonymous read returns. */

/**
 * Models of Strapi and its plugins whose rows shape anonymous responses: locales (which locales
 * exist; the default one is in the core store), Public role permissions and roles, media files,
 * and the core store (i18n default locale, users-permissions settings).
 */
export const SHARED_CONTENT_MODELS: readonly string[] = [
  'plugin::i18n.locale',
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
  'plugin::upload.file',
  'plugin::upload.folder',
  'strapi::core-store',
];

/** The uids of an app's schema, as Strapi lists them (`strapi.contentTypes`, `strapi.components`). */
export interface SchemaUids {
  contentTypes: Iterable<string>;
  components: Iterable<string>;
}

/**
 * The models whose database writes may change an anonymous read: every content type of the app
 * (`api::`), every component, and {@link SHARED_CONTENT_MODELS}. Admin bookkeeping (sessions, API
 * tokens' last use, audit) and website users are left out: writing them must not flush the cache.
 */
export function contentModels(schema: SchemaUids): string[] {
  const models = new Set<string>();
  for (const uid of schema.contentTypes) if (uid.startsWith('api::')) models.add(uid);
  for (const uid of schema.components) models.add(uid);
  for (const uid of SHARED_CONTENT_MODELS) models.add(uid);
  return [...models].sort();
}

/** Database lifecycle events that mean a row changed. */
export const WRITE_LIFECYCLE_ACTIONS = [
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
] as const;

/** Document Service actions that only read. Everything else (create, update, publish, …) writes. */
export const READ_DOCUMENT_ACTIONS: ReadonlySet<string> = new Set([
  'findOne',
  'findFirst',
  'findMany',
  'count',
]);

/**
 * True when a Document Service action may change an anonymous read: any write outside `admin::`
 * (admin users, roles and tokens are never part of a Content API answer).
 */
export function isContentWrite(action: string, uid: string): boolean {
  return !READ_DOCUMENT_ACTIONS.has(action) && !uid.startsWith('admin::');
}
