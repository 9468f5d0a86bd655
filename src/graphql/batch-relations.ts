/**
 * Batches GraphQL to-one relations (City.creativeField, City.country, …). Stock Strapi resolves
 * each relation with one query per parent (`db.query(uid).load(parent, field)`): a list of 100
 * cities with two relations costs 200 extra queries. Here every parent of one request asks a
 * per-request DataLoader, which loads the relation for all of them in one `findMany` with the same
 * populate query `load` would use. The query is built exactly as in the plugin's association
 * resolver (@strapi/plugin-graphql services/builders/resolvers/association), so sanitisation,
 * permissions and the draft/published status inherited from the root query are unchanged.
 * To-many relations keep the stock resolver: their per-parent pagination cannot be batched into
 * one populate.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { merge, omit } from 'lodash/fp';
import type { Core, Schema, UID } from '@strapi/strapi';
import { buildPublicationFilterWhere, contentTypes, parsePublicationFilter } from '@strapi/utils';
import { stableStringify } from '../lib/response-cache/key';
import { graphqlServices, type DbQuery, type GraphQLServices } from './services';

interface RootQueryArgs {
  _originField?: string;
  status?: string;
  publicationFilter?: string;
  hasPublishedVersion?: boolean;
}

interface ResolverContext {
  state: { auth?: unknown };
  rootQueryArgsByPath?: Map<string | number, RootQueryArgs>;
}

interface Parent {
  id: number;
}

/** The attribute fields we look at; morph relations have no `target` and are skipped. */
interface RelationLike {
  type: string;
  relation?: string;
  target?: UID.ContentType;
}

/** One loader per request, relation and query: the key is where the batching happens. */
const loaders = new WeakMap<object, Map<string, DataLoader<number, unknown>>>();

function loaderFor(
  strapi: Core.Strapi,
  context: object,
  key: string,
  uid: UID.Schema,
  attributeName: string,
  populate: DbQuery
): DataLoader<number, unknown> {
  let perRequest = loaders.get(context);
  if (!perRequest) {
    perRequest = new Map();
    loaders.set(context, perRequest);
  }
  let loader = perRequest.get(key);
  if (!loader) {
    loader = new DataLoader<number, unknown>(
      async (ids) => {
        const rows = (await strapi.db.query(uid).findMany({
          select: ['id'],
          where: { id: { $in: [...new Set(ids)] } },
          populate: { [attributeName]: Object.keys(populate).length > 0 ? populate : true },
        })) as Array<Record<string, unknown>>;
        const byId = new Map(rows.map((row) => [row.id as number, row[attributeName] ?? null]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      // setImmediate, not the default next tick: every sibling resolver finishes its (async but
      // I/O-free) validation first, so one page of parents becomes one batch.
      { batchScheduleFn: (callback) => setImmediate(callback), cache: true }
    );
    perRequest.set(key, loader);
  }
  return loader;
}

function buildToOneResolver(
  strapi: Core.Strapi,
  services: GraphQLServices,
  contentTypeUID: UID.ContentType,
  attributeName: string,
  targetUID: UID.ContentType
) {
  const targetContentType = strapi.getModel(targetUID) as Schema.ContentType;
  const isTargetDraftAndPublish = contentTypes.hasDraftAndPublish(targetContentType);

  return async (
    parent: Parent,
    args: Record<string, unknown>,
    context: ResolverContext,
    info: GraphQLResolveInfo
  ): Promise<unknown> => {
    const { auth } = context.state;
    const transformedArgs = services.transformArgs(args, {
      contentType: targetContentType,
      usePagination: true,
    });
    await strapi.contentAPI.validate.query(transformedArgs, targetContentType, { auth });
    const sanitizedQuery = await strapi.contentAPI.sanitize.query(
      transformedArgs,
      targetContentType,
      {
        auth,
      }
    );
    const transformedQuery = strapi
      .get('query-params')
      .transform(targetUID, sanitizedQuery) as DbQuery;

    // Nested relations follow the status of the built-in root query of their branch.
    let rootPath = info.path;
    while (rootPath.prev) rootPath = rootPath.prev;
    const rootArgs = context.rootQueryArgsByPath?.get(rootPath.key);
    const fromBuiltIn = Boolean(
      rootArgs?._originField && services.isBuiltInQueryField(rootArgs._originField)
    );
    const inheritedStatus = fromBuiltIn ? rootArgs?.status || 'published' : null;
    const status = (args.status as string | undefined) || inheritedStatus;
    const defaultFilters =
      isTargetDraftAndPublish && status
        ? { where: { publishedAt: status === 'published' ? { $notNull: true } : { $null: true } } }
        : {};

    let publicationFilter = fromBuiltIn ? rootArgs?.publicationFilter : undefined;
    if (
      publicationFilter === undefined &&
      fromBuiltIn &&
      rootArgs?.hasPublishedVersion !== undefined
    ) {
      publicationFilter = rootArgs.hasPublishedVersion
        ? 'has-published-version-document'
        : 'never-published-document';
    }
    let publicationFilterWhere: DbQuery = {};
    if (isTargetDraftAndPublish && publicationFilter !== undefined) {
      let mode;
      try {
        mode = parsePublicationFilter(publicationFilter);
      } catch {
        mode = undefined;
      }
      if (mode !== undefined) {
        const condition = buildPublicationFilterWhere(
          strapi.db.connection,
          strapi.db.metadata.get(targetUID),
          targetContentType,
          mode,
          status === 'published' ? 'published' : 'draft'
        );
        if (condition && Object.keys(condition).length > 0)
          publicationFilterWhere = { where: condition };
      }
    }
    const dbQuery = merge(
      merge(defaultFilters, publicationFilterWhere),
      transformedQuery
    ) as DbQuery;

    let data: unknown;
    if (Object.keys(publicationFilterWhere).length > 0) {
      // Raw SQL conditions do not serialise into a batch key: keep the stock per-parent load.
      data = await strapi.db.query(contentTypeUID).load(parent, attributeName, dbQuery);
    } else {
      // transformArgs adds the default page (limit 25) even for a to-one field. Harmless for one
      // parent, wrong for a batch: the limit would apply across all parents. A to-one relation
      // holds at most one entity per parent, so paging has nothing to do here.
      const populate = omit(['limit', 'offset'], dbQuery) as DbQuery;
      const key = `${contentTypeUID}.${attributeName}:${stableStringify(populate)}`;
      data = await loaderFor(strapi, context, key, contentTypeUID, attributeName, populate).load(
        parent.id
      );
    }
    // The stock field unwraps `toEntityResponse(data).value`: the entity itself is the answer.
    return data;
  };
}

/** Register phase: replace the resolvers of every to-one relation of the app's content types. */
export function registerGraphQLBatching(strapi: Core.Strapi): void {
  if (!strapi.plugin('graphql')) return;
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const services = graphqlServices(strapi);
      const resolvers: Record<string, Record<string, unknown>> = {};
      for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
        if (!uid.startsWith('api::')) continue;
        const attributes = contentType.attributes as Record<string, RelationLike>;
        for (const [name, { type, relation, target }] of Object.entries(attributes)) {
          // Only relations to the app's own types: admin-user relations (createdBy) are not exposed.
          if (type !== 'relation' || !target?.startsWith('api::')) continue;
          if (relation !== 'oneToOne' && relation !== 'manyToOne') continue;
          const typeName = services.getTypeName(contentType);
          resolvers[typeName] ??= {};
          resolvers[typeName][name] = buildToOneResolver(
            strapi,
            services,
            uid as UID.ContentType,
            name,
            target
          );
        }
      }
      return { resolvers };
    });
}
