/** Settings of the response cache, read from `config/response-cache.ts` (environment variables). */

export type BusKind = 'auto' | 'postgres' | 'redis' | 'none';

export interface ResponseCacheConfig {
  /** `CACHE_ENABLED`: serve anonymous reads from memory. */
  enabled: boolean;
  /** `CACHE_MAX_ENTRIES`: most responses kept. */
  maxEntries: number;
  /** `CACHE_MAX_BYTES`: most bytes of responses kept. */
  maxBytes: number;
  /** `CACHE_CONTROL`: the Cache-Control header of cacheable anonymous responses. */
  cacheControl: string;
  /** `CACHE_BUS`: how instances tell each other about writes. */
  bus: BusKind;
  /** `REDIS_URL`: Redis for the bus (`auto` picks Redis when set). */
  redisUrl: string;
  /** `QUERY_COUNT_HEADER`: add `X-Query-Count` (SQL queries of this request) for benchmarks. */
  queryCountHeader: boolean;
}

const BUS_KINDS: readonly BusKind[] = ['auto', 'postgres', 'redis', 'none'];

function positiveInteger(name: string, value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new Error(`Response cache: ${name} must be a positive integer, got ${String(value)}`);
  }
  return number;
}

/**
 * Validates raw settings and fills defaults; throws a message naming the variable at fault, so a
 * typo stops the start instead of silently disabling the cache.
 */
export function parseCacheConfig(
  raw: Partial<Record<keyof ResponseCacheConfig, unknown>>
): ResponseCacheConfig {
  const bus = raw.bus ?? 'auto';
  if (!BUS_KINDS.includes(bus as BusKind)) {
    throw new Error(
      `Response cache: CACHE_BUS must be one of ${BUS_KINDS.join(', ')}, got ${String(bus)}`
    );
  }
  const redisUrl = typeof raw.redisUrl === 'string' ? raw.redisUrl : '';
  if (bus === 'redis' && redisUrl === '') {
    throw new Error('Response cache: CACHE_BUS=redis needs REDIS_URL');
  }
  const cacheControl = raw.cacheControl ?? 'public, max-age=0, must-revalidate';
  if (
    typeof cacheControl !== 'string' ||
    cacheControl.trim() === '' ||
    /[\r\n]/.test(cacheControl)
  ) {
    throw new Error('Response cache: CACHE_CONTROL must be a non-empty single-line header value');
  }
  return {
    enabled: raw.enabled !== false,
    maxEntries: positiveInteger('CACHE_MAX_ENTRIES', raw.maxEntries ?? 5000),
    maxBytes: positiveInteger('CACHE_MAX_BYTES', raw.maxBytes ?? 64 * 1024 * 1024),
    cacheControl: cacheControl.trim(),
    bus: bus as BusKind,
    redisUrl,
    queryCountHeader: raw.queryCountHeader === true,
  };
}

/**
 * The bus actually used: `auto` means Redis when `REDIS_URL` is set, PostgreSQL LISTEN/NOTIFY on a
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
