/**
 * The association query of a relation field (`associationQuery` in ../internals.ts), built once
 * per request, target, arguments and root query instead of once per parent. Stock Strapi
 * validates and sanitises the field's arguments for every parent: a list of 100 cities with two
 * to-one relations ran 200 identical validations and sanitisations per request. What it depends
 * on is all in the key: the field's target and arguments, and the root query of the branch
 * (status and `publicationFilter` are inherited from it; the caller's auth is the request's).
 */
import stableStringify from 'fast-json-stable-stringify';
import type { GraphQLResolveInfo } from 'graphql';
import type { Core, UID } from '@strapi/strapi';
import { associationQuery } from '../internals';

type AssociationQuery = Awaited<ReturnType<typeof associationQuery>>;

const perRequest = new WeakMap<object, Map<string, Promise<AssociationQuery>>>();

/**
 * The shared result must not be mutated by its users (copy before changing it).
 */
export function requestAssociationQuery(
  strapi: Core.Strapi,
  target: UID.ContentType,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo
): Promise<AssociationQuery> {
  let rootPath = info.path;
  while (rootPath.prev) rootPath = rootPath.prev;
  const key = `${target}\u0000${String(rootPath.key)}\u0000${stableStringify(args)}`;
  let queries = perRequest.get(context);
  if (!queries) {
    queries = new Map();
    perRequest.set(context, queries);
  }
  let query = queries.get(key);
  if (!query) {
    query = associationQuery(strapi, target, args, context, info);
    queries.set(key, query);
  }
  return query;
}
