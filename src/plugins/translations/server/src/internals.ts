/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. tests/api/internals.contract.test.ts checks them against the booted app, so an
 * upgrade that changes one fails there with the API's name.
 */
import type { Core, UID } from '@strapi/strapi';

/** The i18n plugin's locales service (`strapi.plugin('i18n').service('locales')`). */
export interface I18nLocales {
  find(): Promise<Array<{ code: string; name: string }>>;
  getDefaultLocale(): Promise<string>;
}

export function i18nLocales(strapi: Core.Strapi): I18nLocales {
  return strapi.plugin('i18n').service('locales') as I18nLocales;
}

/** The content-manager's uid service: generates a free slug as the admin's "regenerate" does. */
export interface UidGenerator {
  generateUIDField(params: {
    contentTypeUID: UID.ContentType;
    field: string;
    data: Record<string, unknown>;
    locale: string;
  }): Promise<string>;
}

export function uidGenerator(strapi: Core.Strapi): UidGenerator {
  return strapi.plugin('content-manager').service('uid') as UidGenerator;
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

/** Per field: the label the content-manager edit view shows (its stored view configuration). */
export type FieldLabels = Record<string, string>;

interface ViewConfiguration {
  metadatas?: Record<string, { edit?: { label?: unknown } }>;
}

interface ConfigurationFinder {
  findConfiguration(model: { uid: string }): Promise<ViewConfiguration>;
}

/**
 * The edit-view labels of a content type or component, from the content-manager's `content-types`
 * and `components` services (`findConfiguration`). Empty when the content manager has none.
 */
export async function editViewLabels(
  strapi: Core.Strapi,
  uid: string,
  isComponent: boolean
): Promise<FieldLabels> {
  const manager = strapi.plugin('content-manager');
  if (!manager) return {};
  const service = manager.service(isComponent ? 'components' : 'content-types') as
    ConfigurationFinder | undefined;
  const configuration = await service?.findConfiguration({ uid });
  const labels: FieldLabels = {};
  for (const [field, metadata] of Object.entries(configuration?.metadatas ?? {})) {
    const label = metadata.edit?.label;
    if (typeof label === 'string' && label !== '') labels[field] = label;
  }
  return labels;
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
 * per locale by a condition on `locale`). Uses the admin `permission` service's
 * `createPermissionsManager(...).toSubject`, as the content manager does.
 */
export function canInLocale(
  strapi: Core.Strapi,
  ability: AdminAbility,
  action: string,
  uid: string,
  locale: string
): boolean {
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  const manager = permissions.createPermissionsManager({ ability, model: uid });
  return ability.can(action, manager.toSubject({ locale }, uid));
}
