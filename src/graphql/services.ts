/**
 * The parts of the GraphQL plugin's services this app calls, typed once (the plugin exports no
 * types for them).
 */
import type { Core, Schema } from '@strapi/strapi';

export type DbQuery = Record<string, unknown>;

export interface GraphQLServices {
  /** GraphQL field arguments (filters, sort, pagination) → a document-service query. */
  transformArgs(
    args: unknown,
    options: { contentType: Schema.ContentType; usePagination: boolean }
  ): DbQuery;
  /** Whether a root field is one of the generated queries (not a custom resolver). */
  isBuiltInQueryField(fieldName: string): boolean;
  getTypeName(contentType: Schema.ContentType): string;
}

export function graphqlServices(strapi: Core.Strapi): GraphQLServices {
  const plugin = strapi.plugin('graphql');
  const builders = plugin.service('builders') as { utils: Pick<GraphQLServices, 'transformArgs'> };
  const contentApi = plugin.service('content-api') as Pick<GraphQLServices, 'isBuiltInQueryField'>;
  const utils = plugin.service('utils') as { naming: Pick<GraphQLServices, 'getTypeName'> };
  return {
    transformArgs: (args, options) => builders.utils.transformArgs(args, options),
    isBuiltInQueryField: (fieldName) => contentApi.isBuiltInQueryField(fieldName),
    getTypeName: (contentType) => utils.naming.getTypeName(contentType),
  };
}
