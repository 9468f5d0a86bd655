/**
 * Content coding of responses: which coding a request accepts (`Accept-Encoding`, RFC 9110
 * §12.5.3), which responses are worth compressing, and the compression itself (Node's zlib).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The codings this server produces, in the order preferred when a client weighs them equally. */
export type Coding = 'br' | 'gzip';
export type Representation = Coding | 'identity';

export const CODINGS: readonly Coding[] = ['br', 'gzip'];

/** How responses are compressed (see the plugin README, "Compression"). */
export interface CompressionSettings {
  /** Compress at all. */
  enabled: boolean;
  /** Bodies smaller than this stay plain when the client accepts plain. */
  minBytes: number;
  /** Brotli quality 0–11; 5 is about as fast as gzip's default level and smaller. */
  brotliQuality: number;
}

/**
 * An implicit `identity` (not named, no `*`) is acceptable but least preferred, so that
 * `Accept-Encoding: gzip;q=0.5` still gets gzip.
 */
const IMPLICIT_IDENTITY = 0.0001;

/** RFC 9110 §12.4.2: `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The weight (q-value) a request gives each representation this server can produce; 0 = not
 * acceptable. Members that do not parse (`gzip;q=2`, `;;`, `g zip`) are ignored, as if absent:
 * an unparseable header accepts only `identity`. `x-gzip` counts as `gzip` (RFC 9110 §8.4.1.3).
 * No header at all: any coding is acceptable, but a client that sent none may not decode one, so
 * only `identity` is offered (what every common server does).
 */
export function acceptedWeights(header: string | undefined): Record<Representation, number> {
  if (header === undefined) return { br: 0, gzip: 0, identity: 1 };
  const listed = new Map<string, number>();
  for (const member of header.split(',')) {
    const [rawName, ...params] = member.split(';');
    const name = rawName.trim().toLowerCase();
    if (name === '') continue;
    if (!TOKEN.test(name)) continue;
    let weight = 1;
    let valid = true;
    for (const param of params) {
      const [key, value, ...rest] = param.split('=');
      if (key.trim().toLowerCase() !== 'q') continue;
      const q = value?.trim() ?? '';
      if (rest.length > 0 || !QVALUE.test(q)) valid = false;
      else weight = Number(q);
    }
    if (!valid) continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    // A repeated coding keeps its highest weight.
    listed.set(coding, Math.max(listed.get(coding) ?? 0, weight));
  }
  const star = listed.get('*');
  const weightOf = (coding: Representation): number => {
    const own = listed.get(coding);
    if (own !== undefined) return own;
    if (star !== undefined) return star;
    return coding === 'identity' ? IMPLICIT_IDENTITY : 0;
  };
  return { br: weightOf('br'), gzip: weightOf('gzip'), identity: weightOf('identity') };
}

/**
 * The representation to send a body of `size` bytes in, or `undefined` when the request accepts
 * none this server produces (`identity;q=0` alone): a `406`. A body under `minBytes` stays plain
 * whenever plain is acceptable (compressing it saves nothing worth the work); otherwise the
 * highest weight wins, ties going to br, then gzip, then identity.
 */
export function chooseRepresentation(
  header: string | undefined,
  size: number,
  settings: CompressionSettings
): Representation | undefined {
  const weights = acceptedWeights(header);
  if (!settings.enabled) return weights.identity > 0 ? 'identity' : undefined;
  if (size < settings.minBytes && weights.identity > 0) return 'identity';
  let best: Representation | undefined;
  for (const candidate of [...CODINGS, 'identity'] as const) {
    if (weights[candidate] > 0 && (best === undefined || weights[candidate] > weights[best])) {
      best = candidate;
    }
  }
  return best;
}

/**
 * Media types worth compressing: text, JSON, JavaScript, XML and SVG. Images, fonts and archives
 * are compressed already.
 */
const COMPRESSIBLE =
  /^\s*(?:text\/|application\/(?:json|javascript|ecmascript|xml|graphql-response\+json|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;

export function isCompressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/** `Cache-Control: no-transform` forbids changing the coding on the way (RFC 9111 §5.2.2.6). */
export function forbidsTransform(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(cacheControl);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The body in `coding`. Runs on libuv's thread pool, not on the event loop. gzip at zlib's
 * default level 6; brotli at `brotliQuality` in text mode (quality 11, brotli's default, is about
 * a hundred times slower for a few percent less).
 */
export function encode(
  body: Buffer,
  coding: Coding,
  settings: CompressionSettings
): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body);
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: settings.brotliQuality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Adds `Accept-Encoding` to a `Vary` header value, once. */
export function varyOnEncoding(vary: string | undefined): string {
  if (!vary || vary.trim() === '') return 'Accept-Encoding';
  const names = vary.split(',').map((name) => name.trim().toLowerCase());
  if (names.includes('accept-encoding') || names.includes('*')) return vary;
  return `${vary}, Accept-Encoding`;
}
