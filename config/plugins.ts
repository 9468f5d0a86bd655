import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { documentationConfig } from '../src/website-api/documentation';
import { paginationLimitPlugin } from '../src/lib/graphql-limits/pagination';

/** Same bounds as the REST API in config/api.ts, so both APIs page alike. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  const production = env('NODE_ENV') === 'production';
  return {
    i18n: {
      enabled: true,
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 5),
        defaultLimit: DEFAULT_LIMIT,
        maxLimit: MAX_LIMIT,
        // `false` would still serve Apollo's production page (which loads Apollo's CDN); in
        // production the landing page is switched off entirely.
        landingPage: production ? () => ApolloServerPluginLandingPageDisabled() : true,
        apolloServer: {
          introspection: !production,
          // Refuse `limit`/`pageSize` above maxLimit with a 400 instead of capping silently.
          plugins: [paginationLimitPlugin(MAX_LIMIT)],
          // strapi::cors (config/middlewares.ts, CORS_ORIGINS) already answers for /graphql.
          cors: false,
        },
      },
    },
    'users-permissions': {
      config: {
        // At most 5 requests per IP within the window on /api/auth/* (the 6th gets 429).
        ratelimit: {
          interval: env.int('AUTH_RATELIMIT_INTERVAL_MS', 5 * 60 * 1000),
          max: env.int('AUTH_RATELIMIT_MAX', 5),
        },
      },
    },
    documentation: {
      enabled: true,
      config: documentationConfig,
    },
    // This project's own capabilities, each a local plugin (src/plugins/<name>/README.md).
    'locale-fallback': { enabled: true, resolve: './src/plugins/locale-fallback' },
    translations: { enabled: true, resolve: './src/plugins/translations' },
    'response-cache': { enabled: true, resolve: './src/plugins/response-cache' },
    'api-guards': { enabled: true, resolve: './src/plugins/api-guards' },
    search: {
      enabled: true,
      resolve: './src/plugins/search',
      config: {
        types: {
          'api::city.city': { fields: ['name'] },
          'api::country.country': { fields: ['name'] },
          'api::creative-field.creative-field': { fields: ['name'] },
        },
      },
    },
  };
};

export default config;
