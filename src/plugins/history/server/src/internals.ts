/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. The app's tests/api/plugins/history/internals.contract.test.ts checks them against
 * the booted app (they need its roles and labels), so an upgrade that changes one fails there with
 * the API's name.
 */
import type { Core } from '@strapi/strapi';

/** The auth strategy Strapi 5 names API tokens of the Content API with. */
export const API_TOKEN_STRATEGY = 'content-api-token';

/** Who made the current HTTP request, as Strapi's auth strategies leave it in `ctx.state`. */
export interface RequestAuth {
  /**
   * `admin`, {@link API_TOKEN_STRATEGY}, `users-permissions`, or undefined (no request, or
   * anonymous).
   */
  strategy?: string;
  /** The API token row (`name`, `type`: full-access / read-only / custom). */
  token?: { name?: string; type?: string; permissions?: unknown };
  /** The admin or website user (`firstname`, `lastname`, `email`, `username`). */
  user?: { firstname?: string; lastname?: string; email?: string; username?: string };
}

/**
 * The auth of the request being handled (`strapi.requestContext.get()` → `ctx.state.auth`
 * `{ strategy: { name }, credentials }` and `ctx.state.user`), or an empty object outside one.
 */
export function requestAuth(strapi: Core.Strapi): RequestAuth {
  const state = strapi.requestContext.get()?.state as
    { auth?: { strategy?: { name?: unknown }; credentials?: unknown }; user?: unknown } | undefined;
  const strategy = state?.auth?.strategy?.name;
  const auth: RequestAuth = {};
  if (typeof strategy === 'string') auth.strategy = strategy;
  if (strategy === API_TOKEN_STRATEGY && typeof state?.auth?.credentials === 'object')
    auth.token = state.auth.credentials as RequestAuth['token'];
  if (typeof state?.user === 'object' && state.user !== null)
    auth.user = state.user as RequestAuth['user'];
  return auth;
}

/**
 * The Content API actions a custom API token was given (`credentials.permissions`, a list of
 * action names such as `api::city.city.find`); undefined for full-access and read-only tokens.
 */
export function customTokenActions(token: RequestAuth['token']): Set<string> | undefined {
  if (token?.type !== 'custom') return undefined;
  const permissions = Array.isArray(token.permissions) ? token.permissions : [];
  return new Set(
    permissions.map((permission) =>
      typeof permission === 'string'
        ? permission
        : String((permission as { action?: unknown }).action)
    )
  );
}

/** The GraphQL plugin's extension service, only as far as switching a type off. */
export interface GraphQLExtension {
  shadowCRUD(uid: string): { disable(): void };
}

/** The GraphQL extension service, or undefined when the GraphQL plugin is not installed. */
export function graphqlExtension(strapi: Core.Strapi): GraphQLExtension | undefined {
  const graphql = strapi.plugin('graphql');
  return graphql ? (graphql.service('extension') as GraphQLExtension) : undefined;
}

/** The CASL ability of an admin session (`ctx.state.userAbility`). */
export interface AdminAbility {
  can(action: string, subject?: unknown, field?: string): boolean;
}

interface PermissionService {
  createPermissionsManager(options: { ability: AdminAbility; model: string }): {
    toSubject(entity: Record<string, unknown>, model: string): unknown;
  };
}

/**
 * Whether an admin may do `action` on a content type's version in `locale` (i18n limits roles
 * per locale by a condition on `locale`), on one `field` when named. Uses the admin `permission`
 * service's `createPermissionsManager(...).toSubject`, as the content manager does.
 */
export function canInLocale(
  strapi: Core.Strapi,
  ability: AdminAbility,
  action: string,
  uid: string,
  locale: string | null,
  field?: string
): boolean {
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  const manager = permissions.createPermissionsManager({ ability, model: uid });
  return ability.can(action, manager.toSubject(locale ? { locale } : {}, uid), field);
}

/** The i18n plugin's locales service (`strapi.plugin('i18n').service('locales')`). */
export interface I18nLocales {
  find(): Promise<Array<{ code: string }>>;
  getDefaultLocale(): Promise<string>;
}

/** The locales service, or undefined when the i18n plugin is not installed. */
export function i18nLocales(strapi: Core.Strapi): I18nLocales | undefined {
  const i18n = strapi.plugin('i18n');
  return i18n ? (i18n.service('locales') as I18nLocales) : undefined;
}

/** Per field: the label the content-manager edit view shows (its stored view configuration). */
export type FieldLabels = Record<string, string>;

interface ConfigurationFinder {
  findConfiguration(model: { uid: string }): Promise<{
    metadatas?: Record<string, { edit?: { label?: unknown } }>;
  }>;
}

/**
 * The edit-view labels of a content type from the content-manager's `content-types` service
 * (`findConfiguration`). Empty when the content manager has none.
 */
export async function editViewLabels(strapi: Core.Strapi, uid: string): Promise<FieldLabels> {
  const manager = strapi.plugin('content-manager');
  if (!manager) return {};
  const service = manager.service('content-types') as ConfigurationFinder | undefined;
  const configuration = await service?.findConfiguration({ uid });
  const labels: FieldLabels = {};
  for (const [field, metadata] of Object.entries(configuration?.metadatas ?? {})) {
    const label = metadata.edit?.label;
    if (typeof label === 'string' && label !== '') labels[field] = label;
  }
  return labels;
}
