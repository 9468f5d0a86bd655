/**
 * The plugin's settings. The host app passes them in `config/plugins.ts` under
 * `'api-guards': { config: { … } }`, mapping its own environment variables; the validator stops
 * the start with a message naming the setting at fault.
 */

import type { FilterLimits } from './lib/filter-measure';
import { isPathPattern } from '@creative-cities/path-patterns';

export type RateLimitStore = 'memory' | 'redis' | 'postgres';

export interface ApiGuardsConfig {
  /**
   * Query parameters removed from content-API requests before Strapi validates them: exact names
   * or `prefix*` patterns. Any other unknown parameter stays a 400. `null` (the default): the
   * tracking parameters of `TRACKING_QUERY_PARAMS` (lib/query-params.ts); `[]`: none. (Not an array default:
   * Strapi fills a plugin's config with `defaultsDeep`, which would merge a host's list into it
   * index by index.)
   */
  ignoredQueryParams: string[] | null;
  /** REST `populate` nesting bound (levels). */
  populate: { maxDepth: number };
  /**
   * Bounds on one `filters` object a client sends (REST `filters`, and the filters of its
   * `populate`; every `filters` argument of a GraphQL operation), checked before any query runs:
   * see lib/filter-measure.ts.
   */
  filters: FilterLimits;
  /** Users-permissions self-registration, applied at every start. */
  registration: { allow: boolean };
  /** Breadth bounds of one GraphQL operation, checked before execution. */
  graphql: {
    maxCost: number;
    maxAliases: number;
    maxRootFields: number;
    /** Most lexical tokens in a document; parsing stops beyond it. */
    maxTokens: number;
    /** Most fields in an operation with its fragments expanded where they are spread. */
    maxExpandedFields: number;
    /** Deepest nesting of the JSON `variables` (and `extensions`) of a request. */
    maxVariablesDepth: number;
    /** Largest anonymous GraphQL request body (bytes), refused before it is read or parsed. */
    maxBodyBytes: number;
  };
  /**
   * The guarded miss path: anonymous content-API and GraphQL requests that reach Strapi (after
   * the response cache) are rate limited per client and bounded in number.
   */
  missPath: {
    enabled: boolean;
    /**
     * Paths besides the content APIs that are computed per request from content and guarded like
     * them (exact paths, e.g. `/sitemap.xml`, or with one `*` for part of a segment).
     */
    extraPaths: string[];
    rateLimit: {
      /** Requests per second a client may make steadily. */
      rate: number;
      /** Extra requests a client may burst within `burstWindowSeconds`. */
      burst: number;
      burstWindowSeconds: number;
      /**
       * GraphQL cost that counts as one request: an accepted anonymous operation of cost C uses
       * C / graphqlCostPerRequest requests of the client's allowance (at least one).
       */
      graphqlCostPerRequest: number;
      /** Where counters live: per process, or shared by all instances. */
      store: RateLimitStore;
      /** For `store: 'redis'`. */
      redisUrl: string;
      /**
       * Bytes of responses (cache hits included) a client may receive per second steadily, and
       * in a burst on top: a client replaying a large cached answer is limited like one that
       * asks for many small ones. Counted per process.
       */
      bytesPerSecond: number;
      burstBytes: number;
      /** Failed authentications (401) an address may cause per minute before its requests with credentials get 429. */
      authFailuresPerMinute: number;
    };
    concurrency: {
      maxInFlight: number;
      perClient: number;
      queueSize: number;
      queueTimeoutMs: number;
    };
    /**
     * Fair share of a saturated server (lib/fair-share.ts): while the event loop is busy at least
     * `busyAbove` of the time, an anonymous client that has started more than `factor` times the
     * typical (median) client's requests of the last `windowMs` (and at least `minPerWindow`) gets 429.
     * Cache hits included: it runs in the front door, ahead of the response cache.
     */
    fairShare: {
      enabled: boolean;
      /** Event-loop utilization (0–1) from which the server counts as saturated; 0: always. */
      busyAbove: number;
      factor: number;
      windowMs: number;
      minPerWindow: number;
    };
    /**
     * Delayed refusals (lib/tarpit.ts): a 429 for a client's own excess is answered after
     * `delayMs` (at most its Retry-After), at most `maxHeld` at once.
     */
    tarpit: { delayMs: number; maxHeld: number };
  };
  /**
   * Bounds of the HTTP server itself, set on Node's server at bootstrap: how long a client may
   * take to send its headers and its whole request, and how many connections it may hold.
   */
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    /** Idle keep-alive connections are closed after this long. */
    keepAliveTimeoutMs: number;
    /** Most open connections of the process (`server.maxConnections`); 0: unbounded. */
    maxConnections: number;
    /** Most open connections from one address (IPv6: one /64); 0: unbounded. Behind a proxy every client has the proxy's address: raise or switch off. */
    maxConnectionsPerAddress: number;
    /**
     * Longest request target (path and query) answered; longer ones get a JSON `414` with CORS
     * headers. Node's own limit (16 KiB for the whole request head) answered an empty `431`.
     */
    maxUrlBytes: number;
    /**
     * Node's limit for the whole request head (`maxHeaderSize`), raised above `maxUrlBytes` so that
     * such requests reach the app; beyond it Node refuses the request, here with a JSON `431`.
     */
    maxHeaderBytes: number;
  };
}

