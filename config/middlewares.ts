import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  // First: a cache hit skips everything below (src/middlewares/response-cache.ts).
  'global::response-cache',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
