/**
 * Response cache for anonymous reads and reads with a read-only API token (per token): `GET <rest
 * prefix>/*` and GraphQL queries (`POST` JSON and `GET`). Added ahead of the app's configured middlewares (register.ts): a hit is answered before
 * Strapi's logger, security, CORS, router, authentication and database work, by replaying the
 * stored status, headers (security headers included) and bytes of the first answer.
 * What is cached, when it is invalidated and why: the plugin's README.
 */
import type { ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { passesCsrfPrevention } from '../lib/csrf';
import {
  chooseRepresentation,
  encode,
  forbidsTransform,
  isCompressible,
  varyOnEncoding,
  type Coding,
  type CompressionSettings,
} from '../lib/encoding';
import { isQueryOperation } from '../lib/graphql';
import { etagOf, ifNoneMatchMatches, storableHeaders, type HeaderValue } from '../lib/http';
import { collectReads, readCollector, storedDependencies } from '../dependencies';
import {
  graphqlBodyKey,
  hasAdminSession,
  normaliseQuery,
  requestKey,
  type GraphQLRequest,
} from '../lib/key';
import type { CachedResponse } from '../lib/store';
import { ALL, TOKENS, tagHeader } from '../lib/tags';
import { runtimeOf } from '../runtime';
import { bearerToken, type CacheableToken } from '../tokens';
import { notAcceptable } from './compression';
import { pathMatcher } from '@creative-cities/path-patterns';

/** `Cache-Control` of responses cached per token: no shared cache may keep them. */
const TOKEN_CACHE_CONTROL = 'private, no-cache';

/** Same limit as koa-bodyparser's JSON default, which the GraphQL endpoint uses otherwise. */
const MAX_GRAPHQL_BODY = 1024 * 1024;

/** One representation of a stored response, replayed as it is. */
export interface Replayable {
  status: number;
  body: Buffer;
  etag: string;
  hitHeaders: Record<string, HeaderValue>;
  notModifiedHeaders: Record<string, HeaderValue>;
}

export interface StoredEntry extends CachedResponse, Replayable {
  /** A compressible media type that did not forbid transformation: kept in other codings too. */
  compressible: boolean;
  /** The compressed copies served so far, each compressed once. */
  variants?: Partial<Record<Coding, Replayable>>;
}

/** Compressions of stored entries under way, so that simultaneous hits compress once. */
const compressing = new WeakMap<StoredEntry, Map<Coding, Promise<Replayable>>>();

/** The entry in `coding`: its own bytes, strong ETag (SHA-1 of those bytes) and Content-Length. */
function variantOf(entry: StoredEntry, coding: Coding, body: Buffer): Replayable {
  const etag = etagOf(body);
  return {
    status: entry.status,
    body,
    etag,
    hitHeaders: {
      ...entry.hitHeaders,
      ETag: etag,
      'Content-Encoding': coding,
      'Content-Length': String(body.length),
    },
    notModifiedHeaders: { ...entry.notModifiedHeaders, ETag: etag },
  };
}

function badRequest(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: 'BadRequestError', message, details: {} } };
}

/** Reads a request body ourselves (we run before the body parser) with a size limit. */
async function readBody(ctx: Context): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > MAX_GRAPHQL_BODY) {
      badRequest(ctx, 413, `GraphQL request body larger than ${MAX_GRAPHQL_BODY} bytes`);
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a GraphQL request body; a body that is not a JSON object (`null`, a list, a number) is
 * a 400 here rather than an error deep in Apollo.
 */
function parseGraphQLBody(ctx: Context, raw: Buffer): GraphQLRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    badRequest(ctx, 400, 'GraphQL request body is not valid JSON');
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    badRequest(ctx, 400, 'GraphQL request body must be a JSON object with a `query`');
    return undefined;
  }
  return value as GraphQLRequest;
}

/**
 * Writes a stored representation to `res`: `304` when `If-None-Match` names its ETag, else its
 * status, headers and bytes. Shared by the hits Koa sees and those answered before it
 * (../early-hits.ts), so both send the same bytes.
 */
