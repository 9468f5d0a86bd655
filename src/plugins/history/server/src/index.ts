/**
 * Version history of an app's documents: every change of a version (per document, locale and
 * status) recorded with its author and values, listed, compared and restored. See ../../README.md.
 */
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
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
  contentTypes,
  policies: {},
  middlewares: {},
};
