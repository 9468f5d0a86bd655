/**
 * Locale fallback: strict `locale` / `fallbackLocale` parameters and fallback to another locale
 * at every depth, over REST and GraphQL (../../README.md).
 */
import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import services from './services';

export default {
  register,
  bootstrap,
  destroy: (): void => undefined,
  config,
  controllers: {},
  routes: {},
  services,
  contentTypes: {},
  policies: {},
  middlewares: {},
};
