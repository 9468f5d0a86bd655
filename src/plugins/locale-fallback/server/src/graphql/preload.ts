/**
 * Look-ahead for to-one relations: when a batch reads the entries of a relation field
 * (./batch-to-many.ts, ./batch-to-one.ts), the to-one relations its selection asks for on those
 * entries (`cities { name country { name } }`: `country`) are read in the same populated query,
 * and their resolvers then answer from the entry, synchronously. Without it each of the 403
 * cities of `creativeFields { cities { country { name } } }` ran an async resolver, a lookup of
 * the association query and a DataLoader `load`, each a promise, to end in the same batch.
 *
 * Each nested query is the one the relation's own resolver would build (`requestAssociationQuery`
 * with the field's arguments, its selected columns and its branch's root query: permissions,
 * status and `publicationFilter` are the same), nested as a `populate` of the batch's query; its
 * answer is what the resolver's batch would have read. Strapi's field auth still runs before the
 * resolver (./field-resolvers.ts), so a reader who may not read the target gets the same error.
 *
 * Only what is certainly the same is looked ahead; anything else is left to the resolver's
 * loader: a selection with fragments or directives (graphql-js would merge or skip fields this
 * does not follow), a field asked for under an alias or twice, a to-one field with arguments, a
 * nested query with raw SQL (`publicationFilter`), a batch query that populates already, and a
 * nested query that fails to build (the resolver builds it again and reports the error).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Core, Struct, UID } from '@strapi/strapi';
import type { DbQuery } from '../internals';

/** A to-one relation read along with the entries of a batch. */
export interface Preload {
  /** The relation's attribute (and field) name. */
  field: string;
  /** The field's first node: its resolver uses the preloaded value only for this field. */
  node: FieldNode;
  /** The relations read along with the related entry, in turn. */
  children: readonly Preload[];
}

/** The preloaded fields of an entry: the field nodes whose answer is the entry's property. */
const PRELOADED = Symbol('locale-fallback.preloaded');

type Entry = Record<string | symbol, unknown> & { [PRELOADED]?: FieldNode[] };

/** A to-one relation whose resolver answers from values a batch read along. */
export interface PreloadableRelation {
  target: UID.ContentType;
  /** Called (with the request's context) when a batch reads the relation along. */
  readingAlong?: (context: object) => void;
}

/** Builds the nested query of a field as its resolver would (`requestAssociationQuery`). */
export type NestedQuery = (
  relation: PreloadableRelation,
  info: GraphQLResolveInfo
) => Promise<{ populate: DbQuery; raw: boolean; preloads: readonly Preload[] }>;

/**
 * The field nodes of the entries' selection by response key, or null when the selection has a
 * fragment or a directive. `connection`: the entries are under `nodes`.
 */
function entryFields(
  fieldNodes: readonly FieldNode[],
  connection: boolean
): Map<string, FieldNode[]> | null {
  let sets: Array<SelectionSetNode | undefined> = fieldNodes.map((node) => node.selectionSet);
  if (connection) {
    const nodes = directFields(sets);
    if (!nodes) return null;
    // `nodes` under an alias, or beside an alias of it: left to the loaders.
    if (
      [...nodes.keys()].some(
        (key) => key !== 'nodes' && nodes.get(key)?.[0]?.name.value === 'nodes'
      )
    )
      return null;
    sets = (nodes.get('nodes') ?? []).map((node) => node.selectionSet);
  }
  return directFields(sets);
}

function directFields(
  sets: ReadonlyArray<SelectionSetNode | undefined>
): Map<string, FieldNode[]> | null {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return null;
      const key = selection.alias?.value ?? selection.name.value;
      const group = fields.get(key);
      if (group) group.push(selection);
      else fields.set(key, [selection]);
    }
  }
  return fields;
}

/**
 * Adds to `query` (the batch's query of entries of `model`, which it changes) the to-one
 * relations the field of `info` selects on them, and returns what was added.
 *
 * @param toOne the to-one relations whose resolvers read preloaded values, by attribute name
 */
