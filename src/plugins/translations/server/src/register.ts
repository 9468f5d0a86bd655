import type { Core } from '@strapi/strapi';
import { graphqlExtension } from './internals';
import { DIGEST } from './services/content';
import { getService } from './utils';

/**
 * The digest middleware on the Document Service, and the internal digest table out of GraphQL
 * (its shadow CRUD would otherwise expose it like any content type).
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(getService(strapi, 'digests').documentMiddleware());
  graphqlExtension(strapi)?.shadowCRUD(DIGEST).disable();
};
