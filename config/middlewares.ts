import type { Core } from '@strapi/strapi';
import { parseCorsOrigins } from '../src/lib/security/cors';

// The response-cache plugin adds its middleware ahead of this list (a hit skips all of it).
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
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
