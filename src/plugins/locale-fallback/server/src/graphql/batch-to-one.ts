/**
 * Batches GraphQL to-one relations between the app's content types. Stock Strapi resolves each
 * relation with one query per parent (`db.query(uid).load(parent, field)`): a list of 100 entries
 * with two to-one relations costs 200 extra queries. Here every parent of one request asks a
 * per-request DataLoader, which loads the relation for all of them in one `findMany` with the same
 * populate query `load` would use (`associationQuery` in ../internals.ts, a fenced fork of the
 * GraphQL plugin's association resolver), so sanitisation, permissions and the draft/published
 * status inherited from the root query are unchanged. To-many relations: ./batch-to-many.ts.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Core, Struct, UID } from '@strapi/strapi';
import { graphql, type DbQuery } from '../internals';
import { requestAssociationQuery } from './association-query';
import { batchScheduleFn, requestLoader } from './loaders';
import { markPreloaded, NOT_PRELOADED, preloaded, registerPreloadable } from './preload';
import { relationsAmong } from './relations';

interface Parent {
  id: number;
}

function toOneLoader(
  strapi: Core.Strapi,
  context: object,
  uid: UID.ContentType,
  attributeName: string,
  populate: DbQuery,
  key: string
): DataLoader<number, unknown> {
  return requestLoader(
    context,
    key,
    () =>
      new DataLoader<number, unknown>(
        async (ids) => {
          const rows = (await strapi.db.query(uid).findMany({
            select: ['id'],
            where: { id: { $in: [...new Set(ids)] } },
            populate: { [attributeName]: Object.keys(populate).length > 0 ? populate : true },
          })) as Array<Record<string, unknown>>;
          const byId = new Map(rows.map((row) => [row.id as number, row[attributeName] ?? null]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { batchScheduleFn, cache: true }
      )
  );
}

function batchedToOneResolver(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  attributeName: string,
  target: UID.ContentType
) {
  const resolveByLoader = async (
    parent: Parent,
    args: Record<string, unknown>,
    context: { state?: { auth?: unknown } },
    info: GraphQLResolveInfo
  ): Promise<unknown> => {
    const { query, raw, populate, preloads, loaderKey } = await requestAssociationQuery(
      strapi,
      target,
      args,
      context,
      info
    );
    // Raw SQL conditions do not serialise into a batch key: keep the stock per-parent load.
    if (raw) return strapi.db.query(uid).load(parent, attributeName, query);
    // `populate` is the query without the default page transformArgs adds (limit 25) even for a
    // to-one field: harmless for one parent, wrong for a batch, where the limit would apply
    // across all parents. A to-one relation holds at most one entity per parent.
    // The stock field unwraps `toEntityResponse(data).value`: the entity itself is the answer.
    const key = loaderKey('batch', uid, attributeName);
    const entity = await toOneLoader(strapi, context, uid, attributeName, populate, key).load(
      parent.id
    );
    markPreloaded(entity, preloads);
    return entity;
  };
  // Not an async function: when the batch that read the parent read this relation along
  // (./preload.ts), the answer is a value, and graphql-js completes it without a promise.
  return (
    parent: Parent,
    args: Record<string, unknown>,
    context: { state?: { auth?: unknown } },
    info: GraphQLResolveInfo
  ): unknown => {
    const value = preloaded(parent, info);
    return value === NOT_PRELOADED ? resolveByLoader(parent, args, context, info) : value;
  };
}

/**
 * Resolvers for every to-one relation between `contentTypes` (the app's `api::` types), by
 * GraphQL type and field name. With `lookAhead`, the batches of their parents read them along
 * when selected (./preload.ts), and `lookAhead.verifyAhead` starts the field's auth check then.
 */
export function batchedToOneResolvers(
  strapi: Core.Strapi,
  contentTypes: readonly Struct.ContentTypeSchema[],
  lookAhead: { verifyAhead(context: object, typeName: string, fieldName: string): void } | null
): Record<string, Record<string, unknown>> {
  const { naming } = graphql(strapi);
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const { contentType, attributeName: name, kind, target } of relationsAmong(contentTypes)) {
    if (kind !== 'oneToOne' && kind !== 'manyToOne') continue;
    const typeName = naming.getTypeName(contentType);
    resolvers[typeName] ??= {};
    if (lookAhead) {
      registerPreloadable(strapi, contentType.uid as UID.ContentType, name, {
        target,
        readingAlong: (context) => lookAhead.verifyAhead(context, typeName, name),
      });
    }
    resolvers[typeName][name] = batchedToOneResolver(
      strapi,
      contentType.uid as UID.ContentType,
      name,
      target
    );
  }
  return resolvers;
}
