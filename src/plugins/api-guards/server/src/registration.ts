import type { Core } from '@strapi/strapi';
import type { ApiGuardsConfig } from './config';
import { usersPermissionsAdvancedSettings } from './internals';

/**
 * Public self-registration (`POST /api/auth/local/register`) is off unless `registration.allow`
 * is true: websites that read anonymously need no accounts, and users-permissions ships with it
 * on. Applied at every start, like role permissions, so a switch flipped in the admin panel does
 * not outlive a restart.
 */
export async function applyRegistrationSetting(strapi: Core.Strapi): Promise<void> {
  if (!strapi.plugin('users-permissions')) return;
  const { allow } = strapi
    .plugin('api-guards')
    .config('registration') as ApiGuardsConfig['registration'];
  const settings = usersPermissionsAdvancedSettings(strapi);
  const advanced = await settings.get();
  if (advanced.allow_register !== allow) {
    await settings.set({ ...advanced, allow_register: allow });
  }
}
