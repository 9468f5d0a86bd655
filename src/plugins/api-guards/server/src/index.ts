/**
 * API guards: limits and refusals for the public content APIs and the server (../../README.md).
 */
import bootstrap from './bootstrap';
import config from './config';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import services from './services';

export default {
  register,
  bootstrap,
  destroy,
  config,
  controllers: {},
  routes: {},
  services,
  contentTypes: {},
  policies: {},
  middlewares,
};
