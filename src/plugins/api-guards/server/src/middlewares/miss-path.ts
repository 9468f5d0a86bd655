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
import type { ApiGuardsConfig } from '../config';
import type { MissPathService } from '../services/miss-path';
import { clientKey } from '../lib/client-key';
import { RefusalSummary } from '../lib/refusal-summary';
import { apiOf, guardedPaths, refuse, type ApiPaths } from './refusal';

export const MISS_PATH = 'plugin::api-guards.miss-path';
/** The same guard, for requests whose body had not arrived yet: placed after `strapi::body`. */
export const MISS_PATH_AFTER_BODY = 'plugin::api-guards.miss-path-after-body';

/**
 * The client a request is counted for (its IPv4 address or IPv6 /64, see clientKey), or `null`
 * for an authenticated request. The front door (./front-door.ts) has refused every
 * `Authorization` header that is not a well-formed Bearer token, and Strapi answers a Bearer
 * token that does not authenticate with a 401.
 */
export function anonymousClient(ctx: Koa.Context | undefined): string | null {
  if (!ctx || ctx.get('authorization') !== '') return null;
  return clientKey(ctx.request.ip || 'unknown');
}

/**
 * True when the request has a body that nobody has read yet. A slot in flight is taken only once
 * the body has arrived: a client sending its body one byte a second would otherwise hold a slot
 * for as long as the server lets it (and four such clients hold them all).
 */
function bodyStillToCome(ctx: Koa.Context): boolean {
  if ((ctx.request as { body?: unknown }).body !== undefined) return false;
  return (ctx.request.length ?? 0) > 0 || ctx.get('transfer-encoding') !== '';
}

/** Requests whose admission waits for their body (see MISS_PATH_AFTER_BODY). */
const deferred = new WeakSet<Koa.Context>();

function missPathMiddleware(
  strapi: Core.Strapi,
  position: 'early' | 'after-body'
): Core.MiddlewareHandler {
  let paths: ApiPaths | undefined;
  const service = () => strapi.plugin('api-guards').service('miss-path') as MissPathService;
  const summary = new RefusalSummary(60_000);

  const maxUrlBytes = () =>
    (strapi.plugin('api-guards').config('server') as ApiGuardsConfig['server']).maxUrlBytes;

  return async (ctx, next) => {
    paths ??= guardedPaths(strapi);
    const api = apiOf(ctx, paths);
    if (position === 'early') {
      // After strapi::cors: the refusal carries CORS headers, so a website's script can read it.
      const urlBytes = Buffer.byteLength(ctx.originalUrl);
      const limit = maxUrlBytes();
      if (urlBytes > limit) {
        return refuse(ctx, api === 'graphql', {
          status: 414,
          name: 'URITooLongError',
          code: 'URI_TOO_LONG',
          message: `The URL has ${urlBytes} bytes; at most ${limit} are allowed (send long GraphQL queries as POST)`,
        });
      }
    }
    if (api === null || ctx.method === 'OPTIONS') return next();
    if (position === 'after-body' && !deferred.has(ctx)) return next();
    const client = anonymousClient(ctx);
    if (!client) {
      if (position === 'after-body') return next();
      // Authenticated reads and writes are not limited, but take their turn like anonymous
      // misses, so a write does not run back to back with them (TurnPacer).
      const turn = service().pace();
      if (turn) await turn;
      return next();
    }
    if (position === 'early' && bodyStillToCome(ctx)) {
      deferred.add(ctx);
      return next();
    }
    const admission = await service().admit(client);
    if (!admission.admitted) {
      const line = summary.record(client, admission.status, Date.now());
      if (line) strapi.log.warn(`api-guards: ${line}`);
      const { status, reason, retryAfterSeconds } = admission;
      // A refusal for the client's own excess is held a while (a tarpit); "busy" is not its doing.
      if (status === 429) await service().tarpit(retryAfterSeconds);
      return refuse(ctx, api === 'graphql', {
        status,
        name: status === 429 ? 'RateLimitError' : 'ServiceUnavailableError',
        code: status === 429 ? 'RATE_LIMITED' : 'SERVER_BUSY',
        message: {
          rate: `Too many requests: retry after ${retryAfterSeconds} s`,
          'client-share': `Too many requests from this client are waiting already: retry after ${retryAfterSeconds} s`,
          busy: `The server is busy: retry after ${retryAfterSeconds} s`,
        }[reason],
        retryAfterSeconds,
      });
    }
    try {
      await next();
    } finally {
      admission.release();
    }
  };
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  missPathMiddleware(strapi, 'early');

export const afterBody = (
  _config: unknown,
  { strapi }: { strapi: Core.Strapi }
): Core.MiddlewareHandler => missPathMiddleware(strapi, 'after-body');
