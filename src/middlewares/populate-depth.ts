/**
 * `global::populate-depth`: refuses REST requests under /api whose `populate` nests deeper than
 * `maxDepth` (config/middlewares.ts, env `POPULATE_MAX_DEPTH`) with a 400, before any query
 * runs. GraphQL has its own bound (`depthLimit` in config/plugins.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { populateDepth } from '../lib/query-guard/populate';

interface PopulateDepthConfig {
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 3;

export default (config: PopulateDepthConfig): Core.MiddlewareHandler => {
  const maxDepth = config.maxDepth ?? DEFAULT_MAX_DEPTH;
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/')) {
      const depth = populateDepth(ctx.query.populate);
      if (depth > maxDepth) {
        throw new errors.ValidationError(
          `populate nests ${depth} levels deep; at most ${maxDepth} are allowed`,
          { param: 'populate', depth, maxDepth }
        );
      }
    }
    await next();
  };
};
