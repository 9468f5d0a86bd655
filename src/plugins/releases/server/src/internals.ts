/**
 * Every Strapi API this plugin uses that Strapi does not document as stable, behind one typed
 * adapter each. tests/host/internals.contract.test.ts checks each against the plugin host and names
 * the API when an upgrade changes it. Everything else is public: `strapi.documents(uid)` (findOne,
 * publish, unpublish), `strapi.db.query(uid)` (the Query Engine), `strapi.contentTypes`,
 * `strapi.plugin(name).service(name)`.
 */
import type { Core } from '@strapi/strapi';

/** The names checked by the contract test, as they appear in its failure messages. */
export const INTERNAL_APIS = {
  transaction: 'strapi.db.transaction(work) (experimental in the docs)',
  locales: "strapi.plugin('i18n').service('locales').find()",
  graphqlShadowCrud: "strapi.plugin('graphql').service('extension').shadowCRUD(uid).disable()",
  adminActions: "strapi.service('admin::permission').actionProvider.registerMany(actions)",
} as const;

/**
 * Runs `work` in one database transaction: every Document Service call inside joins it (Strapi
 * keeps the transaction in an AsyncLocalStorage); it commits when `work` resolves and rolls
 * back when it throws.
 */
export function inTransaction<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  return strapi.db.transaction(async () => work()) as Promise<T>;
}

/** Codes of the locales the app has (i18n plugin); undefined without i18n. */
export async function localeCodes(strapi: Core.Strapi): Promise<Set<string> | undefined> {
  const i18n = strapi.plugin('i18n');
  if (!i18n) return undefined;
  const locales = (await i18n.service('locales').find()) as Array<{ code: string }>;
  return new Set(locales.map((locale) => locale.code));
}

interface GraphQLExtension {
  shadowCRUD(uid: string): { disable(): void };
}

/** Keeps a content type out of the GraphQL schema (its shadow CRUD), when GraphQL is installed. */
export function hideFromGraphql(strapi: Core.Strapi, uid: string): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  (graphql.service('extension') as GraphQLExtension).shadowCRUD(uid).disable();
}

/** An admin permission this plugin adds to the roles settings. */
export interface AdminAction {
  section: 'plugins';
  displayName: string;
  uid: string;
  pluginName: string;
}

interface ActionProvider {
  registerMany(actions: AdminAction[]): Promise<void>;
}

/** Adds admin permissions (Settings → Roles); the Super Admin has them all. */
export async function registerAdminActions(
  strapi: Core.Strapi,
  actions: AdminAction[]
): Promise<void> {
  const permission = strapi.service('admin::permission') as unknown as {
    actionProvider: ActionProvider;
  };
  await permission.actionProvider.registerMany(actions);
}
