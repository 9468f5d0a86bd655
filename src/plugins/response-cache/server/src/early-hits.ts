/**
 * Complete hits answered at Node's `request` listener, before Strapi's Koa app: no Koa context,
 * no middleware chain, no promise. Only what can be answered synchronously and exactly as the Koa
 * middleware (middlewares/response-cache.ts) would answer it is taken here: an anonymous `GET` or
 * `HEAD` (no `Authorization`, no admin session) of a cacheable path whose entry is stored, in a
 * representation already stored (identity, or a compressed variant a client asked for before),
 * admitted by every registered hit guard. Everything else (a miss, a list to check, a variant to
 * compress, a token, a `POST`, a refusal by a guard) goes to the app unchanged, where the same
 * middleware answers it. Both write through `replayTo`, so the bytes are the same.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { passesCsrfPrevention } from './lib/csrf';
import { chooseRepresentation } from './lib/encoding';
import { hasAdminSession, requestKey } from './lib/key';
import { pathMatcher } from '@creative-cities/path-patterns';
import {
  contentApiPaths,
  replayTo,
  type Replayable,
  type StoredEntry,
} from './middlewares/response-cache';
import { runtimeOf } from './runtime';

/**
 * Characters after which Koa's URL parser (parseurl) no longer takes the path and query string
 * verbatim (it falls back to `url.parse`): such requests are left to Koa so that their key is
 * computed from exactly what Koa sees.
 */
const NOT_VERBATIM = /[\t\n\f\r #\u00a0\ufeff]/;

/** The answer of the cache of this Strapi instance before its app (see the module comment). */
export function earlyHits(strapi: Core.Strapi) {
  const runtime = runtimeOf(strapi);
  const { config, store } = runtime;
  let paths: ReturnType<typeof contentApiPaths> | undefined;
  const isExtraPath = pathMatcher(config.paths);

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const { method, url, headers } = request;
    if ((method !== 'GET' && method !== 'HEAD') || url === undefined || url[0] !== '/') {
      return false;
    }
    if (headers.authorization !== undefined || hasAdminSession(headers.cookie)) return false;
    if (NOT_VERBATIM.test(url)) return false;
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const querystring = mark < 0 ? '' : url.slice(mark + 1);
    // Read on the first request: every plugin's config is final by then.
    paths ??= contentApiPaths(strapi);
    const isGraphQL = path === paths.graphqlPath;
    if (!(isGraphQL || path.startsWith(paths.apiPrefix) || isExtraPath(path))) {
      return false;
    }
    if (isGraphQL && method === 'GET' && !passesCsrfPrevention(headers)) return false;

    const key = requestKey(
      path,
      querystring,
      { accept: headers.accept, origin: headers.origin },
      config.ignoredQueryParams
    );
    const entry = store.get(key) as StoredEntry | undefined;
    if (!entry) return false;
    const chosen = entry.compressible
      ? chooseRepresentation(headers['accept-encoding'], entry.body.length, config.compression)
      : 'identity';
    if (chosen === undefined) return false;
    const representation: Replayable | undefined =
      chosen === 'identity' ? entry : entry.variants?.[chosen];
    if (!representation) return false;

    const hit = { request, response, path };
    for (const guard of runtime.hitGuards) if (!guard(hit)) return false;
    runtime.earlyHits += 1;
    replayTo(response, headers['if-none-match'], representation, config.queryCountHeader);
    return true;
  };
}
