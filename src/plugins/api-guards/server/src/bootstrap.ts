import type { Core } from '@strapi/strapi';
import { registerHitGuard } from './hit-guard';
import { applyRegistrationSetting } from './registration';
import { applyServerBounds } from './server-bounds';
import type { MissPathService } from './services/miss-path';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await applyRegistrationSetting(strapi);
  applyServerBounds(strapi);
  // Cache hits answered before Koa pass the front door's byte budget too (hit-guard.ts).
  registerHitGuard(strapi);
  // Connect the rate-limit store now rather than on the first request.
  (strapi.plugin('api-guards').service('miss-path') as MissPathService).stats();
};
