import type { Plugin } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import services from './services';

const plugin: Pick<Plugin.LoadedPlugin, 'register' | 'bootstrap' | 'destroy' | 'middlewares'> & {
  config: typeof config;
  services: typeof services;
} = {
  register,
  bootstrap,
  destroy,
  config,
  middlewares,
  services,
};

export default plugin;
