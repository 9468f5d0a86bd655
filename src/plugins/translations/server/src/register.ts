import type { Core } from '@strapi/strapi';
import { guardContentManagerLocales } from './content-manager-locales';
import { graphqlExtension } from './internals';
import { DIGEST } from './services/content';
import { MEMORY } from './services/memory';
import { REVIEW } from './services/review';
import { getService } from './utils';

/**
 * The digest and review middlewares on the Document Service, and the internal tables out of GraphQL
 * (its shadow CRUD would otherwise expose it like any content type), and the content manager's
 * writes kept to the locales of the admin's role (./content-manager-locales.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(getService(strapi, 'digests').documentMiddleware());
  strapi.documents.use(getService(strapi, 'review').documentMiddleware());
  // Checks the declarations now, so a wrong `shared` option stops the start with its name.
  getService(strapi, 'shared-relations').relations();
  strapi.documents.use(getService(strapi, 'shared-relations').documentMiddleware());
  graphqlExtension(strapi)?.shadowCRUD(DIGEST).disable();
  graphqlExtension(strapi)?.shadowCRUD(REVIEW).disable();
  graphqlExtension(strapi)?.shadowCRUD(MEMORY).disable();
  guardContentManagerLocales(strapi);
};
