/**
 * `pageInfo { total page pageSize pageCount }` on the `…_connection` fields of to-many relations
 * (`creativeField { cities_connection { nodes pageInfo } }`), as the root `…_connection` queries
 * have it. Stock Strapi's relation collections (`CityRelationResponseCollection`) carry `nodes`
 * only, so a website needs a second query to learn how many related entries there are.
 *
 * `total` counts the entries the field would list without pagination: its own filters, the
 * draft/published status inherited from the root query, the caller's permissions, and under
 * `fallbackLocale` the merged list of ./fallback-to-many.ts (which knows its length already).
 * Otherwise the totals of all parents of one request are counted together, per relation field
 * and arguments, in one grouped count (two queries, whatever the number of parents); stock
 * Strapi's `load` would cost two per parent.
 */
import DataLoader from 'dataloader';
import stableStringify from 'fast-json-stable-stringify';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Core } from '@strapi/strapi';
import { associationQuery, type DbQuery } from '../internals';
import { pageInfoOf, type PageInfo } from '../lib/page-info';
import type { ToManyRelation } from './fallback-to-many';
import { batchScheduleFn, requestLoader } from './loaders';
import { fallbackRequest } from './request';

/** The Pagination type of the GraphQL plugin (`pageInfo` of the root `…_connection` queries). */
export const PAGINATION_TYPE = 'Pagination';

/** What the `…_connection` field of a relation hands to its `pageInfo`. */
export interface RelationPage {
  relation: ToManyRelation;
  parentId: number | string;
  /** The field's GraphQL arguments. */
  args: Record<string, unknown>;
}

/** A relation collection as the stock resolver returns it, plus what `pageInfo` needs. */
export interface PagedCollection {
  nodes?: unknown[];
  info?: { args?: { start?: number; limit?: number } };
  /** Set by the fallback resolver, which has the merged list in hand. */
  total?: number;
  /** The count, started before the relation was read (see relationPageMiddleware). */
  counting?: Promise<number>;
  page?: RelationPage;
}

function countLoader(
  strapi: Core.Strapi,
  context: object,
  { uid, attributeName }: ToManyRelation,
  where: DbQuery
): DataLoader<number | string, number> {
  const key = `count:${uid}.${attributeName}:${stableStringify(where)}`;
  return requestLoader(
    context,
    key,
    () =>
      new DataLoader<number | string, number>(
        async (ids) => {
          const rows = (await strapi.db.query(uid).findMany({
            select: ['id'],
            where: { id: { $in: [...new Set(ids)] } },
            populate: { [attributeName]: { where, count: true } },
          })) as Array<Record<string, unknown>>;
          const counts = new Map(
            rows.map((row) => [
              row.id as number | string,
              (row[attributeName] as { count?: number } | undefined)?.count ?? 0,
            ])
          );
          return ids.map((id) => counts.get(id) ?? 0);
        },
        { batchScheduleFn, cache: true }
      )
  );
}

/** The number of entries a parent's relation field lists without pagination. */
async function relationTotal(
  strapi: Core.Strapi,
  { relation, parentId, args }: RelationPage,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo
): Promise<number> {
  // The query the stock resolver runs for the field (filters, status, permissions).
  const { query, raw } = await associationQuery(strapi, relation.target, args, context, info);
  const where = (query.where ?? {}) as DbQuery;
  if (raw) {
    // Raw SQL conditions (publicationFilter) do not serialise into a batch key.
    const counted = (await strapi.db
      .query(relation.uid)
      .load({ id: parentId }, relation.attributeName, { where, count: true } as never)) as {
      count?: number;
    } | null;
    return counted?.count ?? 0;
  }
  return countLoader(strapi, context, relation, where).load(parentId);
}

/** The `pageInfo` resolver of a relation collection type. */
export function relationPageInfoResolver(strapi: Core.Strapi) {
  return async (
    collection: PagedCollection,
    _args: unknown,
    context: { state?: { auth?: unknown } },
    info: GraphQLResolveInfo
  ): Promise<PageInfo> => {
    const { start, limit } = collection.info?.args ?? {};
    let total = collection.total ?? (await collection.counting);
    if (total === undefined) {
      total = collection.page
        ? await relationTotal(strapi, collection.page, context, info)
        : (collection.nodes?.length ?? 0);
    }
    return pageInfoOf(total, start, limit);
  };
}

/** Whether the field of `info` selects `name` (directly or through fragments). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * The resolver middleware of a `…_connection` relation field: passes the parent and the field's
 * arguments on to `pageInfo`. When the query asks for `pageInfo`, the count starts here, before
 * the relation is read: the fields of all parents start together, while their relations arrive
 * one by one (one read per parent, on a database driver with real I/O each in its own turn), so
 * a count started from `pageInfo` would no longer be batched.
 *
 * @param underFallback whether ./fallback-relations.ts resolves the field under `fallbackLocale`
 *   (its collection then carries the total)
 */
export function relationPageMiddleware(
  strapi: Core.Strapi,
  relation: ToManyRelation,
  underFallback: boolean
) {
  return async (
    next: (...params: unknown[]) => unknown,
    parent: unknown,
    args: Record<string, unknown>,
    context: { state?: { auth?: unknown } },
    info: GraphQLResolveInfo
  ): Promise<unknown> => {
    const parentId = (parent as { id?: unknown } | null)?.id;
    const page =
      typeof parentId === 'number' || typeof parentId === 'string'
        ? { relation, parentId, args }
        : undefined;
    let counting: Promise<number> | undefined;
    if (
      page &&
      selects(info, 'pageInfo') &&
      !(underFallback && (await fallbackRequest(strapi, context, info)))
    ) {
      counting = relationTotal(strapi, page, context, info);
      // Awaited by pageInfo; a failure of the relation read must not leave it unhandled.
      counting.catch(() => undefined);
    }
    const collection = (await next(parent, args, context, info)) as PagedCollection | null;
    if (!collection || !page) return collection;
    return { ...collection, page, counting };
  };
}
