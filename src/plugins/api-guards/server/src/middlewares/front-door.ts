/**
 * What every request to the content APIs passes first, ahead of the response cache (the plugin is
 * listed before it in the host's config/plugins.ts, so its `register` adds this middleware first):
 *
 * - Credentials are decided once. An `Authorization` header is either a well-formed
 *   `Bearer <token>` or a `401` here: a header Strapi would ignore (`x`, `Basic …`, `Bearer`
 *   alone) used to make a request count as authenticated, which skips every anonymous guard,
 *   while Strapi served it as Public. A Bearer token that does not authenticate gets Strapi's
 *   `401`, counted against the address: past `authFailuresPerMinute` its requests with
 *   credentials get `429` before any token lookup.
 * - An anonymous GraphQL body larger than `graphql.maxBodyBytes` is refused (`413`) from its
 *   `Content-Length`, before a byte of it is read or parsed; one without a length (chunked) must
 *   declare it (`411`). Both answers close the connection (`Connection: close`): Node would
 *   otherwise read the unread body to the end to reuse the connection, up to a megabyte of an
 *   attacker's bytes per refusal, on the event loop every visitor waits for. The same for the
 *   `413` of the body parser's limit (`BODY_LIMIT`) on any path, REST's included.
 * - Every anonymous response, cache hits included, is charged by its size to the client's byte
 *   budget; a client that has spent it gets `429` until it has refilled. One request for a 12 MB
 *   answer, or a flood of hits on a large cached one, is limited like many small requests.
 * - While the server is saturated, an anonymous client (or one whose `Authorization` header is
 *   not a Bearer token) over its fair share of requests gets `429` (../lib/fair-share.ts): a
 *   flood of cheap requests on many connections, cache hits included, cannot take the turns of
 *   the visitors with one.
 * - Every `429` for a client's own excess is answered after the tarpit's delay
 *   (../lib/tarpit.ts): an attacker's connections wait instead of sending the next request.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { ApiGuardsConfig } from '../config';
import { clientKey } from '../lib/client-key';
import type { MissPathService } from '../services/miss-path';
import { apiOf, guardedPaths, refuse, type ApiPaths } from './refusal';

/** RFC 6750's token syntax (b64token). */
const BEARER = /^Bearer +[A-Za-z0-9\-._~+/]+=*$/;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Bytes of a response once it is sent: the cache's replay and Koa's respond both set
 * `Content-Length` before writing (read then, Koa's JSON body is not serialised a second time).
 */
export function sentBytes(res: Context['res']): number {
  const header = Number(res.getHeader('content-length'));
  return Number.isFinite(header) && header > 0 ? header : 0;
}

/**
 * Makes Node close the connection once the answer is sent instead of reading the rest of a body
 * nobody will read (a response with `Connection: close` ends the socket after it is written; the
 * bytes still unread are dropped with it). A client still sending may see the connection reset.
 */
function closeWithoutReading(ctx: Context): void {
  if (!ctx.headerSent) ctx.set('Connection', 'close');
}

export function frontDoor(strapi: Core.Strapi) {
  let paths: ApiPaths | undefined;
  const service = () => strapi.plugin('api-guards').service('miss-path') as MissPathService;
  const maxBodyBytes = () =>
    (strapi.plugin('api-guards').config('graphql') as ApiGuardsConfig['graphql']).maxBodyBytes;

  const guard = async (ctx: Context, next: Next): Promise<void> => {
    // Read on the first request: the GraphQL plugin's endpoint is final by then.
    paths ??= guardedPaths(strapi);
    const api = apiOf(ctx, paths);
    if (api === null || ctx.method === 'OPTIONS') return next();
    const isGraphQL = api === 'graphql';
    const client = clientKey(ctx.request.ip || 'unknown');
    const authorization = ctx.get('authorization');
    /** A 429 for this client's own excess, held in the tarpit first. */
    const refuseExcess = async (message: string, retryAfterSeconds: number) => {
      await service().tarpit(retryAfterSeconds);
      refuse(ctx, isGraphQL, {
        status: 429,
        name: 'RateLimitError',
        code: 'RATE_LIMITED',
        message,
        retryAfterSeconds,
      });
    };

    // A well-formed Bearer token is a client the operator let in: not held to a share.
    if (!BEARER.test(authorization)) {
      const unfair = service().fairShareRefusal(client);
      if (unfair) {
        return refuseExcess(
          `The server is busy and this client has sent more than its share of requests: retry after ${unfair.retryAfterSeconds} s`,
          unfair.retryAfterSeconds
        );
      }
    }

    if (authorization !== '') {
      if (!BEARER.test(authorization)) {
        ctx.set('WWW-Authenticate', 'Bearer');
        return refuse(ctx, isGraphQL, {
          status: 401,
          name: 'UnauthorizedError',
          code: 'UNAUTHENTICATED',
          message:
            'The Authorization header must be "Bearer <token>"; send none to read as the public',
        });
      }
      const refusal = await service().authRefusal(client);
      if (refusal) {
        return refuseExcess(
          `Too many failed authentications from this address: retry after ${refusal.retryAfterSeconds} s`,
          refusal.retryAfterSeconds
        );
      }
      await next();
      if (ctx.status === 401) await service().recordAuthFailure(client);
      return;
    }

    if (isGraphQL && ctx.method === 'POST') {
      const limit = maxBodyBytes();
      const length = ctx.request.length;
      if (length === undefined && ctx.get('transfer-encoding') !== '') {
        closeWithoutReading(ctx);
        return refuse(ctx, true, {
          status: 411,
          name: 'LengthRequiredError',
          code: 'LENGTH_REQUIRED',
          message: `An anonymous GraphQL request must declare its Content-Length (at most ${limit} bytes)`,
        });
      }
      if (length !== undefined && length > limit) {
        // Held like a 429: the body is not read meanwhile, so the client's sending stalls too.
        await service().tarpit(Number.POSITIVE_INFINITY);
        closeWithoutReading(ctx);
        return refuse(ctx, true, {
          status: 413,
          name: 'PayloadTooLargeError',
          code: 'PAYLOAD_TOO_LARGE',
          message: `An anonymous GraphQL request body may have at most ${limit} bytes; this one has ${length}`,
        });
      }
    }

    const waitMs = service().bytesWaitMs(client);
    if (waitMs > 0) {
      return refuseExcess(
        `Too many bytes requested: retry after ${seconds(waitMs)} s`,
        seconds(waitMs)
      );
    }
    ctx.res.once('finish', () => service().chargeBytes(client, sentBytes(ctx.res)));
    return next();
  };

  return async (ctx: Context, next: Next): Promise<void> => {
    await guard(ctx, next);
    // strapi::body's own limit (`BODY_LIMIT`, any path, any client) answers 413 with the body
    // unread (announced too large) or half read (chunked past the limit): Node would read the
    // rest to reuse the connection, or leave it stalled on the paused stream.
    if (ctx.status === 413 && !ctx.req.complete) closeWithoutReading(ctx);
  };
}
