import type { Core } from '@strapi/strapi';

export default {
  register(_context: { strapi: Core.Strapi }) {},
  bootstrap(_context: { strapi: Core.Strapi }) {},
  destroy(_context: { strapi: Core.Strapi }) {},
  config: { default: {}, validator: () => {} },
  contentTypes: {},
  controllers: {},
  services: {},
  routes: {},
  middlewares: {},
  policies: {},
};
