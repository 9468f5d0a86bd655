import type { Core } from '@strapi/strapi';
import type { MissPathService } from './services/miss-path';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.plugin('api-guards').service('miss-path') as MissPathService).destroy();
};
