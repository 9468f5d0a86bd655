/**
 * Compression of the responses the cache does not keep: API answers it may not store (errors,
 * credentials, mutations, drafts), the demo site's pages and assets, the admin panel. Runs just
 * outside the cache's middleware (register.ts), so it sees every response of the app; what the cache
 * answered or compressed itself (a hit, a stored miss) passes untouched.
 *
 * Why here and not in a middleware of the app: the cache answers hits ahead of every configured
 * middleware and keeps one compressed copy per coding, so it has to own the coding of what it
 * stores; a second compressor would compress its hits again or hand it compressed misses.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import {
  chooseRepresentation,
  encode,
  forbidsTransform,
  isCompressible,
  varyOnEncoding,
} from '../lib/encoding';
import { etagOf, ifNoneMatchMatches } from '../lib/http';
import { runtimeOf } from '../runtime';

/** Reads a stream body (a static file) into memory; only done for files of known, bounded size. */
async function drain(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** True for a stream body (a static file served by koa-static). */
const isStream = (body: unknown): boolean =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { pipe?: unknown }).pipe === 'function';

/** The body as bytes, or undefined when it is not worth reading (unknown or too large a stream). */
async function bodyBytes(ctx: Context, maxStreamBytes: number): Promise<Buffer | undefined> {
  const body: unknown = ctx.body;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null || body === undefined || typeof body !== 'object') return undefined;
  if (isStream(body)) {
    const length = Number(ctx.response.get('Content-Length'));
    if (!Number.isFinite(length) || length <= 0 || length > maxStreamBytes) return undefined;
    return drain(body as AsyncIterable<unknown>);
  }
  return Buffer.from(JSON.stringify(body));
}

/** `406` in Strapi's error shape: the request refuses every coding this server produces. */
export function notAcceptable(ctx: Context): void {
  ctx.status = 406;
  ctx.remove('Content-Encoding');
  ctx.remove('ETag');
  ctx.body = {
    data: null,
    error: {
      status: 406,
      name: 'NotAcceptableError',
      message:
        'Accept-Encoding refuses identity and accepts none of br, gzip: nothing can be sent in an acceptable coding',
      details: { acceptEncoding: ctx.get('Accept-Encoding') },
    },
  };
}

export function compressionMiddleware(strapi: Core.Strapi) {
  const { config } = runtimeOf(strapi);
  const settings = config.compression;

  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    // Answered by the cache (a hit, written directly) or already coded (a stored miss).
    if (ctx.respond === false || ctx.headerSent || ctx.response.get('Content-Encoding') !== '') {
      return;
    }
    const status = ctx.status;
    if (status < 200 || status === 204 || status === 304 || ctx.body == null) return;
    if (!isCompressible(ctx.response.get('Content-Type'))) return;
    if (forbidsTransform(ctx.response.get('Cache-Control'))) return;
    ctx.set('Vary', varyOnEncoding(ctx.response.get('Vary')));

    const stream = isStream(ctx.body);
    const bytes = await bodyBytes(ctx, config.maxEntryBytes);
    if (!bytes) return;
    // A drained stream is read: from here on its bytes are the body.
    if (stream) ctx.body = bytes;
    const accepted = ctx.request.headers['accept-encoding'];
    const representation = chooseRepresentation(accepted, bytes.length, settings);
    if (representation === undefined) return notAcceptable(ctx);
    if (representation === 'identity') return;
    const encoded = await encode(bytes, representation, settings);
    const hadEtag = ctx.response.get('ETag') !== '';
    ctx.body = encoded;
    ctx.set('Content-Encoding', representation);
    if (hadEtag) {
      // Each representation its own strong validator (RFC 9110 §8.8.3).
      const etag = etagOf(encoded);
      ctx.set('ETag', etag);
      if (status === 200 && ifNoneMatchMatches(ctx.get('If-None-Match'), etag)) ctx.status = 304;
    }
  };
}
