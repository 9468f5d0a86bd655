/**
 * Settings of the response cache: the plugin's defaults and their validation. The host app passes
 * its values in `config/plugins.ts` under `'response-cache': { config: {...} }`; each option names
 * the environment variable a host conventionally maps to it, so that errors point at what an
 * operator can change.
 */
import type { CompressionSettings } from './encoding';
import { isPathPattern } from '@creative-cities/path-patterns';

export type BusKind = 'auto' | 'postgres' | 'redis' | 'none';

/** Where a write's cache tags are purged besides this process (a CDN or reverse proxy). */
export type PurgerConfig =
  | { kind: 'none' }
  /** `PURGE` with `xkey-purge: <tags>` to each URL (Varnish with vmod xkey, deploy/varnish/). */
  | { kind: 'varnish'; urls: string[] }
  /** Any other CDN: a function that purges the tags (see docs/operations.md). */
  | { kind: 'custom'; purge: (tags: string[]) => Promise<void> };

export interface ResponseCacheConfig {
  /** `CACHE_ENABLED`: serve anonymous reads from memory. */
  enabled: boolean;
  /** `CACHE_MAX_ENTRIES`: most responses kept. */
  maxEntries: number;
  /** `CACHE_MAX_BYTES`: most bytes of responses kept. */
  maxBytes: number;
  /**
   * `CACHE_MAX_ENTRY_BYTES`: the largest response kept (at most `maxBytes`): one large answer
   * must not evict all the others.
   */
  maxEntryBytes: number;
  /**
   * Paths outside the content APIs whose `GET` responses are cached like theirs (exact paths,
   * e.g. `/sitemap.xml`, or with one `*` for part of a segment, `/sitemap-*.xml`): anything
   * computed per request from documents.
   */
  paths: string[];
  /** `CACHE_CONTROL`: the Cache-Control header of cacheable anonymous responses. */
  cacheControl: string;
  /** `CACHE_BUS`: how instances tell each other about writes. */
  bus: BusKind;
  /** `REDIS_URL`: Redis for the bus (`auto` picks Redis when set). */
  redisUrl: string;
  /** `QUERY_COUNT_HEADER`: add `X-Query-Count` (SQL queries of this request) for benchmarks. */
  queryCountHeader: boolean;
  /** PostgreSQL NOTIFY channel / Redis pub/sub channel shared by all instances of one app. */
  channel: string;
  /**
   * Query parameters left out of the cache key (exact names or `prefix*`): only those the host
   * removes before Strapi reads the query (tracking parameters), or a hit would serve another
   * response.
   */
  ignoredQueryParams: string[];
  /** `CACHE_SURROGATE_CONTROL`: `Surrogate-Control` for shared caches (CDN), `''` for none. */
  surrogateControl: string;
  /** `CACHE_PURGE_VARNISH_URLS` (kind `varnish`): where written tags are purged. */
  purger: PurgerConfig;
  /** `CACHE_TOKEN_READS`: cache reads with a read-only API token, per token. */
  tokenReads: boolean;
  /**
   * `CACHE_CHECK_LISTS`: after a write, check the cached lists that did not show the written
   * document again (their ids and count) instead of recomputing them (lib/list-reads.ts).
   */
  checkLists: boolean;
  /**
   * `COMPRESSION_ENABLED`, `COMPRESSION_MIN_BYTES`, `COMPRESSION_BROTLI_QUALITY`: gzip and brotli
   * by `Accept-Encoding` for every compressible response (lib/encoding.ts).
   */
  compression: CompressionSettings;
}

/** What a host app may pass: numbers may come as strings (straight from the environment). */
export type RawCacheConfig = Partial<Record<keyof ResponseCacheConfig, unknown>>;

export const DEFAULT_CONFIG: ResponseCacheConfig = {
  enabled: true,
  maxEntries: 5000,
  maxBytes: 64 * 1024 * 1024,
  maxEntryBytes: 2 * 1024 * 1024,
  paths: [],
  cacheControl: 'public, max-age=0, must-revalidate',
  bus: 'auto',
  redisUrl: '',
  queryCountHeader: false,
  channel: 'strapi_response_cache',
  ignoredQueryParams: [],
  surrogateControl: '',
  purger: { kind: 'none' },
  tokenReads: true,
  checkLists: true,
  compression: { enabled: true, minBytes: 1024, brotliQuality: 5 },
};

