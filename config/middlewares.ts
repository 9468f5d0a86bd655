import type { Core } from '@strapi/strapi';
import { parseCorsOrigins } from '../src/lib/security/cors';

// The response-cache plugin adds its middleware ahead of this list (a hit skips all of it), and
// api-guards answers /_health ahead of it. Security headers and CORS come first so that the
// api-guards miss-path guard, which the plugin places right after strapi::cors, refuses an
// anonymous client over its limits (429/503, with those headers) before the request logger,
// strapi::errors and the rest: a refusal is a counter lookup, and a flood of them is logged as
// one summary line a minute rather than a synchronous stdout line each.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::security',
  { name: 'strapi::cors', config: parseCorsOrigins(env('CORS_ORIGINS')) },
  'strapi::logger',
  'strapi::errors',
  'strapi::poweredBy',
  'strapi::query',
  'global::strict-pagination',
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
