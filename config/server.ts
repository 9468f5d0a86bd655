import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // The API's own public address (behind a proxy or CDN: https://cms.example.org), used for the
  // OpenAPI document's `servers` and Strapi's absolute URLs; empty: as the demo site's origin.
  url: env('PUBLIC_API_URL', ''),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  logger: {
    // No "new Strapi version" check at start-up: versions are pinned in package.json.
    updates: { enabled: false },
  },
  http: {
    // Node checks request and header timeouts (set by api-guards' `server` settings) on this
    // interval; its default of 30 s would let a slow client run 30 s past them.
    serverOptions: { connectionsCheckingInterval: 1000 },
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
});

export default config;
