import type { Core } from '@strapi/strapi';
import { graphqlExtension } from './internals';
import { ENTRY } from './services/recorder';
import { getService } from './utils';

/**
 * The recording middleware on the Document Service, and the entries out of GraphQL (its shadow
 * CRUD would expose them like any content type). Enable this plugin before plugins with Document
 * Service middlewares of their own (config/plugins.ts order): the first registered runs
 * outermost, so what theirs change inside a write is recorded in the same transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(getService(strapi, 'recorder').documentMiddleware());
  graphqlExtension(strapi)?.shadowCRUD(ENTRY).disable();
};
