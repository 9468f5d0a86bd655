/**
 * The front door's checks for the cache hits a response cache answers before Koa (before this
 * plugin's middlewares run). The response-cache plugin offers the extension point:
 * `strapi.plugin('response-cache').service('cache').registerHitGuard(guard)`, where `guard` gets
 * `{ request, response, path }` of an anonymous `GET`/`HEAD` it is about to answer from memory and
 * returns true to let it, false to hand the request to the app instead. This plugin registers one
 * when both plugins are enabled (the plugins import nothing from each other):
 *
 * - a client whose byte budget is spent, or that is over its fair share of a saturated server
 *   (lib/fair-share.ts), is handed to the app, where the front door refuses it (`429` in the
 *   API's error format, `Retry-After`, held in the tarpit), exactly as a hit was refused before;
 * - every other hit is admitted and charged by its size once sent, like any anonymous response.
 *
 * A request with an `Authorization` header never reaches it: the cache leaves those to the app,
 * where the front door decides on credentials first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { clientKey } from './lib/client-key';
import { requestIp } from './lib/request-ip';
import { sentBytes } from './middlewares/front-door';
import { apiOfPath, guardedPaths, type ApiPaths } from './middlewares/refusal';
import type { MissPathService } from './services/miss-path';

/** The shape of `HitGuard` in the response-cache plugin (structural: no import between plugins). */
type HitGuard = (hit: {
  request: IncomingMessage;
  response: ServerResponse;
  path: string;
}) => boolean;

interface HitGuardHost {
  registerHitGuard(guard: HitGuard): void;
}

function hostOf(strapi: Core.Strapi): HitGuardHost | undefined {
  const plugin = strapi.plugin('response-cache') as Core.Plugin | undefined;
  const cache: unknown = plugin?.service('cache');
  if (typeof cache !== 'object' || cache === null || !('registerHitGuard' in cache))
    return undefined;
  return typeof cache.registerHitGuard === 'function' ? (cache as HitGuardHost) : undefined;
}

export function hitGuard(strapi: Core.Strapi): HitGuard {
  let paths: ApiPaths | undefined;
  const service = strapi.plugin('api-guards').service('miss-path') as MissPathService;
  const app = strapi.server.app;

  return ({ request, response, path }) => {
    // Read on the first hit: the GraphQL plugin's endpoint is final by then.
    paths ??= guardedPaths(strapi);
    if (apiOfPath(path, paths) === null) return true;
    const ip = requestIp(
      request.headers[app.proxyIpHeader.toLowerCase()],
      request.socket.remoteAddress,
      app
    );
    const client = clientKey(ip || 'unknown');
    if (service.bytesWaitMs(client) > 0) return false;
    // Counted here when admitted; refused, the front door finds it over its share again.
    if (service.fairShareRefusal(client)) return false;
    response.once('finish', () => service.chargeBytes(client, sentBytes(response)));
    return true;
  };
}

/** Registers the guard with the response cache when that plugin is enabled and offers the point. */
export function registerHitGuard(strapi: Core.Strapi): void {
  hostOf(strapi)?.registerHitGuard(hitGuard(strapi));
}