const BUS_KINDS: readonly BusKind[] = ['auto', 'postgres', 'redis', 'none'];

/** The channel is written into `LISTEN <channel>`, so only a plain SQL identifier is accepted. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function optionalBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new Error(`Response cache: ${name} must be true or false, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(name: string, value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new Error(`Response cache: ${name} must be a positive integer, got ${String(value)}`);
  }
  return number;
}

function singleLine(name: string, value: unknown, allowEmpty: boolean): string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '') || /[\r\n]/.test(value)) {
    throw new Error(
      `Response cache: ${name} must be a${allowEmpty ? '' : ' non-empty'} single-line header value`
    );
  }
  return value.trim();
}

function parseCompression(raw: unknown): CompressionSettings {
  const defaults = DEFAULT_CONFIG.compression;
  if (raw === undefined || raw === null) return { ...defaults };
  if (typeof raw !== 'object') {
    throw new Error('Response cache: compression must be { enabled, minBytes, brotliQuality }');
  }
  const settings = raw as Partial<Record<keyof CompressionSettings, unknown>>;
  const brotliQuality = Number(settings.brotliQuality ?? defaults.brotliQuality);
  if (!Number.isInteger(brotliQuality) || brotliQuality < 0 || brotliQuality > 11) {
    throw new Error(
      `Response cache: compression.brotliQuality (COMPRESSION_BROTLI_QUALITY) must be an integer from 0 to 11, got ${String(settings.brotliQuality)}`
    );
  }
  return {
    enabled: optionalBoolean(
      'compression.enabled (COMPRESSION_ENABLED)',
      settings.enabled,
      defaults.enabled
    ),
    minBytes: positiveInteger(
      'compression.minBytes (COMPRESSION_MIN_BYTES)',
      settings.minBytes ?? defaults.minBytes
    ),
    brotliQuality,
  };
}

/**
 * The purger: `{ kind: 'varnish', urls }` with `urls` an array or a comma-separated string (as in
 * `CACHE_PURGE_VARNISH_URLS`); no URLs means no purger.
 */
function parsePurger(raw: unknown): PurgerConfig {
  if (raw === undefined || raw === null) return { kind: 'none' };
  const purger = raw as { kind?: unknown; urls?: unknown; purge?: unknown };
  if (purger.kind === 'none') return { kind: 'none' };
  if (purger.kind === 'custom' && typeof purger.purge === 'function') {
    return { kind: 'custom', purge: purger.purge as (tags: string[]) => Promise<void> };
  }
  if (purger.kind === 'varnish') {
    const list =
      purger.urls === undefined || purger.urls === null
        ? []
        : typeof purger.urls === 'string'
          ? purger.urls.split(',')
          : purger.urls;
    if (!Array.isArray(list)) {
      throw new Error('Response cache: purger.urls (CACHE_PURGE_VARNISH_URLS) must be URLs');
    }
    const urls = list.map((url) => String(url).trim()).filter((url) => url !== '');
    for (const url of urls) {
      if (!/^https?:\/\/[^\s]+$/.test(url)) {
        throw new Error(
          `Response cache: purger.urls (CACHE_PURGE_VARNISH_URLS) must be http(s) URLs, got ${url}`
        );
      }
    }
    return urls.length === 0 ? { kind: 'none' } : { kind: 'varnish', urls };
  }
  throw new Error(
    "Response cache: purger must be { kind: 'varnish', urls }, { kind: 'custom', purge } or { kind: 'none' }"
  );
}

/**
 * Validates raw settings and fills defaults; throws a message naming the option (and the variable
 * a host maps to it) at fault, so a typo stops the start instead of silently disabling the cache.
 */
