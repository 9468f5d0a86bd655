import type { Core } from '@strapi/strapi';
import graphqlDocument from './graphql-document';
import ignoredQueryParams from './ignored-query-params';
import missPath, { afterBody as missPathAfterBody } from './miss-path';
import populateDepth from './populate-depth';

const middlewares: Record<string, Core.MiddlewareFactory> = {
  'graphql-document': graphqlDocument,
  'ignored-query-params': ignoredQueryParams,
  'miss-path': missPath,
  'miss-path-after-body': missPathAfterBody,
  'populate-depth': populateDepth,
};

export default middlewares;