export const defaultConfig = (): ApiGuardsConfig => ({
  ignoredQueryParams: null,
  populate: { maxDepth: 3 },
  filters: {
    maxRelationDepth: 2,
    maxJoins: 10,
    maxToManyJoins: 2,
    maxInValues: 100,
    maxConditions: 50,
  },
  registration: { allow: false },
  graphql: {
    maxCost: 20000,
    maxAliases: 15,
    maxRootFields: 10,
    maxTokens: 5000,
    maxExpandedFields: 2000,
    maxVariablesDepth: 20,
    maxBodyBytes: 64 * 1024,
  },
  missPath: {
    enabled: true,
    extraPaths: [],
    rateLimit: {
      rate: 10,
      burst: 100,
      burstWindowSeconds: 10,
      graphqlCostPerRequest: 250,
      store: 'memory',
      redisUrl: '',
      bytesPerSecond: 8 * 1024 * 1024,
      burstBytes: 64 * 1024 * 1024,
      authFailuresPerMinute: 30,
    },
    concurrency: { maxInFlight: 4, perClient: 2, queueSize: 32, queueTimeoutMs: 2000 },
    fairShare: { enabled: true, busyAbove: 0.9, factor: 2, windowMs: 1000, minPerWindow: 20 },
    tarpit: { delayMs: 1000, maxHeld: 1024 },
  },
  server: {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
    maxConnections: 8192,
    maxConnectionsPerAddress: 256,
    maxUrlBytes: 16 * 1024,
    maxHeaderBytes: 64 * 1024,
  },
});

const STORES: readonly RateLimitStore[] = ['memory', 'redis', 'postgres'];

function positiveInteger(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`api-guards: ${path} must be a positive integer, got ${String(value)}`);
  }
}

function nonNegativeInteger(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`api-guards: ${path} must be 0 or a positive integer, got ${String(value)}`);
  }
}

function boolean(path: string, value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new Error(`api-guards: ${path} must be true or false, got ${String(value)}`);
  }
}

