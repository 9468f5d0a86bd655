/**
 * The plugin's settings. The host app passes them in `config/plugins.ts` under
 * `'api-guards': { config: { … } }`, mapping its own environment variables; the validator stops
 * the start with a message naming the setting at fault.
 */

import type { FilterLimits } from './lib/filter-measure';

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
  graphql: { maxCost: number; maxAliases: number; maxRootFields: number };
  /**
   * The guarded miss path: anonymous content-API and GraphQL requests that reach Strapi (after
   * the response cache) are rate limited per client and bounded in number.
   */
  missPath: {
    enabled: boolean;
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
    };
    concurrency: {
      maxInFlight: number;
      perClient: number;
      queueSize: number;
      queueTimeoutMs: number;
    };
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
  graphql: { maxCost: 20000, maxAliases: 15, maxRootFields: 10 },
  missPath: {
    enabled: true,
    rateLimit: {
      rate: 10,
      burst: 100,
      burstWindowSeconds: 10,
      graphqlCostPerRequest: 250,
      store: 'memory',
      redisUrl: '',
    },
    concurrency: { maxInFlight: 4, perClient: 2, queueSize: 32, queueTimeoutMs: 2000 },
  },
});

const STORES: readonly RateLimitStore[] = ['memory', 'redis', 'postgres'];

function positiveInteger(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`api-guards: ${path} must be a positive integer, got ${String(value)}`);
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
  const { missPath } = config;
  boolean('missPath.enabled', missPath?.enabled);
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
  positiveInteger('missPath.concurrency.maxInFlight', concurrency?.maxInFlight);
  positiveInteger('missPath.concurrency.perClient', concurrency?.perClient);
  positiveInteger('missPath.concurrency.queueSize', concurrency?.queueSize);
  positiveInteger('missPath.concurrency.queueTimeoutMs', concurrency?.queueTimeoutMs);
}

export default {
  default: defaultConfig,
  validator: (config: ApiGuardsConfig) => validateConfig(config),
};
