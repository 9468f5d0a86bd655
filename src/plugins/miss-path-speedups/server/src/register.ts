import type { Core } from '@strapi/strapi';
import type { MissPathSpeedupsConfig } from './config';
import { contentApiOf, outputSanitizerHostOf } from './internals';
import { installContentApiMemo } from './lib/content-api-memo';
import { graphqlCacheHintsOff } from './lib/graphql-cache-hints-off';
import { installOutputSanitizerFastPath } from './lib/output-sanitizer-fast-path';

const GRAPHQL_APOLLO = 'plugin::graphql.apolloServer';

/**
 * Register phase, before the first request: the memos and the output sanitizer's fast path
 * replace functions of `strapi.contentAPI`, looked up at every call (so it does not matter which
 * plugin registers first); Apollo's cache-control plugin is switched off in the GraphQL plugin's
 * config, which it reads in its bootstrap.
 */
export default ({ strapi }: { strapi: Core.Strapi }): void => {
  const enabled = (name: keyof MissPathSpeedupsConfig): boolean =>
    strapi.plugin('miss-path-speedups').config(name) === true;

  if (enabled('contentApiMemo')) installContentApiMemo(contentApiOf(strapi));
  if (enabled('outputSanitizerFastPath'))
    installOutputSanitizerFastPath(outputSanitizerHostOf(strapi));
  if (enabled('graphqlCacheHintsOff') && strapi.plugin('graphql')) {
    const apollo = strapi.config.get<{ plugins?: unknown[] }>(GRAPHQL_APOLLO, {});
    strapi.config.set(GRAPHQL_APOLLO, {
      ...apollo,
      plugins: [...(apollo.plugins ?? []), ...graphqlCacheHintsOff()],
    });
  }
};