/** Throws a clear error for a setting of the wrong type or range. */
export function validateConfig(config: ApiGuardsConfig): void {
  const ignored: unknown = config.ignoredQueryParams;
  const validList = (list: unknown[]) =>
    list.every((name) => typeof name === 'string' && name !== '' && name !== '*');
  if (
    ignored !== null &&
    ignored !== undefined &&
    !(Array.isArray(ignored) && validList(ignored))
  ) {
    throw new Error(
      'api-guards: ignoredQueryParams must be a list of parameter names or `prefix*` patterns'
    );
  }
  positiveInteger('populate.maxDepth', config.populate?.maxDepth);
  positiveInteger('filters.maxRelationDepth', config.filters?.maxRelationDepth);
  positiveInteger('filters.maxJoins', config.filters?.maxJoins);
  // 0 is a valid bound: no filter may cross a to-many relation.
  if (
    !Number.isInteger(config.filters?.maxToManyJoins) ||
    (config.filters?.maxToManyJoins ?? -1) < 0
  ) {
    throw new Error(
      `api-guards: filters.maxToManyJoins must be 0 or a positive integer, got ${String(config.filters?.maxToManyJoins)}`
    );
  }
  positiveInteger('filters.maxInValues', config.filters?.maxInValues);
  positiveInteger('filters.maxConditions', config.filters?.maxConditions);
  boolean('registration.allow', config.registration?.allow);
  positiveInteger('graphql.maxCost', config.graphql?.maxCost);
  positiveInteger('graphql.maxAliases', config.graphql?.maxAliases);
  positiveInteger('graphql.maxRootFields', config.graphql?.maxRootFields);
  positiveInteger('graphql.maxTokens', config.graphql?.maxTokens);
  positiveInteger('graphql.maxExpandedFields', config.graphql?.maxExpandedFields);
  positiveInteger('graphql.maxVariablesDepth', config.graphql?.maxVariablesDepth);
  positiveInteger('graphql.maxBodyBytes', config.graphql?.maxBodyBytes);
  const { missPath } = config;
  boolean('missPath.enabled', missPath?.enabled);
  if (!Array.isArray(missPath.extraPaths) || !missPath.extraPaths.every(isPathPattern)) {
    throw new Error(
      'api-guards: missPath.extraPaths must be a list of absolute paths (one * at most)'
    );
  }
  const { rateLimit, concurrency } = missPath;
  positiveInteger('missPath.rateLimit.rate', rateLimit?.rate);
  positiveInteger('missPath.rateLimit.burst', rateLimit?.burst);
  positiveInteger('missPath.rateLimit.burstWindowSeconds', rateLimit?.burstWindowSeconds);
  positiveInteger('missPath.rateLimit.graphqlCostPerRequest', rateLimit?.graphqlCostPerRequest);
  if (!STORES.includes(rateLimit?.store)) {
    throw new Error(
      `api-guards: missPath.rateLimit.store must be one of ${STORES.join(', ')}, got ${String(rateLimit?.store)}`
    );
  }
  if (rateLimit.store === 'redis' && !rateLimit.redisUrl) {
    throw new Error(
      'api-guards: missPath.rateLimit.store "redis" needs missPath.rateLimit.redisUrl'
    );
  }
  positiveInteger('missPath.rateLimit.bytesPerSecond', rateLimit?.bytesPerSecond);
  positiveInteger('missPath.rateLimit.burstBytes', rateLimit?.burstBytes);
  positiveInteger('missPath.rateLimit.authFailuresPerMinute', rateLimit?.authFailuresPerMinute);
  positiveInteger('missPath.concurrency.maxInFlight', concurrency?.maxInFlight);
  positiveInteger('missPath.concurrency.perClient', concurrency?.perClient);
  positiveInteger('missPath.concurrency.queueSize', concurrency?.queueSize);
  positiveInteger('missPath.concurrency.queueTimeoutMs', concurrency?.queueTimeoutMs);
  const { fairShare, tarpit } = missPath;
  boolean('missPath.fairShare.enabled', fairShare?.enabled);
  if (
    typeof fairShare.busyAbove !== 'number' ||
    !(fairShare.busyAbove >= 0) ||
    fairShare.busyAbove > 1
  ) {
    throw new Error(
      `api-guards: missPath.fairShare.busyAbove must be a number from 0 to 1, got ${String(fairShare.busyAbove)}`
    );
  }
  if (typeof fairShare.factor !== 'number' || !(fairShare.factor >= 1)) {
    throw new Error(
      `api-guards: missPath.fairShare.factor must be a number of at least 1, got ${String(fairShare.factor)}`
    );
  }
  positiveInteger('missPath.fairShare.windowMs', fairShare.windowMs);
  positiveInteger('missPath.fairShare.minPerWindow', fairShare.minPerWindow);
  nonNegativeInteger('missPath.tarpit.delayMs', tarpit?.delayMs);
  nonNegativeInteger('missPath.tarpit.maxHeld', tarpit?.maxHeld);
  const { server } = config;
  positiveInteger('server.headersTimeoutMs', server?.headersTimeoutMs);
  positiveInteger('server.requestTimeoutMs', server?.requestTimeoutMs);
  positiveInteger('server.keepAliveTimeoutMs', server?.keepAliveTimeoutMs);
  nonNegativeInteger('server.maxConnections', server?.maxConnections);
  nonNegativeInteger('server.maxConnectionsPerAddress', server?.maxConnectionsPerAddress);
  positiveInteger('server.maxUrlBytes', server?.maxUrlBytes);
  positiveInteger('server.maxHeaderBytes', server?.maxHeaderBytes);
  if (server.maxUrlBytes >= server.maxHeaderBytes) {
    throw new Error('api-guards: server.maxUrlBytes must be below server.maxHeaderBytes');
  }
  if (server.headersTimeoutMs > server.requestTimeoutMs) {
    throw new Error('api-guards: server.headersTimeoutMs must not exceed server.requestTimeoutMs');
  }
}

export default {
  default: defaultConfig,
  validator: (config: ApiGuardsConfig) => validateConfig(config),
};
