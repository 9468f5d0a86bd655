import type { Core } from '@strapi/strapi';
import type { SchedulerService } from './services/scheduler';

/** Stops the scheduler and waits for a release it is running. */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await (strapi.plugin('releases').service('scheduler') as SchedulerService).stop();
};
