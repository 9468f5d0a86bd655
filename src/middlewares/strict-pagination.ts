/**
 * Refuses bad `pagination[...]` values on the content API with a 400 that names the parameter
 * (src/lib/api/pagination.ts), before Strapi coerces them. Registered in config/middlewares.ts
 * after `strapi::query` (which parses `pagination[page]` into an object).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { paginationProblem } from '../lib/api/pagination';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, unknown>;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = `${strapi.config.get<string>('api.rest.prefix', '/api')}/`;
  const maxLimit = strapi.config.get<number>('api.rest.maxLimit', 100);
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith(prefix)) {
      const problem = paginationProblem(ctx.query.pagination, maxLimit);
      if (problem) throw new errors.ValidationError(problem.message, { param: problem.param });
    }
    await next();
  };
};
