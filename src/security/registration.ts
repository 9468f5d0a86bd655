import type { Core } from '@strapi/strapi';

interface AdvancedSettings {
  allow_register?: boolean;
  [key: string]: unknown;
}

/**
 * Public self-registration (`POST /api/auth/local/register`) is off unless
 * `USERS_ALLOW_REGISTER=true`: the websites read anonymously and need no accounts, and
 * users-permissions ships with it on. Applied at every start, like the role permissions, so a
 * switch flipped in the admin panel does not outlive a restart.
 */
export async function applyRegistrationSetting(strapi: Core.Strapi): Promise<void> {
  const allow = process.env.USERS_ALLOW_REGISTER === 'true';
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as AdvancedSettings;
  if (advanced.allow_register !== allow) {
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: allow } });
  }
}