export function replayTo(
  res: ServerResponse,
  ifNoneMatch: string | undefined,
  entry: Replayable,
  queryCountHeader: boolean
): void {
  if (queryCountHeader) res.setHeader('X-Query-Count', '0');
  if (ifNoneMatchMatches(ifNoneMatch, entry.etag)) {
    res.writeHead(304, entry.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(entry.status, entry.hitHeaders);
    res.end(entry.body);
  }
}

function replay(ctx: Context, entry: Replayable, queryCountHeader: boolean): void {
  ctx.respond = false;
  replayTo(ctx.res, ctx.request.headers['if-none-match'], entry, queryCountHeader);
}

/** The response body as bytes, or undefined when it cannot be stored (stream, empty). */
function bodyBytes(body: unknown): Buffer | undefined {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null || body === undefined || typeof body !== 'object') return undefined;
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return undefined;
  return Buffer.from(JSON.stringify(body));
}

function hasGraphQLErrors(bytes: Buffer): boolean {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { errors?: unknown };
    return parsed.errors !== undefined;
  } catch {
    return true;
  }
}

/** Where the Content API answers: the REST prefix and, when the GraphQL plugin is on, its endpoint. */
export function contentApiPaths(strapi: Core.Strapi): { apiPrefix: string; graphqlPath?: string } {
  return {
    apiPrefix: `${strapi.config.get<string>('api.rest.prefix', '/api')}/`,
    graphqlPath: strapi.plugin('graphql')
      ? strapi.plugin('graphql').config<string>('endpoint', '/graphql')
      : undefined,
  };
}

/**
 * True when a request asks for drafts: a `status` other than `published` (REST, GraphQL `GET`),
 * or `DRAFT` anywhere in a GraphQL request body (the enum value of `status`).
 */
function asksForDrafts(querystring: string, rawBody: Buffer | undefined): boolean {
  if (rawBody) return /draft/i.test(rawBody.toString('utf8'));
  for (const pair of normaliseQuery(querystring).split('&')) {
    if (pair.startsWith('status=') && pair !== 'status=published') return true;
  }
  return false;
}

