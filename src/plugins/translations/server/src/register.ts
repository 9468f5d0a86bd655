import type { Core } from '@strapi/strapi';
import { graphqlExtension } from './internals';
import { DIGEST } from './services/content';
import { MEMORY } from './services/memory';
import { REVIEW } from './services/review';
import { getService } from './utils';

/**
 * The digest and review middlewares on the Document Service, and the internal tables out of GraphQL
 * (its shadow CRUD would otherwise expose it like any content type).
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(getService(strapi, 'digests').documentMiddleware());
  strapi.documents.use(getService(strapi, 'review').documentMiddleware());
  graphqlExtension(strapi)?.shadowCRUD(DIGEST).disable();
  graphqlExtension(strapi)?.shadowCRUD(REVIEW).disable();
  graphqlExtension(strapi)?.shadowCRUD(MEMORY).disable();
};
