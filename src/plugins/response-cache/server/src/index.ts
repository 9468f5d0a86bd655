/**
 * Response cache: anonymous (and token) Content API reads answered from memory, ETag/304,
 * eviction by dependency across instances (../../README.md).
 */
import bootstrap from './bootstrap';
import config from './config';
import destroy from './destroy';
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
  middlewares: {},
};
