/**
 * Response cache for anonymous reads (src/middlewares/response-cache.ts), validated by
 * src/lib/response-cache/config.ts. See README → Performance.
 */
import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  enabled: env.bool('CACHE_ENABLED', true),
  maxEntries: env('CACHE_MAX_ENTRIES', '5000'),
  maxBytes: env('CACHE_MAX_BYTES', String(64 * 1024 * 1024)),
  cacheControl: env('CACHE_CONTROL', 'public, max-age=0, must-revalidate'),
  bus: env('CACHE_BUS', 'auto'),
  redisUrl: env('REDIS_URL', ''),
  queryCountHeader: env.bool('QUERY_COUNT_HEADER', false),
});

export default config;
