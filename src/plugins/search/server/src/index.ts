/**
 * Search: multilingual, diacritic-insensitive search over published names, REST and GraphQL
 * (../../README.md).
 */
import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

export default {
  register,
  bootstrap,
  destroy: (): void => undefined,
  config,
  controllers,
  routes,
  services,
  contentTypes: {},
  policies: {},
  middlewares: {},
};
