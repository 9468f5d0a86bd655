import type { Core } from '@strapi/strapi';
import { searchRouteAuth } from './auth';

export default {
  // Content API routes of plugin `search` are served under /api/search (the plugin's prefix).
  // A factory: the route's authentication strategy needs `strapi` (see auth.ts).
  'content-api': ({ strapi }: { strapi: Core.Strapi }) => ({
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/',
        handler: 'search.find',
        config: { policies: [], auth: searchRouteAuth(strapi) },
      },
    ],
  }),
};
