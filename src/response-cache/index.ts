/**
 * Strapi glue of the response cache: one runtime per Strapi instance (store, settings, bus), and
 * the hooks that invalidate it on every write however it happens (Document Service, database
 * lifecycles, other instances).
 */
import type { Core } from '@strapi/strapi';
import type { ClientConfig } from 'pg';
import { PostgresBus, RedisBus, type InvalidationBus } from '../lib/response-cache/bus';
import {
  parseCacheConfig,
  resolveBus,
  type ResponseCacheConfig,
} from '../lib/response-cache/config';
import { QueryCounter } from '../lib/response-cache/query-counter';
import {
  affectsAnonymousReads,
  READ_DOCUMENT_ACTIONS,
  WRITE_LIFECYCLE_ACTIONS,
} from '../lib/response-cache/scope';
import { ResponseStore } from '../lib/response-cache/store';

export interface ResponseCacheRuntime {
  config: ResponseCacheConfig;
  store: ResponseStore;
  counter: QueryCounter;
  bus?: InvalidationBus;
}

const runtimes = new WeakMap<Core.Strapi, ResponseCacheRuntime>();

/** The response cache of this Strapi instance (created on first use from `config/response-cache`). */
export function responseCache(strapi: Core.Strapi): ResponseCacheRuntime {
  let runtime = runtimes.get(strapi);
  if (!runtime) {
    const config = parseCacheConfig(strapi.config.get('response-cache', {}));
    runtime = { config, store: new ResponseStore(config), counter: new QueryCounter() };
    runtimes.set(strapi, runtime);
  }
  return runtime;
}

/** Transactions that already have an after-commit invalidation queued (a seed writes 1000 rows). */
const pendingCommits = new WeakSet<object>();

/**
 * Content changed: drop the local cache now, and again once the surrounding transaction commits
 * (a read that started before the commit could otherwise store the old content; the generation
 * bump of the second invalidation makes the store refuse it), then tell the other instances.
 */
export async function contentChanged(strapi: Core.Strapi): Promise<void> {
  const runtime = responseCache(strapi);
  runtime.store.invalidate();
  const afterCommit = (): void => {
    runtime.store.invalidate();
    runtime.bus?.publish().catch((error: Error) => {
      strapi.log.warn(`[response-cache] could not notify other instances: ${error.message}`);
    });
  };
  if (!strapi.db.inTransaction()) {
    afterCommit();
    return;
  }
  await strapi.db.transaction(({ trx, onCommit }) => {
    if (pendingCommits.has(trx)) return;
    pendingCommits.add(trx);
    onCommit(afterCommit);
  });
}

/** Register phase: invalidate after every Document Service write (REST, GraphQL, admin, seed, imports). */
export function registerResponseCache(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (!READ_DOCUMENT_ACTIONS.has(context.action) && !context.uid.startsWith('admin::')) {
      await contentChanged(strapi);
    }
    return result;
  });
}

function postgresClientConfig(strapi: Core.Strapi): ClientConfig {
  const connection = strapi.config.get<ClientConfig | string>('database.connection.connection');
  if (typeof connection === 'string') return { connectionString: connection };
  const { connectionString, host, port, database, user, password, ssl } = connection;
  return connectionString
    ? { connectionString, ssl }
    : { host, port, database, user, password, ssl };
}

/**
 * Bootstrap phase: invalidate on database writes that bypass the Document Service (locales,
 * permissions and roles, media, core store), count SQL queries when asked, and join the bus.
 */
export async function bootstrapResponseCache(strapi: Core.Strapi): Promise<void> {
  const runtime = responseCache(strapi);

  strapi.db.lifecycles.subscribe(async (event) => {
    if (WRITE_LIFECYCLE_ACTIONS.has(event.action) && affectsAnonymousReads(event.model.uid)) {
      await contentChanged(strapi);
    }
  });

  if (runtime.config.queryCountHeader) {
    strapi.db.connection.on('query', () => runtime.counter.record());
  }

  // The bus also runs with CACHE_ENABLED=false: the generation it bumps keeps in-memory state
  // derived from the content current everywhere.
  const kind = resolveBus(runtime.config, strapi.config.get<string>('database.connection.client'));
  const onRemoteChange = (): void => runtime.store.invalidate();
  if (kind === 'postgres') {
    const bus = new PostgresBus(postgresClientConfig(strapi), onRemoteChange, strapi.log);
    await bus.start();
    runtime.bus = bus;
  } else if (kind === 'redis') {
    const bus = new RedisBus(runtime.config.redisUrl, onRemoteChange, strapi.log);
    await bus.start();
    runtime.bus = bus;
  }
  if (runtime.bus) strapi.log.info(`[response-cache] invalidation bus: ${kind}`);
}

/** Destroy phase: close the bus connection(s). */
export async function destroyResponseCache(strapi: Core.Strapi): Promise<void> {
  const runtime = runtimes.get(strapi);
  await runtime?.bus?.close();
  if (runtime) runtime.bus = undefined;
}