export function parseCacheConfig(raw: RawCacheConfig): ResponseCacheConfig {
  const bus = raw.bus ?? DEFAULT_CONFIG.bus;
  if (!BUS_KINDS.includes(bus as BusKind)) {
    throw new Error(
      `Response cache: bus (CACHE_BUS) must be one of ${BUS_KINDS.join(', ')}, got ${String(bus)}`
    );
  }
  const redisUrl = typeof raw.redisUrl === 'string' ? raw.redisUrl : DEFAULT_CONFIG.redisUrl;
  if (bus === 'redis' && redisUrl === '') {
    throw new Error('Response cache: bus "redis" (CACHE_BUS=redis) needs redisUrl (REDIS_URL)');
  }
  const cacheControl = raw.cacheControl ?? DEFAULT_CONFIG.cacheControl;
  if (
    typeof cacheControl !== 'string' ||
    cacheControl.trim() === '' ||
    /[\r\n]/.test(cacheControl)
  ) {
    throw new Error(
      'Response cache: cacheControl (CACHE_CONTROL) must be a non-empty single-line header value'
    );
  }
  const channel = raw.channel ?? DEFAULT_CONFIG.channel;
  if (typeof channel !== 'string' || !CHANNEL.test(channel)) {
    throw new Error(
      `Response cache: channel must be a lower-case SQL identifier (a-z, 0-9, _), got ${String(channel)}`
    );
  }
  const ignoredQueryParams = raw.ignoredQueryParams ?? DEFAULT_CONFIG.ignoredQueryParams;
  if (
    !Array.isArray(ignoredQueryParams) ||
    !ignoredQueryParams.every((name) => typeof name === 'string' && name !== '' && name !== '*')
  ) {
    throw new Error(
      'Response cache: ignoredQueryParams must be a list of parameter names or `prefix*` patterns'
    );
  }
  const maxBytes = positiveInteger(
    'maxBytes (CACHE_MAX_BYTES)',
    raw.maxBytes ?? DEFAULT_CONFIG.maxBytes
  );
  const maxEntryBytes = positiveInteger(
    'maxEntryBytes (CACHE_MAX_ENTRY_BYTES)',
    raw.maxEntryBytes ?? Math.min(DEFAULT_CONFIG.maxEntryBytes, maxBytes)
  );
  if (maxEntryBytes > maxBytes) {
    throw new Error(
      `Response cache: maxEntryBytes (CACHE_MAX_ENTRY_BYTES, ${maxEntryBytes}) must not exceed maxBytes (CACHE_MAX_BYTES, ${maxBytes})`
    );
  }
  const paths = raw.paths ?? DEFAULT_CONFIG.paths;
  if (!Array.isArray(paths) || !paths.every(isPathPattern)) {
    throw new Error(
      'Response cache: paths must be a list of absolute paths such as /sitemap.xml (one * at most)'
    );
  }
  return {
    enabled: optionalBoolean('enabled (CACHE_ENABLED)', raw.enabled, DEFAULT_CONFIG.enabled),
    maxEntries: positiveInteger(
      'maxEntries (CACHE_MAX_ENTRIES)',
      raw.maxEntries ?? DEFAULT_CONFIG.maxEntries
    ),
    maxBytes,
    maxEntryBytes,
    paths: [...(paths as string[])],
    cacheControl: cacheControl.trim(),
    bus: bus as BusKind,
    redisUrl,
    queryCountHeader: optionalBoolean(
      'queryCountHeader (QUERY_COUNT_HEADER)',
      raw.queryCountHeader,
      DEFAULT_CONFIG.queryCountHeader
    ),
    channel,
    ignoredQueryParams: [...(ignoredQueryParams as string[])],
    surrogateControl: singleLine(
      'surrogateControl (CACHE_SURROGATE_CONTROL)',
      raw.surrogateControl ?? DEFAULT_CONFIG.surrogateControl,
      true
    ),
    purger: parsePurger(raw.purger),
    tokenReads: optionalBoolean(
      'tokenReads (CACHE_TOKEN_READS)',
      raw.tokenReads,
      DEFAULT_CONFIG.tokenReads
    ),
    checkLists: optionalBoolean(
      'checkLists (CACHE_CHECK_LISTS)',
      raw.checkLists,
      DEFAULT_CONFIG.checkLists
    ),
    compression: parseCompression(raw.compression),
  };
}

/**
 * The bus actually used: `auto` means Redis when `redisUrl` is set, PostgreSQL LISTEN/NOTIFY on a
 * PostgreSQL database, and none on SQLite (one process per database file).
 */
export function resolveBus(
  config: ResponseCacheConfig,
  databaseClient: string
): Exclude<BusKind, 'auto'> {
  if (config.bus !== 'auto') return config.bus;
  if (config.redisUrl !== '') return 'redis';
  return databaseClient === 'postgres' || databaseClient === 'pg' ? 'postgres' : 'none';
}
