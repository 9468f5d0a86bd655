/** Wires the translation features into Strapi (one line in src/index.ts). */
import type { Core } from '@strapi/strapi';
import { registerDigestMiddleware } from './digests';
import { DIGEST } from './model';

const CONTROLLER = 'api::translation.translation';

/**
 * Register step: digest middleware on the Document Service; the internal digest table out of
 * GraphQL; the status/export/import handlers as admin routes (admin JWT) for the admin panel.
 */
export function registerTranslation(strapi: Core.Strapi): void {
  registerDigestMiddleware(strapi);

  if (strapi.plugin('graphql')) {
    strapi.plugin('graphql').service('extension').shadowCRUD(DIGEST).disable();
  }

  const adminRoute = (method: 'GET' | 'POST', path: string, action: string) => ({
    method,
    path,
    handler: `${CONTROLLER}.${action}`,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
    info: { pluginName: 'admin' },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '/translations',
    routes: [
      adminRoute('GET', '/status', 'status'),
      adminRoute('GET', '/export', 'export'),
      adminRoute('POST', '/import', 'import'),
    ],
  });
}
