/**
 * The plugin's GraphQL limits, installed as Apollo Server plugins into the GraphQL plugin's
 * configuration during `register` (before the GraphQL plugin starts Apollo in its bootstrap).
 * The limits run in `didResolveOperation`: after parsing and validation, before any resolver.
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
import { isStatementTimeout } from './lib/statement-timeout';
import { QueryTimeoutError } from './middlewares/document-guards';

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
function operationLimitsPlugin(strapi: Core.Strapi, limits: () => OperationLimits) {
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
            limits()
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

/**
 * Names a read the database stopped at its statement timeout (PostgreSQL) in any resolver. The
 * document-guards middleware names it for reads through the Document Service; a nested relation
 * is loaded past it (the GraphQL plugin's association resolver calls the query engine directly),
 * and its error reached the client as `INTERNAL_SERVER_ERROR` with the whole SQL in the log.
 * `didEncounterErrors` runs before the GraphQL plugin's `formatError`, which then answers the
 * {@link QueryTimeoutError} like any Strapi application error (`STRAPI_QUERY_TIMEOUT_ERROR`).
 */
function statementTimeoutPlugin(strapi: Core.Strapi) {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }: { errors: readonly GraphQLError[] }) {
          for (const error of errors) {
            if (!isStatementTimeout(error.originalError)) continue;
            strapi.log.warn(`api-guards: statement timeout in GraphQL at ${String(error.path)}`);
            // The error objects are Apollo's own, handed to formatError next: the one place
            // to swap what it reports.
            (error as { originalError: Error | undefined }).originalError = new QueryTimeoutError();
          }
        },
      };
    },
  };
}

export function registerGraphQLGuards(strapi: Core.Strapi): void {
  if (!hasGraphQL(strapi)) return;
  const { maxLimit, defaultLimit } = graphqlSettings(strapi);
  // "Did you mean …" suggestions name fields and types: with introspection off they would still
  // reveal the schema one typo at a time (Apollo's option, off unless set).
  if (apolloServerOption(strapi, 'introspection') === false) {
    setApolloServerOption(strapi, 'hideSchemaDetailsFromClientErrors', true);
  }
  const plugins: unknown[] = [statementTimeoutPlugin(strapi)];
  // Refuse `limit`/`pageSize` above maxLimit with a 400 instead of the plugin's silent cap.
  if (maxLimit !== undefined) plugins.push(paginationLimitPlugin(maxLimit));
  plugins.push(
    // The limits are read per operation, as the REST guards read theirs.
    operationLimitsPlugin(strapi, () => ({
      ...(strapi.plugin('api-guards').config('graphql') as ApiGuardsConfig['graphql']),
      // Without a defaultLimit the page size Strapi applies is not known here: count 100.
      defaultLimit: defaultLimit ?? 100,
      maxLimit,
      filters: strapi.plugin('api-guards').config('filters') as ApiGuardsConfig['filters'],
    }))
  );
  addApolloServerPlugins(strapi, plugins);
}
