import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import register from './register';

type Lifecycle = (context: { strapi: Core.Strapi }) => void | Promise<void>;

const plugin: {
  register: Lifecycle;
  bootstrap: Lifecycle;
  config: typeof config;
} = {
  register,
  bootstrap,
  config,
};

export default plugin;
