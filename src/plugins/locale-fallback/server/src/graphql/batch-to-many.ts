/**
 * Batches GraphQL to-many relations between the app's content types (`parent { members }` and
 * `parent { members_connection { nodes } }`). Stock Strapi runs one query per parent
 * (`db.query(uid).load(parent, field, query)`, that is a `findOne` populating the relation with
 * the page as LIMIT/OFFSET): a list of 8 parents with their members costs 8 queries, and each
 * member's own relations as many more again.
 *
 * Here the parents of one request ask a per-request DataLoader, which reads the members of all of
 * them in one `findMany` with the same populate query minus the page (Strapi's populate of a
 * to-many relation is one join-table query for any number of parents, in the same order as for
 * one: the field's `sort`, else the editors' order of the links), and cuts each parent's page
 * from its own members in memory. Filters, sort, status and permissions come from the same query
 * the stock resolver builds (`associationQuery` in ../internals.ts), so the members and their
 * order are stock's. The cost: all members of the parents are read, not one page of each, which
 * is what a page of 100 does anyway; a relation with thousands of members per parent would want
 * a window function (ROW_NUMBER() OVER (PARTITION BY parent)) instead.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Core, Struct, UID } from '@strapi/strapi';
import { graphql, type DbQuery } from '../internals';
import { requestAssociationQuery } from './association-query';
import { batchScheduleFn, requestLoader } from './loaders';
import { markPreloaded } from './preload';
import { relationsAmong } from './relations';

interface Parent {
  id: number;
}

/** What the stock resolver of a to-many relation returns (a `…RelationResponseCollection`). */
interface Collection {
  nodes: unknown[];
  info: { args: DbQuery; resourceUID: string };
}

function membersLoader(
  strapi: Core.Strapi,
  context: object,
  uid: UID.ContentType,
  attributeName: string,
  populate: DbQuery,
  key: string
): DataLoader<number, unknown[]> {
  return requestLoader(
    context,
    key,
    () =>
      new DataLoader<number, unknown[]>(
        async (ids) => {
          const rows = (await strapi.db.query(uid).findMany({
            select: ['id'],
            where: { id: { $in: [...new Set(ids)] } },
            populate: { [attributeName]: Object.keys(populate).length > 0 ? populate : true },
          })) as Array<Record<string, unknown>>;
          const byId = new Map(
            rows.map((row) => [row.id as number, (row[attributeName] ?? []) as unknown[]])
          );
          return ids.map((id) => byId.get(id) ?? []);
        },
        { batchScheduleFn, cache: true }
      )
  );
}

/** A page (`offset`, `limit` of a db query; a negative or missing limit: all) of `members`. */
export function pageOf<T>(members: readonly T[], offset: unknown, limit: unknown): T[] {
  const start = typeof offset === 'number' && offset > 0 ? offset : 0;
  const end = typeof limit === 'number' && limit >= 0 ? start + limit : undefined;
  return members.slice(start, end);
}

function batchedToManyResolver(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  attributeName: string,
  target: UID.ContentType
) {
  return async (
    parent: Parent,
    args: Record<string, unknown>,
    context: { state?: { auth?: unknown } },
    info: GraphQLResolveInfo
  ): Promise<Collection> => {
    const {
      query,
      raw,
      args: sanitized,
      populate,
      preloads,
      loaderKey,
    } = await requestAssociationQuery(strapi, target, args, context, info);
    const collectionInfo = { args: sanitized, resourceUID: target };
    // Raw SQL conditions do not serialise into a batch key: keep the stock per-parent load.
    if (raw) {
      const nodes = (await strapi.db.query(uid).load(parent, attributeName, query)) as unknown[];
      return { nodes: nodes ?? [], info: collectionInfo };
    }
    const members = await membersLoader(
      strapi,
      context,
      uid,
      attributeName,
      populate,
      loaderKey('batch-many', uid, attributeName)
    ).load(parent.id);
    markPreloaded(members, preloads);
    return { nodes: pageOf(members, query.offset, query.limit), info: collectionInfo };
  };
}

/**
 * Resolvers for every to-many relation between `contentTypes` (the app's `api::` types), by
 * GraphQL type and field name: `Type.members` (the nodes) and `Type.members_connection`.
 */
export function batchedToManyResolvers(
  strapi: Core.Strapi,
  contentTypes: readonly Struct.ContentTypeSchema[]
): Record<string, Record<string, unknown>> {
  const { naming } = graphql(strapi);
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const { contentType, attributeName: name, kind, target } of relationsAmong(contentTypes)) {
    if (kind !== 'oneToMany' && kind !== 'manyToMany') continue;
    const typeName = naming.getTypeName(contentType);
    const resolve = batchedToManyResolver(strapi, contentType.uid as UID.ContentType, name, target);
    resolvers[typeName] ??= {};
    resolvers[typeName][`${name}_connection`] = resolve;
    resolvers[typeName][name] = async (...params: Parameters<typeof resolve>): Promise<unknown[]> =>
      (await resolve(...params)).nodes;
  }
  return resolvers;
}
