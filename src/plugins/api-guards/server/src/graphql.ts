/**
 * The plugin's GraphQL limits, installed as Apollo Server plugins into the GraphQL plugin's
 * configuration during `register` (before the GraphQL plugin starts Apollo in its bootstrap).
 * Both run in `didResolveOperation`: after parsing and validation, before any resolver.
 */
import type { Core } from '@strapi/strapi';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ApiGuardsConfig } from './config';
import {
  addApolloServerPlugins,
  apolloServerOption,
  graphqlSettings,
  hasGraphQL,
  setApolloServerOption,
} from './internals';
import { checkOperation, type OperationLimits } from './lib/operation-limits';
import { anonymousClient } from './middlewares/miss-path';
import type { MissPathService } from './services/miss-path';
import { paginationLimitPlugin } from './lib/pagination';

/** The slice of Apollo Server's request context the limits read. */
interface ResolvedOperation {
  document: DocumentNode;
  schema: GraphQLSchema;
  request: { variables?: Record<string, unknown>; operationName?: string | null };
}

/**
 * Refuses operations over the alias, root-field or cost limit with a 400 naming the limit, and
 * charges an anonymous client for the cost of what it may run (429 when its allowance is spent).
 */
function operationLimitsPlugin(strapi: Core.Strapi, limits: OperationLimits) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }: ResolvedOperation) {
          const { problem, cost } = checkOperation(
            {
              schema,
              document,
              variables: request.variables,
              operationName: request.operationName,
            },
            limits
          );
          if (problem) {
            throw new GraphQLError(problem.message, {
              extensions: { code: problem.code, http: { status: 400 } },
            });
          }
          const client = anonymousClient(strapi.requestContext.get());
          if (client === null || cost === null) return;
          const service = strapi.plugin('api-guards').service('miss-path') as MissPathService;
          const refusal = await service.chargeGraphQLCost(client, cost);
          if (refusal) {
            throw new GraphQLError(
              `Too many requests: this query (cost ${cost}) exceeds your allowance; retry after ${refusal.retryAfterSeconds} s`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  http: {
                    status: 429,
                    headers: new Map([['retry-after', String(refusal.retryAfterSeconds)]]),
                  },
                },
              }
            );
          }
        },
      };
    },
  };
}

export function registerGraphQLGuards(strapi: Core.Strapi): void {
  if (!hasGraphQL(strapi)) return;
  const { maxLimit, defaultLimit } = graphqlSettings(strapi);
  const config = strapi.plugin('api-guards').config('graphql') as ApiGuardsConfig['graphql'];
  // "Did you mean …" suggestions name fields and types: with introspection off they would still
  // reveal the schema one typo at a time (Apollo's option, off unless set).
  if (apolloServerOption(strapi, 'introspection') === false) {
    setApolloServerOption(strapi, 'hideSchemaDetailsFromClientErrors', true);
  }
  const plugins: unknown[] = [];
  // Refuse `limit`/`pageSize` above maxLimit with a 400 instead of the plugin's silent cap.
  if (maxLimit !== undefined) plugins.push(paginationLimitPlugin(maxLimit));
  plugins.push(
    operationLimitsPlugin(strapi, {
      ...config,
      // Without a defaultLimit the page size Strapi applies is not known here: count 100.
      defaultLimit: defaultLimit ?? 100,
      maxLimit,
      filters: strapi.plugin('api-guards').config('filters') as ApiGuardsConfig['filters'],
    })
  );
  addApolloServerPlugins(strapi, plugins);
}
