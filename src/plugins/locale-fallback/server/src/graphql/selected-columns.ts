/**
 * The columns a batched relation needs to read: the scalar attributes the query selects on the
 * related entries, plus what identifies them. Stock Strapi (and the batches before this) read
 * every column of every related row (`t0.*`): `creativeFields { cities { name } }` read 403 full
 * city rows, and Strapi turned each column into a value (three datetimes per row among them) that
 * the answer never used. Most of a large nested answer's time went there and into collecting the
 * garbage it left.
 *
 * Relations, components, media and dynamic zones of the related entries are resolved by their own
 * field resolvers from the entry's `id`, so selecting them needs no column. A field that is no
 * attribute (one an app or plugin added to the type with its own resolver, which might read any
 * property of its parent) makes the whole row read as before.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The related content type: its attributes by name (each with its `type`). */
export interface RelatedType {
  attributes: object;
}

/** Fields of the entity types that are no attributes but read nothing of the row. */
const ROW_FREE_FIELDS = new Set(['__typename', 'fallback', 'fallbackLocale']);
/** Attribute types whose value is no column of the entry's own row. */
const NO_COLUMN = new Set(['relation', 'component', 'media', 'dynamiczone']);
/**
 * Always read: the id joins the relations, documentId and locale identify the version. Every
 * Strapi 5 content type has `id` and `documentId` (columns, not attributes of the schema); `locale`
 * is an attribute of localized types only.
 */
const IDENTITY = ['id', 'documentId'];

/** The field names of a selection set, through inline fragments and fragment spreads. */
function fieldNames(
  selectionSet: SelectionSetNode | undefined,
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  into: Set<string>,
  visited: Set<string>
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      into.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldNames(selection.selectionSet, info, into, visited);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      fieldNames(info.fragments[selection.name.value]?.selectionSet, info, into, visited);
    }
  }
}

/** The selection sets of the related entries: the field's own, or its `nodes` on a connection. */
function entrySelections(
  fieldNodes: readonly FieldNode[],
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  connection: boolean
): SelectionSetNode[] {
  if (!connection)
    return fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const nodes: SelectionSetNode[] = [];
  const collect = (selectionSet: SelectionSetNode | undefined, visited: Set<string>): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'nodes' && selection.selectionSet) {
          nodes.push(selection.selectionSet);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, visited);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet, visited);
      }
    }
  };
  for (const node of fieldNodes) collect(node.selectionSet, new Set());
  return nodes;
}

/**
 * The attributes to `select` for the related entries of a relation field, or null to read whole
 * rows (a selected field this cannot vouch for, or no selection to go by).
 *
 * `connection`: the field is a `…_connection` (entries under `nodes`).
 */
export function selectedColumns(
  target: RelatedType,
  fieldNodes: readonly FieldNode[],
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  connection: boolean
): string[] | null {
  const selections = entrySelections(fieldNodes, info, connection);
  if (selections.length === 0) return connection ? [...identityOf(target)] : null;
  const names = new Set<string>();
  for (const selectionSet of selections) fieldNames(selectionSet, info, names, new Set());
  const columns = new Set(identityOf(target));
  for (const name of names) {
    if (ROW_FREE_FIELDS.has(name) || IDENTITY.includes(name)) continue;
    const attribute = (target.attributes as Record<string, { type?: string } | undefined>)[name];
    if (!attribute?.type) return null;
    if (!NO_COLUMN.has(attribute.type)) columns.add(name);
  }
  return [...columns];
}

function identityOf(target: RelatedType): string[] {
  return 'locale' in target.attributes ? [...IDENTITY, 'locale'] : [...IDENTITY];
}
