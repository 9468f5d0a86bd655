import type { Core } from '@strapi/strapi';
import filterLimits from './filter-limits';
import ignoredQueryParams from './ignored-query-params';
import missPath from './miss-path';
import populateDepth from './populate-depth';
import queryTimeout from './query-timeout';

const middlewares: Record<string, Core.MiddlewareFactory> = {
  'filter-limits': filterLimits,
  'ignored-query-params': ignoredQueryParams,
  'miss-path': missPath,
  'populate-depth': populateDepth,
  'query-timeout': queryTimeout,
};

export default middlewares;
