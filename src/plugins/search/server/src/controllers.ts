import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { ENVIRONMENT_STATE } from './auth';
import { unknownParams, type RawSearchParams } from './lib/params';
import type { SearchEnvironment } from './services/search';

const search = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/search: `{ data: hits, meta: { pagination, facets? } }`, like Strapi's list
   * responses; `facets` only when asked for.
   */
  async find(ctx: Context) {
    const query = ctx.query as Record<string, unknown>;
    const [unknown] = unknownParams(query);
    // The same answer as Strapi's strict query params give on its own routes.
    if (unknown !== undefined) throw new errors.ValidationError(`Invalid key ${unknown}`);
    const service = strapi.plugin('search').service('search');
    // Read by the route's authentication for an anonymous request (auth.ts), else read now.
    const environment = ctx.state[ENVIRONMENT_STATE] as SearchEnvironment | undefined;
    const request = await service.request(query as RawSearchParams, environment);
    const { hits, pagination, facets } = await service.search(request);
    ctx.body = {
      // `fallback` only where a fallback was asked for, as on the other localized list routes.
      data: request.fallbackLocale
        ? hits
        : hits.map(({ fallback: _fallback, ...hit }: { fallback: boolean }) => hit),
      meta: request.facets.length > 0 ? { pagination, facets } : { pagination },
    };
  },
});

type ControllerFactory = (context: { strapi: Core.Strapi }) => Core.Controller;

const controllers: Record<string, ControllerFactory> = { search };

export default controllers;
