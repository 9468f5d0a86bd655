/**
 * `plugin::api-guards.miss-path`: rate limit and concurrency bound for anonymous requests to the
 * content API and the GraphQL endpoint that reach Strapi. The plugin places it after
 * `strapi::cors`, so the response cache (earlier in the list) still answers hits unlimited and
 * refusals carry CORS headers. An app that lists `strapi::security` and `strapi::cors` ahead of
 * `strapi::logger` (this one does) refuses before the logger, `strapi::errors` and everything
 * after: a refusal costs a counter lookup, and refusals are logged as one summary line a minute
 * (RefusalSummary), not one line each. Not limited: requests with an `Authorization` header (API tokens,
 * users-permissions JWTs; a bad one gets Strapi's 401), `/_health`, the admin panel and its API,
 * static files. Every request to the APIs that reaches Strapi, authenticated or not, starts in a
 * turn of the event loop of its own (../lib/turn-pacer.ts).
 */
import type { Core } from '@strapi/strapi';
import type Koa from 'koa';
import type { MissPathService } from '../services/miss-path';
import { graphqlSettings, hasGraphQL } from '../internals';
import { clientKey } from '../lib/client-key';
import { RefusalSummary } from '../lib/refusal-summary';

export const MISS_PATH = 'plugin::api-guards.miss-path';

/**
 * The client a request is counted for (its IPv4 address or IPv6 /64, see clientKey), or `null`
 * for an authenticated request.
 */
export function anonymousClient(ctx: Koa.Context | undefined): string | null {
  if (!ctx || ctx.get('authorization') !== '') return null;
  return clientKey(ctx.request.ip || 'unknown');
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const restPrefix = `${String(strapi.config.get('api.rest.prefix', '/api'))}/`;
  const graphqlEndpoint = hasGraphQL(strapi) ? graphqlSettings(strapi).endpoint : undefined;
  const service = () => strapi.plugin('api-guards').service('miss-path') as MissPathService;
  const summary = new RefusalSummary(60_000);

  return async (ctx, next) => {
    const isGraphQL = graphqlEndpoint !== undefined && ctx.path === graphqlEndpoint;
    const client = anonymousClient(ctx);
    if ((!isGraphQL && !ctx.path.startsWith(restPrefix)) || ctx.method === 'OPTIONS') {
      return next();
    }
    if (!client) {
      // Authenticated reads and writes are not limited, but take their turn like anonymous
      // misses, so a write does not run back to back with them (TurnPacer).
      const turn = service().pace();
      if (turn) await turn;
      return next();
    }
    const admission = await service().admit(client);
    if (!admission.admitted) {
      const line = summary.record(client, admission.status, Date.now());
      if (line) strapi.log.warn(`api-guards: ${line}`);
      const message =
        admission.status === 429
          ? `Too many requests: retry after ${admission.retryAfterSeconds} s`
          : `The server is busy: retry after ${admission.retryAfterSeconds} s`;
      const code = admission.status === 429 ? 'RATE_LIMITED' : 'SERVER_BUSY';
      ctx.status = admission.status;
      ctx.set('Retry-After', String(admission.retryAfterSeconds));
      ctx.body = isGraphQL
        ? { errors: [{ message, extensions: { code } }] }
        : {
            data: null,
            error: {
              status: admission.status,
              name: admission.status === 429 ? 'RateLimitError' : 'ServiceUnavailableError',
              message,
              details: {},
            },
          };
      return;
    }
    try {
      await next();
    } finally {
      admission.release();
    }
  };
};
