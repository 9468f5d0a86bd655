/** Which GraphQL requests may be cached. */
import { Kind, OperationTypeNode, parse } from 'graphql';

/**
 * True when the document's selected operation is a `query`. Mutations, subscriptions, documents
 * that do not parse and ambiguous selections (several operations, no name) are not cacheable; they
 * go to Apollo unchanged, which reports any error itself.
 */
export function isQueryOperation(query: unknown, operationName: unknown): boolean {
  if (typeof query !== 'string') return false;
  let document;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION
  );
  const selected =
    typeof operationName === 'string' && operationName !== ''
      ? operations.filter((operation) => operation.name?.value === operationName)
      : operations;
  return selected.length === 1 && selected[0].operation === OperationTypeNode.QUERY;
}