/** The Koa middleware of this Strapi instance's cache. */
export function responseCacheMiddleware(strapi: Core.Strapi) {
  const { config, store, counter, tokens, listChecks } = runtimeOf(strapi);
  // Read on the first request: every plugin's config is final by then.
  let paths: ReturnType<typeof contentApiPaths> | undefined;
  const isExtraPath = pathMatcher(config.paths);

  const run = async (ctx: Context, next: Next): Promise<void> => {
    if (!config.queryCountHeader) return next();
    const queries = await counter.count(next);
    if (!ctx.headerSent) ctx.set('X-Query-Count', String(queries));
  };

  if (!config.enabled) return run;
  const compression: CompressionSettings = config.compression;

  /**
   * The stored entry `key` in `coding`: the variant kept with it, else compressed now (once, however
   * many hits ask at the same time) and kept with the entry when it still fits its byte limits.
   */
  const storedVariant = (key: string, entry: StoredEntry, coding: Coding): Promise<Replayable> => {
    const kept = entry.variants?.[coding];
    if (kept) return Promise.resolve(kept);
    let pending = compressing.get(entry);
    const running = pending?.get(coding);
    if (running) return running;
    const compressed = encode(entry.body, coding, compression).then((body) => {
      const variant = variantOf(entry, coding, body);
      // Another coding may have been added meanwhile: extend what is stored now.
      const latest = store.get(key) as StoredEntry | undefined;
      if (latest && latest.body === entry.body) {
        store.replace(key, latest, {
          ...latest,
          variants: { ...latest.variants, [coding]: variant },
        } satisfies StoredEntry);
      }
      return variant;
    });
    pending ??= new Map();
    pending.set(coding, compressed);
    compressing.set(entry, pending);
    void compressed.finally(() => pending.delete(coding)).catch(() => undefined);
    return compressed;
  };

  /**
   * Answers a hit in the representation the request accepts. Returns false when it accepts none
   * (`identity;q=0` alone): the request then goes through the app like a miss, so that its `406`
   * carries the CORS and security headers of any other answer.
   */
  const serve = async (ctx: Context, key: string, entry: StoredEntry): Promise<boolean> => {
    const accepted = ctx.request.headers['accept-encoding'];
    const chosen = entry.compressible
      ? chooseRepresentation(accepted, entry.body.length, compression)
      : 'identity';
    if (chosen === undefined) return false;
    const representation = chosen === 'identity' ? entry : await storedVariant(key, entry, chosen);
    replay(ctx, representation, config.queryCountHeader);
    return true;
  };

  /**
   * The read-only API token of a request with credentials, checked now (hit or miss), or
   * undefined when the request must bypass the cache: another kind of credentials, an admin
   * session, an unknown, expired, revoked or writing token (Strapi then answers, e.g. 401).
   */
  const cacheableToken = async (ctx: Context): Promise<CacheableToken | undefined> => {
    const headers = ctx.request.headers;
    if (!config.tokenReads || hasAdminSession(headers.cookie)) return undefined;
    const raw = bearerToken(headers.authorization);
    if (!raw) return undefined;
    try {
      return await tokens.check(raw);
    } catch (error) {
      strapi.log.warn(`[response-cache] token check failed: ${(error as Error).message}`);
      return undefined;
    }
  };

  return async (ctx: Context, next: Next): Promise<void> => {
    paths ??= contentApiPaths(strapi);
    const { apiPrefix, graphqlPath } = paths;
    const { method, path } = ctx;
    const isGraphQL = path === graphqlPath;
    if (
      !(
        (method === 'GET' || method === 'HEAD') &&
        (isGraphQL || path.startsWith(apiPrefix) || isExtraPath(path))
      ) &&
      !(method === 'POST' && isGraphQL)
    ) {
      return run(ctx, next);
    }
    const headers = ctx.request.headers;
    // Apollo refuses such a GET (CSRF prevention): so must a hit.
    if (isGraphQL && method === 'GET' && !passesCsrfPrevention(headers)) return run(ctx, next);
    let token: CacheableToken | undefined;
    if (headers.authorization !== undefined || hasAdminSession(headers.cookie)) {
      token = await cacheableToken(ctx);
      if (!token) {
        ctx.set('X-Cache', 'BYPASS');
        return run(ctx, next);
      }
    }

    const format = { accept: headers.accept, origin: headers.origin };
    let key: string;
    let rawBody: Buffer | undefined;
    if (method === 'POST') {
      if (!ctx.is('application/json')) return run(ctx, next);
      rawBody = await readBody(ctx);
      if (!rawBody) return;
      key = graphqlBodyKey(path, rawBody, format);
    } else {
      key = requestKey(path, ctx.querystring, format, config.ignoredQueryParams);
    }
    if (token) {
      // Previews of drafts are never cached for tokens (`status=draft`, GraphQL `DRAFT`).
      if (asksForDrafts(ctx.querystring, rawBody)) {
        ctx.set('X-Cache', 'BYPASS');
        if (rawBody) {
          // The body stream is read: hand the parsed body on (koa-bodyparser leaves it alone).
          const parsed = parseGraphQLBody(ctx, rawBody);
          if (!parsed) return;
          ctx.request.body = parsed;
        }
        return run(ctx, next);
      }
      key = `token ${token.identity}\n${key}`;
    }

    let hit = store.get(key) as StoredEntry | undefined;
    // A write may have marked the entry for a check of its lists (lib/list-reads.ts).
    const check = hit ? undefined : listChecks.confirm(key);
    if (check && (await check)) hit = store.get(key) as StoredEntry | undefined;
    if (hit && (await serve(ctx, key, hit))) return;

    // A miss: only now is a GraphQL body parsed (koa-bodyparser then leaves it alone).
    let graphqlRequest: GraphQLRequest | undefined;
    if (rawBody) {
      graphqlRequest = parseGraphQLBody(ctx, rawBody);
      if (!graphqlRequest) return;
      ctx.request.body = graphqlRequest;
    } else if (isGraphQL) {
      graphqlRequest = ctx.query as GraphQLRequest;
    }

    const generation = store.generation;
    const collector = readCollector([ALL], config.checkLists);
    await collectReads(collector, () => run(ctx, next));
    ctx.set('X-Cache', 'MISS');

    const status = ctx.status;
    if (status < 200 || status >= 300 || status === 204) return;
    // Belt and braces: only what Strapi answered to no credentials (the public role) or to exactly
    // this read-only token is stored.
    const auth = ctx.state.auth as { credentials?: { id?: unknown; type?: unknown } } | undefined;
    if (ctx.state.user || ctx.response.get('Set-Cookie') !== '') return;
    if (token) {
      const credentials = auth?.credentials;
      if (String(credentials?.id) !== token.id || credentials?.type !== 'read-only') return;
    } else if (auth?.credentials) return;
    if (graphqlRequest && !isQueryOperation(graphqlRequest.query, graphqlRequest.operationName))
      return;
    const bytes = bodyBytes(ctx.body);
    if (!bytes || (graphqlRequest && hasGraphQLErrors(bytes))) return;

    const tags = [...collector.tags];
    if (token) tags.push(TOKENS);
    const stored = storedDependencies(collector, token ? [TOKENS] : []);
    const current = store.isCurrent(stored.tags, generation);
    const cacheControl = token ? TOKEN_CACHE_CONTROL : config.cacheControl;
    const etag = etagOf(bytes);
    ctx.body = bytes;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', cacheControl);
    if (!token) {
      // Tags for a CDN (Fastly/Varnish `Surrogate-Key`, Cloudflare `Cache-Tag`); a shared cache may
      // keep the response only when no write it depends on happened while it was computed.
      const header = tagHeader(tags);
      ctx.set('Surrogate-Key', header);
      ctx.set('Cache-Tag', header.replace(/ /g, ','));
      if (config.surrogateControl !== '' && current) {
        ctx.set('Surrogate-Control', config.surrogateControl);
      }
    }
    const compressible =
      isCompressible(ctx.response.get('Content-Type')) &&
      !forbidsTransform(ctx.response.get('Cache-Control'));
    if (compressible) ctx.set('Vary', varyOnEncoding(ctx.response.get('Vary')));
    // Node >= 15 keeps the letter case of header names; @types/node does not declare it.
    const res = ctx.res as typeof ctx.res & { getRawHeaderNames(): string[] };
    const replayed = storableHeaders(
      res
        .getRawHeaderNames()
        .map((name): [string, ReturnType<typeof res.getHeader>] => [name, res.getHeader(name)])
    );
    const own = { ETag: etag, 'Cache-Control': cacheControl, 'X-Cache': 'HIT' };
    const notModifiedHeaders: Record<string, HeaderValue> = { ...own };
    for (const [name, value] of Object.entries(replayed)) {
      // Like Koa on a 304: no body, so no Content-Type.
      if (name.toLowerCase() !== 'content-type') notModifiedHeaders[name] = value;
    }
    const entry: StoredEntry = {
      status,
      headers: replayed,
      body: bytes,
      etag,
      hitHeaders: { ...replayed, ...own, 'Content-Length': String(bytes.length) },
      notModifiedHeaders,
      compressible,
    };
    const chosen = compressible
      ? chooseRepresentation(headers['accept-encoding'], bytes.length, compression)
      : 'identity';
    // Not stored: an entry already there (with the variants it has served) stays as it is.
    if (chosen === undefined) return notAcceptable(ctx);
    if (current) store.set(key, entry, stored.tags, generation, stored.lists);
    let sent: Replayable = entry;
    if (chosen !== 'identity') {
      sent = current
        ? await storedVariant(key, entry, chosen)
        : variantOf(entry, chosen, await encode(bytes, chosen, compression));
      ctx.body = sent.body;
      ctx.set('Content-Encoding', chosen);
      ctx.set('ETag', sent.etag);
    }
    if (ifNoneMatchMatches(headers['if-none-match'], sent.etag)) ctx.status = 304;
  };
}
