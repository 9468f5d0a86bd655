/**
 * Locale fallback for relations resolved by GraphQL. A root query with `fallbackLocale` serves
 * each document in `locale` or `fallbackLocale` (./fallback.ts); the relations of those documents
 * are resolved by GraphQL field resolvers, which read them in the locale of the parent version.
 * Here a resolver middleware on every relation field between localized types (to-one, to-many
 * and the `…_connection` variant) applies the same rule as REST's populate: each related
 * document in `locale` when it is published there, else in `fallbackLocale` (marked `fallback`),
 * at every depth of the query. Without `fallbackLocale` on the root query the middleware returns
 * the stock result untouched and runs no query.
 *
 * To-one relations are merged here (`mergeRelation` in ../lib/fallback.ts); to-many relations in
 * ./fallback-to-many.ts. The extra reads are batched per request and field with a DataLoader
 * (./loaders.ts): a fixed number of queries per relation field and batch, whatever the number of
 * parents.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Core, UID } from '@strapi/strapi';
import { asVersionList, mergeRelation, type LocaleVersion } from '../lib/fallback';
import { toManyLoader, type ToManyRelation } from './fallback-to-many';
import { batchScheduleFn, requestLoader } from './loaders';
import { fallbackRequest, fallbackRequestOf, statusWhere, type FallbackRequest } from './request';
import { relationsAmong } from './relations';
import { fillEmptyFields } from '../rest/fill-empty-fields';
import { takingValues } from './field-resolvers';

type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: object,
  info: GraphQLResolveInfo
) => unknown;

type RelationMiddleware = (
  next: Resolver,
  parent: unknown,
  args: Record<string, unknown>,
  context: object,
  info: GraphQLResolveInfo
) => unknown;

type RelationValue = LocaleVersion | LocaleVersion[] | null;

interface Item {
  parent: LocaleVersion;
  served: RelationValue;
}

const asList = asVersionList;

function toOneLoader(
  strapi: Core.Strapi,
  context: object,
  { uid, attributeName, target }: ToManyRelation,
  request: FallbackRequest
): DataLoader<Item, RelationValue> {
  const { locale, chain, status } = request;
  const [fallbackLocale] = chain;
  const key = `one:${uid}.${attributeName}:${locale}:${chain.join(',')}:${status}`;
  return requestLoader(
    context,
    key,
    () =>
      new DataLoader<Item, RelationValue>(
        async (items) => {
          // The relation on the fallback version of parents served in `locale` that have none: a
          // related document without a `locale` version can only be linked there. (A parent that
          // has one keeps it; when everything is translated that is every parent: nothing is read.)
          const servedInLocale = [
            ...new Set(
              items
                .filter(({ parent, served }) => parent.locale === locale && !served)
                .map((item) => item.parent.documentId)
            ),
          ];
          const ofFallback = new Map<string, unknown>();
          if (servedInLocale.length > 0) {
            const rows = (await strapi.db.query(uid).findMany({
              select: ['id', 'documentId'],
              where: {
                documentId: { $in: servedInLocale },
                locale: fallbackLocale,
                ...statusWhere(status),
              },
              // A to-one field takes no arguments: only the status narrows the relation.
              populate: { [attributeName]: { where: statusWhere(status) } },
            })) as LocaleVersion[];
            rows.forEach((row) => ofFallback.set(row.documentId, row[attributeName] ?? null));
          }

          // The `locale` versions are needed of related documents served in another locale.
          const related = new Set<string>();
          for (const { parent, served } of items) {
            asList(served)
              .filter((version) => version.locale !== locale)
              .forEach((version) => related.add(version.documentId));
            asList(ofFallback.get(parent.documentId)).forEach((v) => related.add(v.documentId));
          }
          const inLocale = new Map<string, LocaleVersion>();
          if (related.size > 0) {
            const rows = (await strapi.db.query(target).findMany({
              where: { documentId: { $in: [...related] }, locale, ...statusWhere(status) },
            })) as LocaleVersion[];
            rows.forEach((row) => inLocale.set(row.documentId, row));
          }
          // With a longer chain: related documents without a `locale` version, served in a later
          // chain locale than the first that has them, move up (one query per chain locale).
          const earlier = new Map<string, LocaleVersion>();
          const servedIn = new Map<string, string>();
          for (const { parent, served } of items) {
            for (const version of [
              ...asList(served),
              ...asList(ofFallback.get(parent.documentId) as RelationValue),
            ]) {
              if (version.locale !== locale && !inLocale.has(version.documentId)) {
                servedIn.set(version.documentId, String(version.locale));
              }
            }
          }
          for (const [step, stepLocale] of chain.slice(0, -1).entries()) {
            const wanted = [...servedIn]
              .filter(([documentId, served]) => {
                const rank = chain.indexOf(served);
                return !earlier.has(documentId) && (rank < 0 || rank > step);
              })
              .map(([documentId]) => documentId);
            if (wanted.length === 0) continue;
            const rows = (await strapi.db.query(target).findMany({
              where: { documentId: { $in: wanted }, locale: stepLocale, ...statusWhere(status) },
            })) as LocaleVersion[];
            rows.forEach((row) => earlier.set(row.documentId, row));
          }

          const merged = items.map(({ parent, served }) =>
            mergeRelation(
              served,
              parent.locale === locale
                ? ((ofFallback.get(parent.documentId) ?? null) as RelationValue)
                : undefined,
              inLocale,
              locale,
              earlier
            )
          ) as RelationValue[];
          // Their empty translated fields down the chain, for all parents of the batch at once.
          await fillEmptyFields(strapi, target, merged.flatMap(asList), undefined, request);
          return merged;
        },
        { batchScheduleFn, cache: false }
      )
  );
}

/**
 * Resolver middlewares (`resolversConfig`) for the relation fields between localized content
 * types: `Type.relation` for to-one relations, `Type.relation` and `Type.relation_connection`
 * for to-many relations.
 *
 * @param typeName the GraphQL type name of a content type
 */
