import type { Core } from '@strapi/strapi';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/**
 * What the users-permissions roles may do on the content API, declared once. Both the
 * anonymous (`public`) and the logged-in website user (`authenticated`) may only read.
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
  'api::city.city.find',
  'api::city.city.findOne',
  'api::country.country.find',
  'api::country.country.findOne',
  'api::creative-field.creative-field.find',
  'api::creative-field.creative-field.findOne',
  'api::glossary-term.glossary-term.find',
  'api::glossary-term.glossary-term.findOne',
  'api::network-goal.network-goal.find',
  'api::network-goal.network-goal.findOne',
  'api::network.network.find',
  'plugin::i18n.locales.listLocales',
  'plugin::search.search.find',
];

export const ROLE_PERMISSIONS: Record<'public' | 'authenticated', readonly string[]> = {
  public: READ_ONLY_ACTIONS,
  authenticated: READ_ONLY_ACTIONS,
};

interface PermissionRecord {
  id: number;
  action: string;
}

interface RoleRecord {
  id: number;
  type: string;
  permissions: PermissionRecord[];
}

/** Content-API actions managed by the map above; other actions (login, register…) are left alone. */
const isManagedAction = (action: string): boolean =>
  action.startsWith('api::') ||
  action.startsWith('plugin::i18n.') ||
  action.startsWith('plugin::search.');

/**
 * Brings the roles' permissions in line with {@link ROLE_PERMISSIONS}: grants what is missing
 * and revokes managed actions that are not declared, so a grant clicked in the admin panel does
 * not silently open the API. Returns the number of changes.
 */
export async function applyRolePermissions(strapi: Core.Strapi): Promise<number> {
  let changes = 0;
  for (const [type, actions] of Object.entries(ROLE_PERMISSIONS)) {
    const role: RoleRecord | null = await strapi.db
      .query(ROLE)
      .findOne({ where: { type }, populate: ['permissions'] });
    if (!role) {
      throw new Error(`users-permissions role "${type}" is missing`);
    }

    const granted = new Set(role.permissions.map((permission) => permission.action));
    for (const action of actions) {
      if (!granted.has(action)) {
        await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
        changes += 1;
      }
    }

    const wanted = new Set(actions);
    const surplus = role.permissions.filter(
      (permission) => isManagedAction(permission.action) && !wanted.has(permission.action)
    );
    for (const permission of surplus) {
      await strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
      changes += 1;
    }
  }
  return changes;
}
