/**
 * Translation workflow for the localized content types of a Strapi app: status per document and
 * locale, XLIFF 2.0/1.2 export and import, digests of the source text each translation was made
 * from. See ../../README.md.
 */
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

import type { Services } from './services';

const plugin: {
  register: typeof register;
  bootstrap: typeof bootstrap;
  config: typeof config;
  contentTypes: typeof contentTypes;
  controllers: typeof controllers;
  routes: typeof routes;
  services: Services;
} = { register, bootstrap, config, contentTypes, controllers, routes, services };

export default plugin;
