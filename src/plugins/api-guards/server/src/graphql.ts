/**
 * The plugin's GraphQL limits, installed as an Apollo Server plugin into the GraphQL plugin's
 * configuration during `register` (before the GraphQL plugin starts Apollo in its bootstrap).
 */
import type { Core } from '@strapi/strapi';
import { addApolloServerPlugins, graphqlSettings, hasGraphQL } from './internals';
import { paginationLimitPlugin } from './lib/pagination';

export function registerGraphQLGuards(strapi: Core.Strapi): void {
  if (!hasGraphQL(strapi)) return;
  const { maxLimit } = graphqlSettings(strapi);
  const plugins: unknown[] = [];
  // Refuse `limit`/`pageSize` above maxLimit with a 400 instead of the plugin's silent cap.
  if (maxLimit !== undefined) plugins.push(paginationLimitPlugin(maxLimit));
  addApolloServerPlugins(strapi, plugins);
}
