/**
 * Translations: status per document and locale, XLIFF 2.0/1.2 export and import, digests of the
 * source text each translation was made from (../../README.md).
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
