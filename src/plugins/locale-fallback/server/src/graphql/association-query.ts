/**
 * The association query of a relation field (`associationQuery` in ../internals.ts), built once
 * per request, target, arguments and root query instead of once per parent. Stock Strapi
 * validates and sanitises the field's arguments for every parent: a list of 100 cities with two
 * to-one relations ran 200 identical validations and sanitisations per request. What it depends
 * on is all in the key: the field's target and arguments, and the root query of the branch
 * (status and `publicationFilter` are inherited from it; the caller's auth is the request's).
 *
 * The lookup itself runs once per parent, so it avoids serialising the arguments: within one
 * execution the arguments of a field are those of its node in the document (with the execution's
 * variables), so the node identifies them. Serialised arguments are the key only where there is
 * no node (a resolver called by hand).
 */
import stableStringify from 'fast-json-stable-stringify';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { omit } from 'lodash/fp';
import type { Core, Schema, UID } from '@strapi/strapi';
import { associationQuery, type DbQuery } from '../internals';
import { addPreloads, toOneRelationsOf, type Preload } from './preload';
import { selectedColumns } from './selected-columns';

export interface RequestAssociationQuery extends Awaited<ReturnType<typeof associationQuery>> {
  /**
   * The query without its page: what a batch reads for all parents, paging in memory; it
   * selects only the columns the query's selection needs (./selected-columns.ts).
   */
  populate: DbQuery;
  /**
   * The to-one relations of the related entries that `populate` reads along (./preload.ts): the
   * batch marks its answer with them.
   */
  preloads: readonly Preload[];
  /** `populate` serialised (stable), for the keys of the batch loaders. */
  populateKey: string;
  /**
   * The key of a batch loader for this query (`kind`, the relation's type and field), built once
   * per request and field: the same string each time, so a lookup does not hash a new one.
   */
  loaderKey(kind: string, uid: string, attributeName: string): string;
}

type Queries = Map<string, Promise<RequestAssociationQuery>>;

/** Per execution (its variables object), per field node: the queries by target and root. */
const byNode = new WeakMap<object, WeakMap<FieldNode, Queries>>();
/** Per request (context), without a field node: by target, root and serialised arguments. */
const byArgs = new WeakMap<object, Queries>();
/**
 * The columns per merged field nodes: graphql-js hands every parent of a list the same array of
 * the field's nodes, so this is computed once per field of a request, not once per parent.
 */
const columnsByNodes = new WeakMap<readonly FieldNode[], Columns>();

/** The columns a batch selects (null: whole rows), and the same joined for the keys. */
interface Columns {
  select: string[] | null;
  key: string;
}

const ALL_COLUMNS: Columns = { select: null, key: '*' };

function columnsOf(
  strapi: Core.Strapi,
  target: UID.ContentType,
  info: GraphQLResolveInfo
): Columns {
  const nodes = info.fieldNodes;
  if (!nodes || nodes.length === 0) return ALL_COLUMNS;
  let columns = columnsByNodes.get(nodes);
  if (columns === undefined) {
    const select = selectedColumns(
      strapi.getModel(target) as Schema.ContentType,
      nodes,
      info,
      info.fieldName.endsWith('_connection')
    );
    columns = select ? { select, key: select.join(',') } : ALL_COLUMNS;
    columnsByNodes.set(nodes, columns);
  }
  return columns;
}

async function build(
  strapi: Core.Strapi,
  target: UID.ContentType,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo,
  select: string[] | null
): Promise<RequestAssociationQuery> {
  const built = await associationQuery(strapi, target, args, context, info);
  // transformArgs adds the default page (limit 25) even for a to-one field; batches page in
  // memory (a to-one relation has nothing to page).
  const populate = omit(['limit', 'offset'], built.query) as DbQuery;
  if (select && populate.select === undefined) populate.select = select;
  const preloads = await addPreloads(
    populate,
    strapi.getModel(target) as Schema.ContentType,
    toOneRelationsOf(strapi, target),
    info,
    (relation, childInfo) => {
      relation.readingAlong?.(context);
      return requestAssociationQuery(strapi, relation.target, {}, context, childInfo);
    }
  );
  const populateKey = stableStringify(populate);
  const loaderKeys = new Map<string, string>();
  const loaderKey = (kind: string, uid: string, attributeName: string): string => {
    const short = `${kind}\u0000${uid}\u0000${attributeName}`;
    let key = loaderKeys.get(short);
    if (key === undefined) {
      key = `${kind}:${uid}.${attributeName}:${populateKey}`;
      loaderKeys.set(short, key);
    }
    return key;
  };
  return { ...built, populate, preloads, populateKey, loaderKey };
}

/**
 * The shared result must not be mutated by its users (copy before changing it).
 */
export function requestAssociationQuery(
  strapi: Core.Strapi,
  target: UID.ContentType,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo
): Promise<RequestAssociationQuery> {
  let rootPath = info.path;
  while (rootPath.prev) rootPath = rootPath.prev;
  const node = info.fieldNodes?.[0];
  const execution = info.variableValues as object | undefined;
  let queries: Queries | undefined;
  // The same node can be merged with others elsewhere (a fragment spread in two places): the
  // columns are part of the key.
  const columns = columnsOf(strapi, target, info);
  let key = `${target}\u0000${String(rootPath.key)}\u0000${columns.key}`;
  if (node && execution) {
    let nodes = byNode.get(execution);
    if (!nodes) {
      nodes = new WeakMap();
      byNode.set(execution, nodes);
    }
    queries = nodes.get(node);
    if (!queries) {
      queries = new Map();
      nodes.set(node, queries);
    }
  } else {
    key = `${key}\u0000${stableStringify(args)}`;
    queries = byArgs.get(context);
    if (!queries) {
      queries = new Map();
      byArgs.set(context, queries);
    }
  }
  let query = queries.get(key);
  if (!query) {
    query = build(strapi, target, args, context, info, columns.select);
    queries.set(key, query);
  }
  return query;
}
