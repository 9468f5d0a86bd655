import type { Core } from '@strapi/strapi';
import { defaultLocale, localeCodes } from '../i18n/locales';
import { buildEditorialRoles, type ManagedContentType } from '../lib/admin/roles';
import { CONTENT_TYPE_UIDS } from '../lib/content-model';

/** The content types editors and translators work on. */
const MANAGED_TYPES = CONTENT_TYPE_UIDS;

interface AttributeWithI18n {
  pluginOptions?: { i18n?: { localized?: boolean }; translations?: { shared?: boolean } };
}

/**
 * Shared in every locale: non-localized fields (Strapi's i18n copies them) and relations declared
 * shared (the translations plugin links every locale version to the same documents).
 */
const isSharedAttribute = (attribute: AttributeWithI18n): boolean =>
  attribute.pluginOptions?.i18n?.localized === false ||
  attribute.pluginOptions?.translations?.shared === true;

interface AdminRoleRecord {
  id: number;
  name: string;
  description: string;
}

/**
 * Creates the `Redaktion` and `Übersetzung (<locale>)` admin roles if missing and brings their
 * permissions in line with the declaration (Strapi's role service diffs, so a restart writes
 * nothing). Roles are found by code, so renaming one in the admin panel is kept.
 */
export async function ensureAdminRoles(strapi: Core.Strapi): Promise<void> {
  const contentTypeService = strapi.service('admin::content-type');
  const types: ManagedContentType[] = MANAGED_TYPES.map((uid) => {
    const model = strapi.contentType(uid);
    const attributes = model.attributes as Record<string, AttributeWithI18n>;
    return {
      uid,
      fields: contentTypeService.getNestedFields(model, { components: strapi.components }),
      sharedFields: Object.keys(attributes).filter((name) => isSharedAttribute(attributes[name])),
    };
  });

  const locales = await localeCodes(strapi);
  const defaultCode = await defaultLocale(strapi);

  const roleService = strapi.service('admin::role');
  for (const definition of buildEditorialRoles(types, locales, defaultCode)) {
    let role: AdminRoleRecord | null = await roleService.findOne({ code: definition.code });
    if (!role) {
      role = (await roleService.create({
        name: definition.name,
        code: definition.code,
        description: definition.description,
      })) as AdminRoleRecord;
      strapi.log.info(`[admin-roles] created role ${definition.name}`);
    }
    await roleService.assignPermissions(role.id, definition.permissions);
  }
}
