/**
 * Apollo Server adds its cache-control plugin unless told otherwise. The plugin runs a hook before
 * and after every resolved field to add up `@cacheControl` hints; Strapi's schema declares none
 * and nothing calls `setCacheHint`, so with the default `maxAge` of 0 its only effect is
 * `Cache-Control: no-store` on every GraphQL response. On `creativeFields { cities { … } }` (400
 * cities) those hooks cost about a seventh of the uncached request. These plugins switch it off
 * and keep the header: a response nobody else gave a `Cache-Control` (the response cache sets its
 * own on what it caches) still says `no-store`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

const noStoreUnlessSet: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) {
          response.http.headers.set('cache-control', 'no-store');
        }
      },
    };
  },
};

/** For `apolloServer.plugins` of the GraphQL plugin's config. */
export function graphqlCacheHintsOff(): ApolloServerPlugin[] {
  return [ApolloServerPluginCacheControlDisabled(), noStoreUnlessSet];
}
