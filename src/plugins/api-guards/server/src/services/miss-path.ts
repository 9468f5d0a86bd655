/**
 * The guarded miss path: a per-client rate limit (rate-limiter-flexible; a steady rate plus a
 * burst allowance, BurstyRateLimiter), a bound on requests in flight (ConcurrencyGate), each
 * client's fair share of a saturated server (FairShare) and delayed refusals (Tarpit).
 * Counters live in memory, in Redis (`store: 'redis'`) or in PostgreSQL (`store: 'postgres'`,
 * Strapi's own database), so several instances can share them.
 */
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { ApiGuardsConfig } from '../config';
import { databaseConnection } from '../internals';
import { ByteBudget } from '../lib/byte-budget';
import { ConcurrencyGate, type Release } from '../lib/concurrency-gate';
import { FairShare } from '../lib/fair-share';
import { Saturation } from '../lib/saturation';
import { Tarpit } from '../lib/tarpit';
import { TurnPacer } from '../lib/turn-pacer';

/** What the middleware does with a request. */
export type Admission =
  | { admitted: true; release: Release }
  | {
      admitted: false;
      status: 429 | 503;
      /** Over its rate; with its share of the queue waiting (both 429); no room for anyone (503). */
      reason: 'rate' | 'client-share' | 'busy';
      retryAfterSeconds: number;
    };

export interface MissPathService {
  /**
   * Decides for one anonymous request of client `key` (its IP address): 429 over its rate or
   * with its share of the queue already waiting, 503 when the server has no room.
   */
  admit(key: string): Promise<Admission>;
  /**
   * `retryAfterSeconds` when the server is saturated and client `key` has taken more than its
   * fair share of requests (../lib/fair-share.ts), else null (the request is counted).
   */
  fairShareRefusal(key: string): { retryAfterSeconds: number } | null;
  /**
   * Settles when a 429 for a client's own excess may be answered (../lib/tarpit.ts), after at
   * most `retryAfterSeconds`; undefined: answer now.
   */
  tarpit(retryAfterSeconds: number): Promise<void> | undefined;
  /** An authenticated request's turn (undefined: start at once), as `admit` waits for one. */
  pace(): Promise<void> | undefined;
  /**
   * Charges client `key` for an accepted GraphQL operation of cost `cost` (beyond the one
   * request `admit` counted); `retryAfterSeconds` when its allowance does not cover it.
   */
  chargeGraphQLCost(key: string, cost: number): Promise<{ retryAfterSeconds: number } | null>;
  /**
   * Milliseconds until anonymous client `key` may be answered again (0: now): its budget of
   * response bytes, cache hits included (../lib/byte-budget.ts).
   */
  bytesWaitMs(key: string): number;
  /** Charges client `key` for a response of `bytes` bytes it was sent. */
  chargeBytes(key: string, bytes: number): void;
  /**
   * `retryAfterSeconds` when address `key` has caused more failed authentications in the last
   * minute than allowed (its requests with credentials are then refused up front), else null.
   */
  authRefusal(key: string): Promise<{ retryAfterSeconds: number } | null>;
  /** Counts a failed authentication (a 401) against address `key`. */
  recordAuthFailure(key: string): Promise<void>;
  /** Requests running and waiting now, and refusals held in the tarpit. */
  stats(): { inFlight: number; queued: number; held: number };
  /**
   * Settles once the counters' store is usable (Redis connected, PostgreSQL tables created) or
   * has failed (then counting falls back to this process). Until then requests are counted in
   * this process alone.
   */
  storeReady(): Promise<void>;
  /** Re-reads the plugin's `missPath` settings (new counters, new gate). */
  reload(): Promise<void>;
  destroy(): Promise<void>;
}

const ADMIT_ALL: Admission = { admitted: true, release: () => {} };

interface State {
  settings: ApiGuardsConfig['missPath'];
  limiter: BurstyRateLimiter;
  gate: ConcurrencyGate;
  /** One admitted request started per turn of the event loop (../lib/turn-pacer.ts). */
  pacer: TurnPacer;
  bytes: ByteBudget;
  fairShare: FairShare;
  saturation: Saturation;
  tarpit: Tarpit;
  /** Failed authentications per address and minute (in this process). */
  authFailures: RateLimiterMemory;
  redis?: Redis;
  storeReady: Promise<void>;
}

/** Settles on Redis's first `ready` or `error`, whichever comes first. */
function redisSettled(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const settle = () => {
      redis.off('ready', settle);
      redis.off('error', settle);
      resolve();
    };
    redis.on('ready', settle);
    redis.on('error', settle);
  });
}