export async function addPreloads(
  query: DbQuery,
  model: Struct.ContentTypeSchema,
  toOne: ReadonlyMap<string, PreloadableRelation>,
  info: GraphQLResolveInfo,
  nested: NestedQuery
): Promise<Preload[]> {
  if (toOne.size === 0 || query.populate !== undefined || !info.fieldNodes) return [];
  const fields = entryFields(info.fieldNodes, info.fieldName.endsWith('_connection'));
  if (!fields) return [];
  const names = [...fields.values()].map((group) => group[0].name.value);
  const preloads: Preload[] = [];
  const populate: DbQuery = {};
  for (const [key, group] of fields) {
    const name = group[0].name.value;
    const relation = toOne.get(name);
    if (!relation || key !== name || names.indexOf(name) !== names.lastIndexOf(name)) continue;
    if (group.some((node) => (node.arguments?.length ?? 0) > 0)) continue;
    if (!(name in model.attributes)) continue;
    const childInfo: GraphQLResolveInfo = {
      ...info,
      fieldName: name,
      fieldNodes: group,
      path: { prev: info.path, key: name, typename: undefined },
    };
    let child: Awaited<ReturnType<NestedQuery>>;
    try {
      child = await nested(relation, childInfo);
    } catch {
      continue;
    }
    if (child.raw) continue;
    populate[name] = Object.keys(child.populate).length > 0 ? child.populate : true;
    preloads.push({ field: name, node: group[0], children: child.preloads });
  }
  if (preloads.length > 0) query.populate = populate;
  return preloads;
}

/** Marks `entries` (a batch's answer, an entry or a list) as holding the values of `preloads`. */
export function markPreloaded(entries: unknown, preloads: readonly Preload[]): void {
  if (preloads.length === 0 || entries === null || entries === undefined) return;
  for (const entry of (Array.isArray(entries) ? entries : [entries]) as Entry[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const marked = (entry[PRELOADED] ??= []);
    for (const preload of preloads) {
      if (!marked.includes(preload.node)) marked.push(preload.node);
      markPreloaded(entry[preload.field], preload.children);
    }
  }
}

/** Per app: the batched to-one relations of each content type, by attribute. */
const toOneRelations = new WeakMap<Core.Strapi, Map<string, Map<string, PreloadableRelation>>>();

/**
 * Records a to-one relation whose resolver answers from values a batch read along
 * (./batch-to-one.ts): the batches of entries of `uid` read it along when it is selected.
 */
export function registerPreloadable(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  attributeName: string,
  relation: PreloadableRelation
): void {
  let byType = toOneRelations.get(strapi);
  if (!byType) {
    byType = new Map();
    toOneRelations.set(strapi, byType);
  }
  let relations = byType.get(uid);
  if (!relations) {
    relations = new Map();
    byType.set(uid, relations);
  }
  relations.set(attributeName, relation);
}

const NONE: ReadonlyMap<string, PreloadableRelation> = new Map();

/** The to-one relations of `uid` that a batch of its entries can read along, by attribute. */
export function toOneRelationsOf(
  strapi: Core.Strapi,
  uid: UID.ContentType
): ReadonlyMap<string, PreloadableRelation> {
  return toOneRelations.get(strapi)?.get(uid) ?? NONE;
}

/** What `preloaded` answers when the parent holds no value for the field. */
export const NOT_PRELOADED = Symbol('locale-fallback.not-preloaded');

/** The value of the field of `info` on `parent` when a batch read it along, else NOT_PRELOADED. */
export function preloaded(parent: unknown, info: GraphQLResolveInfo): unknown {
  const marked = (parent as Entry | null)?.[PRELOADED];
  if (!marked || !marked.includes(info.fieldNodes[0])) return NOT_PRELOADED;
  return (parent as Entry)[info.fieldName] ?? null;
}
