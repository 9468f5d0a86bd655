import type { Core } from '@strapi/strapi';
import cursorPagination from './cursor-pagination';
import graphqlDocument from './graphql-document';
import filterLimits from './filter-limits';
import ignoredQueryParams from './ignored-query-params';
import missPath, { afterBody as missPathAfterBody } from './miss-path';
import populateDepth from './populate-depth';
import queryTimeout from './query-timeout';

const middlewares: Record<string, Core.MiddlewareFactory> = {
  'cursor-pagination': cursorPagination,
  'graphql-document': graphqlDocument,
  'filter-limits': filterLimits,
  'ignored-query-params': ignoredQueryParams,
  'miss-path': missPath,
  'miss-path-after-body': missPathAfterBody,
  'populate-depth': populateDepth,
  'query-timeout': queryTimeout,
};

export default middlewares;
