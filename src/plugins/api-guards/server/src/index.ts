import type { Plugin } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import middlewares from './middlewares';
import register from './register';

const plugin: Pick<Plugin.LoadedPlugin, 'register' | 'bootstrap' | 'middlewares'> & {
  config: typeof config;
} = {
  register,
  bootstrap,
  config,
  middlewares,
};

export default plugin;
