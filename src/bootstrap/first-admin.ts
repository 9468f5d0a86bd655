import type { Core } from '@strapi/strapi';
import { decideFirstAdmin } from '../lib/admin/first-admin';

/**
 * Creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet, so a
 * developer can log in right after `npm run develop`. Throws (start-up stops) when the values
 * must not be used, e.g. the example values in production.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi): Promise<void> {
  const userService = strapi.service('admin::user');
  const decision = decideFirstAdmin({
    email: process.env.ADMIN_EMAIL,
    password: process.env.ADMIN_PASSWORD,
    nodeEnv: process.env.NODE_ENV,
    adminExists: (await userService.count()) > 0,
  });
  if (decision.action === 'refuse') {
    strapi.log.error(`[first-admin] ${decision.message}`);
    throw new Error(decision.message);
  }
  if (decision.action === 'skip') return;

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  await userService.create({
    email: decision.email,
    firstname: 'Admin',
    password: decision.password,
    isActive: true,
    registrationToken: null,
    roles: superAdminRole ? [superAdminRole.id] : [],
  });
  strapi.log.info(`[first-admin] created super admin ${decision.email}`);
}
