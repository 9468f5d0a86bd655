/** Which writes can change what an anonymous read returns. */

/**
 * Models outside `api::` whose rows shape anonymous responses: locales (which locales exist, the
 * default one in the core store), public role permissions, media files, and the core store
 * (i18n default locale, users-permissions settings).
 */
const RELEVANT_MODELS = new Set([
  'plugin::i18n.locale',
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
  'plugin::upload.file',
  'plugin::upload.folder',
  'strapi::core-store',
]);

/**
 * True when a database write to this model may change an anonymous read: every content type of
 * the app (`api::`), every component (uids without `::`), and the models listed above. Admin
 * bookkeeping (sessions, tokens' last use, audit) does not, and must not flush the cache.
 */
export function affectsAnonymousReads(uid: string): boolean {
  return uid.startsWith('api::') || !uid.includes('::') || RELEVANT_MODELS.has(uid);
}

/** Database lifecycle actions that mean a row changed. */
export const WRITE_LIFECYCLE_ACTIONS: ReadonlySet<string> = new Set([
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
]);

/** Document Service actions that only read. Everything else (create, update, publish, …) writes. */
export const READ_DOCUMENT_ACTIONS: ReadonlySet<string> = new Set([
  'findOne',
  'findFirst',
  'findMany',
  'count',
]);
