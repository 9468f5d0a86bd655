import type { Core } from '@strapi/strapi';
import { registerAdminActions } from './internals';
import type { SchedulerService } from './services/scheduler';

/** Admin permissions: who may see releases and who may change and publish them. */
export const ADMIN_ACTIONS = {
  read: 'plugin::releases.read',
  manage: 'plugin::releases.manage',
} as const;

/**
 * Bootstrap: the admin permissions, then the scheduler (its first look runs the releases that fell
 * due while the app was down).
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await registerAdminActions(strapi, [
    { section: 'plugins', displayName: 'Read', uid: 'read', pluginName: 'releases' },
    {
      section: 'plugins',
      displayName: 'Create, change, publish and delete',
      uid: 'manage',
      pluginName: 'releases',
    },
  ]);
  (strapi.plugin('releases').service('scheduler') as SchedulerService).start();
};
