import type { Core } from '@strapi/strapi';
import { parseCorsOrigins } from '../src/lib/security/cors';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // First: a cache hit skips everything below (src/middlewares/response-cache.ts).
  'global::response-cache',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  { name: 'strapi::cors', config: parseCorsOrigins(env('CORS_ORIGINS')) },
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      jsonLimit: env('BODY_LIMIT', '1mb'),
      formLimit: env('BODY_LIMIT', '1mb'),
      textLimit: env('BODY_LIMIT', '1mb'),
    },
  },
  'strapi::session',
  'strapi::favicon',
  'global::site-fallback',
  'strapi::public',
];

export default config;
