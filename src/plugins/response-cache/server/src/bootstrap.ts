import type { Core } from '@strapi/strapi';
import { PostgresBus, RedisBus } from './bus';
import { onDatabaseWrite, trackSqlReads, type LifecycleEvent } from './dependencies';
import { databaseClient, onEveryQuery, postgresClientConfig } from './internals';
import { resolveBus } from './lib/config';
import { contentModels, WRITE_LIFECYCLE_ACTIONS } from './lib/scope';
import { remoteChange, runtimeOf } from './runtime';

/** API token models: a change to a token drops its cached reads and the token checks. */
const TOKEN_MODELS = ['admin::api-token', 'admin::api-token-permission'];

/**
 * Bootstrap phase (before the app's own bootstrap, so a seed there already invalidates): database
 * writes that bypass the Document Service (locales, permissions and roles, media, core store,
 * `strapi.db.query`, API tokens), the SQL reads of cacheable misses, the query counter when asked
 * for, and the bus to the other instances.
 */
export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const runtime = runtimeOf(strapi);

  const components = new Set(Object.keys(strapi.components));
  const onWrite = async (event: LifecycleEvent): Promise<void> =>
    onDatabaseWrite(strapi, event, components.has(event.model.uid));
  strapi.db.lifecycles.subscribe({
    models: [
      ...contentModels({
        contentTypes: Object.keys(strapi.contentTypes),
        components: components,
      }),
      ...TOKEN_MODELS.filter((uid) => uid in strapi.contentTypes),
    ],
    ...Object.fromEntries(WRITE_LIFECYCLE_ACTIONS.map((action) => [action, onWrite])),
  });

  trackSqlReads(strapi);
  if (runtime.config.queryCountHeader) onEveryQuery(strapi, () => runtime.counter.record());

  // The bus also runs with the cache disabled: the generation it bumps (service `cache`,
  // `generation()`) keeps state derived from the content current on every instance.
  const kind = resolveBus(runtime.config, databaseClient(strapi));
  const onRemoteChange = (tags: string[] | undefined): void => remoteChange(strapi, tags);
  const { channel } = runtime.config;
  if (kind === 'postgres') {
    const bus = new PostgresBus(postgresClientConfig(strapi), channel, onRemoteChange, strapi.log);
    await bus.start();
    runtime.bus = bus;
  } else if (kind === 'redis') {
    const bus = new RedisBus(runtime.config.redisUrl, channel, onRemoteChange, strapi.log);
    await bus.start();
    runtime.bus = bus;
  }
  if (runtime.bus) strapi.log.info(`[response-cache] invalidation bus: ${kind}`);
};
