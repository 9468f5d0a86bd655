/**
 * Releases: sets of document versions published or unpublished together, now or at a set time,
 * all or nothing, exactly once across instances. See ../../README.md.
 */
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import register from './register';
import routes from './routes';
import services from './services';

const plugin: {
  register: typeof register;
  bootstrap: typeof bootstrap;
  destroy: typeof destroy;
  config: typeof config;
  contentTypes: typeof contentTypes;
  controllers: typeof controllers;
  routes: typeof routes;
  services: typeof services;
} = { register, bootstrap, destroy, config, contentTypes, controllers, routes, services };

export default plugin;
