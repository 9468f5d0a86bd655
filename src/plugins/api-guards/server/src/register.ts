import type { Core } from '@strapi/strapi';
import { registerGraphQLGuards } from './graphql';
import { appMiddlewares } from './internals';
import { insertMiddleware } from './lib/middleware-order';
import { registerDocumentGuards } from './middlewares/document-guards';
import { POPULATE_DEPTH } from './middlewares/populate-depth';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentGuards(strapi);
  registerGraphQLGuards(strapi);
  // After strapi::body, where the app's own populate-depth middleware used to sit: the query is
  // parsed and strapi::errors (earlier in the list) turns the refusal into a 400.
  appMiddlewares.set(
    strapi,
    insertMiddleware(appMiddlewares.get(strapi), POPULATE_DEPTH, ['strapi::body', 'strapi::query'])
  );
};
