import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import destroy from './destroy';
import register from './register';
import services from './services';

const plugin: {
  register(context: { strapi: Core.Strapi }): void;
  bootstrap(context: { strapi: Core.Strapi }): Promise<void>;
  destroy(context: { strapi: Core.Strapi }): Promise<void>;
  config: typeof config;
  services: typeof services;
  contentTypes: Record<string, never>;
  controllers: Record<string, never>;
  routes: Record<string, never>;
  middlewares: Record<string, never>;
  policies: Record<string, never>;
} = {
  register,
  bootstrap,
  destroy,
  config,
  services,
  contentTypes: {},
  controllers: {},
  routes: {},
  middlewares: {},
  policies: {},
};

export default plugin;
