/**
 * Refuses GraphQL operations that ask for more entries than `maxLimit`. Strapi's GraphQL plugin
 * silently caps `pagination: { limit | pageSize }` at `maxLimit`; a client asking for 1000 and
 * getting 100 believes it has everything. This Apollo plugin answers with a 400 and a message
 * instead. Pure: the plugin's GraphQL guard (../graphql.ts) installs it.
 */
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

const PAGE_SIZE_KEYS = new Set(['limit', 'pageSize']);

type Variables = Record<string, unknown> | undefined;

/** Resolves a literal or a `$variable` to a plain value. */
function valueOf(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, valueOf(field.value, variables)])
      );
    default:
      return undefined;
  }
}

/**
 * Returns a message for the first `pagination` argument in `document` whose `limit` or
 * `pageSize` exceeds `maxLimit` (literal or from `variables`), or `null`.
 */
export function findOversizedPagination(
  document: DocumentNode,
  variables: Variables,
  maxLimit: number
): string | null {
  let problem: string | null = null;
  visit(document, {
    Argument(node) {
      if (problem || node.name.value !== 'pagination') return;
      const pagination = valueOf(node.value, variables);
      if (typeof pagination !== 'object' || pagination === null) return;
      for (const [key, value] of Object.entries(pagination)) {
        if (PAGE_SIZE_KEYS.has(key) && typeof value === 'number' && value > maxLimit) {
          problem = `pagination.${key} is ${value}; at most ${maxLimit} entries per request are allowed`;
        }
      }
    },
  });
  return problem;
}

/** The slice of Apollo Server's plugin interface this plugin uses. */
export interface PaginationLimitPlugin {
  requestDidStart(): Promise<{
    didResolveOperation(context: {
      document: DocumentNode;
      request: { variables?: Record<string, unknown> };
    }): Promise<void>;
  }>;
}

/** An Apollo Server plugin that refuses over-large pagination with a 400 `BAD_USER_INPUT`. */
export function paginationLimitPlugin(maxLimit: number): PaginationLimitPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = findOversizedPagination(document, request.variables, maxLimit);
          if (problem) {
            throw new GraphQLError(problem, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
