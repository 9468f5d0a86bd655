import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

type Lifecycle = (context: { strapi: Core.Strapi }) => void | Promise<void>;

const plugin: {
  register: Lifecycle;
  bootstrap: Lifecycle;
  config: typeof config;
  controllers: typeof controllers;
  routes: typeof routes;
  services: typeof services;
} = {
  register,
  bootstrap,
  config,
  controllers,
  routes,
  services,
};

export default plugin;
