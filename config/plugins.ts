import type { Core } from '@strapi/strapi';
import { documentationConfig } from '../src/website-api/documentation';

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
        landingPage: !production,
        apolloServer: {
          introspection: !production,
        },
      },
    },
    documentation: {
      enabled: true,
      config: documentationConfig,
    },
  };
};

export default config;