function buildState(strapi: Core.Strapi): State {
  const settings = strapi.plugin('api-guards').config('missPath') as ApiGuardsConfig['missPath'];
  const { rateLimit, concurrency } = settings;
  const redis =
    rateLimit.store === 'redis'
      ? new Redis(rateLimit.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : undefined;
  redis?.on('error', (error: Error) =>
    strapi.log.warn(`api-guards: rate-limit Redis: ${error.message} (counting in memory)`)
  );

  const tablesCreated: Array<Promise<void>> = [];
  const limiter = (name: string, options: IRateLimiterOptions): RateLimiterAbstract => {
    const keyPrefix = `api-guards-${name}`;
    // A store that fails (Redis down, database busy) falls back to counting in this process.
    const insuranceLimiter = new RateLimiterMemory({ ...options, keyPrefix });
    if (redis) {
      return new RateLimiterRedis({ ...options, keyPrefix, storeClient: redis, insuranceLimiter });
    }
    if (rateLimit.store === 'postgres') {
      let created = () => {};
      tablesCreated.push(new Promise((resolve) => (created = resolve)));
      return new RateLimiterPostgres(
        {
          ...options,
          keyPrefix,
          storeClient: databaseConnection(strapi),
          storeType: 'knex',
          tableName: `api_guards_rate_${name}`,
          insuranceLimiter,
        },
        (error?: Error) => {
          if (error) strapi.log.warn(`api-guards: rate-limit table: ${error.message}`);
          created();
        }
      );
    }
    return insuranceLimiter;
  };

  let bursty: BurstyRateLimiter;
  try {
    bursty = new BurstyRateLimiter(
      limiter('steady', { points: rateLimit.rate, duration: 1 }),
      limiter('burst', { points: rateLimit.burst, duration: rateLimit.burstWindowSeconds })
    );
  } catch (error) {
    // A limiter that refuses its options must not leave a connected Redis client behind: it
    // would reconnect forever and keep the process alive.
    redis?.disconnect();
    throw error;
  }
  return {
    settings,
    redis,
    limiter: bursty,
    gate: new ConcurrencyGate(concurrency),
    pacer: new TurnPacer(),
    bytes: new ByteBudget(rateLimit),
    fairShare: new FairShare(settings.fairShare),
    saturation: new Saturation(settings.fairShare.busyAbove),
    tarpit: new Tarpit(settings.tarpit),
    authFailures: new RateLimiterMemory({
      keyPrefix: 'api-guards-auth-failures',
      points: rateLimit.authFailuresPerMinute,
      duration: 60,
    }),
    storeReady: Promise.all([redis ? redisSettled(redis) : undefined, ...tablesCreated]).then(
      () => undefined
    ),
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export default ({ strapi }: { strapi: Core.Strapi }): MissPathService => {
  let state: State | undefined;
  const current = () => (state ??= buildState(strapi));

  return {
    async admit(key) {
      const { settings, limiter, gate, pacer } = current();
      if (!settings.enabled) return ADMIT_ALL;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            admitted: false,
            status: 429,
            reason: 'rate',
            retryAfterSeconds: seconds(rejection.msBeforeNext),
          };
        }
        // Not a verdict but a store failure the insurance could not absorb: let it through.
        strapi.log.warn(`api-guards: rate limit unavailable: ${String(rejection)}`);
      }
      const release = await gate.acquire(key);
      if (typeof release !== 'function') {
        // 'client-share': this client's own excess (429); 'busy': no room for anyone (503).
        return {
          admitted: false,
          status: release === 'client-share' ? 429 : 503,
          reason: release,
          retryAfterSeconds: seconds(settings.concurrency.queueTimeoutMs),
        };
      }
      const turn = pacer.turn();
      if (turn) await turn;
      return { admitted: true, release };
    },
    fairShareRefusal(key) {
      const { settings, fairShare, saturation } = current();
      if (!settings.enabled || !settings.fairShare.enabled) return null;
      const now = Date.now();
      if (fairShare.admit(key, now, saturation.saturated(now))) return null;
      return { retryAfterSeconds: seconds(settings.fairShare.windowMs) };
    },
    tarpit(retryAfterSeconds) {
      const { settings, tarpit } = current();
      return settings.enabled ? tarpit.hold(retryAfterSeconds * 1000) : undefined;
    },
    pace() {
      const { settings, pacer } = current();
      return settings.enabled ? pacer.turn() : undefined;
    },
    async chargeGraphQLCost(key, cost) {
      const { settings, limiter } = current();
      const points = Math.floor(cost / settings.rateLimit.graphqlCostPerRequest) - 1;
      if (!settings.enabled || points < 1) return null;
      try {
        await limiter.consume(key, points);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { retryAfterSeconds: seconds(rejection.msBeforeNext) };
        }
        strapi.log.warn(`api-guards: rate limit unavailable: ${String(rejection)}`);
        return null;
      }
    },
    bytesWaitMs(key) {
      const { settings, bytes } = current();
      return settings.enabled ? bytes.waitMs(key, Date.now()) : 0;
    },
    chargeBytes(key, count) {
      const { settings, bytes } = current();
      if (settings.enabled) bytes.charge(key, count, Date.now());
    },
    async authRefusal(key) {
      const { settings, authFailures } = current();
      if (!settings.enabled) return null;
      const counted = await authFailures.get(key);
      if (!counted || counted.consumedPoints < settings.rateLimit.authFailuresPerMinute) {
        return null;
      }
      return { retryAfterSeconds: seconds(counted.msBeforeNext) };
    },
    async recordAuthFailure(key) {
      const { settings, authFailures } = current();
      if (settings.enabled) await authFailures.penalty(key, 1);
    },
    stats: () => ({ ...current().gate.stats(), held: current().tarpit.size }),
    storeReady: () => current().storeReady,
    async reload() {
      const previous = state;
      state = buildState(strapi);
      previous?.tarpit.releaseAll();
      previous?.redis?.disconnect();
    },
    async destroy() {
      state?.tarpit.releaseAll();
      state?.redis?.disconnect();
      state = undefined;
    },
  };
};