export function fallbackRelationResolversConfig(
  strapi: Core.Strapi,
  localized: readonly { uid: string; attributes: object }[],
  typeName: (uid: string) => string
): Record<string, { middlewares: RelationMiddleware[] }> {
  const config: Record<string, { middlewares: RelationMiddleware[] }> = {};
  for (const { contentType, attributeName, kind, target } of relationsAmong(localized)) {
    // `localizations` lists the other versions on purpose: never substituted.
    if (attributeName === 'localizations') continue;
    const relation = { uid: contentType.uid as UID.ContentType, attributeName, target };
    const field = `${typeName(relation.uid)}.${attributeName}`;

    if (!kind?.endsWith('Many')) {
      config[field] = {
        middlewares: [
          // It awaits `next` or passes its answer on: a preloaded value stays a value.
          takingValues<RelationMiddleware>((next, parent, args, context, info) => {
            // Without fallback (known once per root field) the stock answer, as it comes.
            if (fallbackRequestOf(strapi, context, info) === null)
              return next(parent, args, context, info);
            return (async () => {
              const served = await next(parent, args, context, info);
              const request = await fallbackRequest(strapi, context, info);
              const version = parent as LocaleVersion | null;
              if (!request || !version?.documentId) return served;
              return toOneLoader(strapi, context, relation, request).load({
                parent: version,
                served: (served ?? null) as RelationValue,
              });
            })();
          }),
        ],
      };
      continue;
    }

    // To-many: the stock per-parent read is not needed under fallback, so it does not run.
    const collection = async (
      parent: unknown,
      args: Record<string, unknown>,
      context: object,
      info: GraphQLResolveInfo
    ) => {
      const request = await fallbackRequest(strapi, context, info);
      const version = parent as LocaleVersion | null;
      if (!request || !version?.documentId) return null;
      return toManyLoader(strapi, context, relation, args, request).load(version);
    };
    config[field] = {
      middlewares: [
        (next, parent, args, context, info) =>
          fallbackRequestOf(strapi, context, info) === null
            ? next(parent, args, context, info)
            : (async () =>
                (await collection(parent, args, context, info))?.nodes ??
                next(parent, args, context, info))(),
      ],
    };
    config[`${field}_connection`] = {
      middlewares: [
        (next, parent, args, context, info) =>
          fallbackRequestOf(strapi, context, info) === null
            ? next(parent, args, context, info)
            : (async () =>
                (await collection(parent, args, context, info)) ??
                next(parent, args, context, info))(),
      ],
    };
  }
  return config;
}
