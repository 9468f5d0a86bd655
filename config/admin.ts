import type { Core } from '@strapi/strapi';
import { previewHandler } from '../src/preview/handler';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET')!,
  },
  apiToken: {
    salt: env('API_TOKEN_SALT')!,
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT')!,
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY')!,
  },
  // The benchmark runs `strapi start` without building the admin bundle.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  // Open a city, creative field or goal on the demo site from the content manager.
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      // 'self': the demo site is served by this server, whatever host name the editor uses.
      allowedOrigins: [
        "'self'",
        env('PUBLIC_SITE_URL', 'http://localhost:1337').replace(/\/+$/, ''),
      ],
      handler: previewHandler,
    },
  },
  flags: {
    nps: env.bool('FLAG_NPS', true),
    promoteEE: env.bool('FLAG_PROMOTE_EE', true),
    docLinks: env.bool('FLAG_DOC_LINKS', true),
  },
});

export default config;
