/**
 * Strapi's GraphQL plugin wraps the resolver of every field of every type (`wrapResolvers`): an
 * async function that checks auth, runs the field's middlewares and policies (building a policy
 * context on every call) and then the resolver. For a field without any of these, every scalar
 * field of a content type, the wrapper does nothing but turn a property read into a promise; for
 * a relation field whose only configuration is Strapi's own `auth: { scope: ['<target>.find'] }`
 * it verifies the same scope for every parent. `creativeFields { name cities { name country {
 * name } } }` ran about 1,600 such wrappers and 400 identical permission checks per request.
 *
 * Once, when the Apollo server starts (before any request), this puts back each field's own
 * resolver where the wrapper does nothing, the field's middlewares (functions, such as this
 * plugin's fallback relations) around it where it has some, and where the wrapper verifies auth
 * a check that runs once per request and auth config (the caller and its permissions do not
 * change within a request). Root types and fields with policies keep Strapi's wrapper.
 * What a field exposes is unchanged: the schema decides which fields exist (private attributes
 * are not in it), and no other code ran in the wrapper (`fieldWrapper` in ../internals.ts).
 */
import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import { fieldWrapper, verifyAuth, type FieldMiddleware, type ResolversConfig } from '../internals';

type Resolver = GraphQLFieldResolver<unknown, { state?: { auth?: unknown } }>;

/** The resolver of each field of the object types before Strapi wrapped it, by `Type.field`. */
type BaseResolvers = Map<string, Resolver>;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      type instanceof GraphQLObjectType && !type.name.startsWith('__') && !ROOT_TYPES.has(type.name)
  );
}

/**
 * What Strapi's wrapper calls for a field without a resolver (`fp.get(fieldName)`; a GraphQL
 * name is a plain key, no path). Fields built by nexus always have one (its default resolver).
 */
const property =
  (name: string): Resolver =>
  (parent) =>
    parent === null || parent === undefined ? undefined : (parent as Record<string, unknown>)[name];

/** Per request (context object) and auth config: whether the caller passed `verify`. */
const verified = new WeakMap<object, Map<string, Promise<boolean> | boolean>>();

/**
 * The caller's answer to `verify` for `auth` in this request (context object): true or false
 * once known, else the pending check, started here when it is the first.
 */
function verification(
  strapi: Core.Strapi,
  context: { state?: { auth?: unknown } },
  key: string,
  auth: unknown
): Promise<boolean> | boolean {
  let perRequest = verified.get(context);
  if (!perRequest) {
    perRequest = new Map();
    verified.set(context, perRequest);
  }
  const known = perRequest.get(key);
  if (known !== undefined) return known;
  const pending = verifyAuth(strapi, context.state?.auth, auth).then(
    () => true,
    () => false
  );
  perRequest.set(key, pending);
  const requestChecks = perRequest;
  pending.then((passed) => requestChecks.set(key, passed));
  return pending;
}

/**
 * Strapi's wrapper of an auth-only field, minus the repetition: the first parent of a request
 * verifies, the others reuse the answer (a new `ForbiddenError` for each field, like Strapi).
 */
function authOnce(strapi: Core.Strapi, auth: unknown, resolve: Resolver): Resolver {
  const key = JSON.stringify(auth);
  return (parent, args, context, info) => {
    const known = verification(strapi, context, key, auth);
    if (known === true) return resolve(parent, args, context, info);
    return Promise.resolve(known).then((passed) => {
      if (!passed) throw new errors.ForbiddenError();
      return resolve(parent, args, context, info);
    });
  };
}

/** Middlewares that take a value as well as a promise from `next` (they `await` it or pass it on). */
const takesValues = new WeakSet<object>();

/**
 * Marks `middleware` as one that does not need a promise from `next`: on a field whose
 * middlewares are all marked, a resolver that answers with a value (./preload.ts) is not turned
 * into a promise.
 */
export function takingValues<T extends object>(middleware: T): T {
  takesValues.add(middleware);
  return middleware;
}

/**
 * The field's middlewares around its resolver, in the order Strapi's wrapper runs them. The last
 * `next` returns a promise, as Strapi's (its policy step is an async function), unless every
 * middleware takes values (`takingValues`).
 */
function chain(middlewares: FieldMiddleware[], own: Resolver): Resolver {
  if (middlewares.length === 0) return own;
  const resolve: Resolver = middlewares.every((middleware) => takesValues.has(middleware))
    ? own
    : async (parent, args, context, info) => own(parent, args, context, info);
  return middlewares.reduceRight<Resolver>(
    (next, middleware) => (parent, args, context, info) =>
      middleware(next as (...params: unknown[]) => unknown, parent, args, context, info),
    resolve
  );
}

export interface PlainFieldResolvers {
  /** nexus `onAfterBuild`: records each field's resolver before Strapi wraps them. */
  recordBaseResolvers(schema: GraphQLSchema): void;
  /** An Apollo Server plugin that replaces the wrappers when the server starts. */
  apolloPlugin: { serverWillStart(service: { schema: GraphQLSchema }): Promise<void> };
  /**
   * Starts the auth check of `Type.field` for this request (context) now, when its wrapper was
   * replaced by one that checks once per request: a relation read along with its parents'
   * batch (./preload.ts) then finds the answer ready, and its resolvers answer with values.
   */
  verifyAhead(context: object, typeName: string, fieldName: string): void;
  /** Fields whose wrapper was replaced, and those that keep Strapi's (tests, logs). */
  counts(): { replaced: number; kept: number };
}

/**
 * `resolversConfig`: the merged configuration Strapi wrapped the fields with
 * (`trackResolversConfig` in ../internals.ts).
 */
export function plainFieldResolvers(
  strapi: Core.Strapi,
  resolversConfig: () => ResolversConfig | undefined
): PlainFieldResolvers {
  let base: BaseResolvers = new Map();
  /** The auth config of each replaced field that verifies, with its key, by `Type.field`. */
  const authOf = new Map<string, { auth: unknown; key: string }>();
  const counts = { replaced: 0, kept: 0 };
  return {
    recordBaseResolvers(schema) {
      base = new Map();
      for (const type of objectTypes(schema))
        for (const field of Object.values(type.getFields()))
          base.set(
            `${type.name}.${field.name}`,
            (field.resolve as Resolver) ?? property(field.name)
          );
    },
    apolloPlugin: {
      async serverWillStart({ schema }) {
        const config = resolversConfig();
        if (!config) return;
        counts.replaced = 0;
        counts.kept = 0;
        authOf.clear();
        for (const type of objectTypes(schema)) {
          for (const field of Object.values(type.getFields())) {
            const own = base.get(`${type.name}.${field.name}`);
            const wrapper = fieldWrapper(config, type.name, field.name);
            if (!own || wrapper.kind === 'other') {
              counts.kept += 1;
              continue;
            }
            const resolve = chain(wrapper.middlewares, own);
            field.resolve =
              wrapper.auth === undefined ? resolve : authOnce(strapi, wrapper.auth, resolve);
            if (wrapper.auth !== undefined) {
              authOf.set(`${type.name}.${field.name}`, {
                auth: wrapper.auth,
                key: JSON.stringify(wrapper.auth),
              });
            }
            counts.replaced += 1;
          }
        }
        strapi.log.debug(
          `[locale-fallback] GraphQL: ${counts.replaced} field wrappers replaced, ${counts.kept} kept`
        );
      },
    },
    verifyAhead(context, typeName, fieldName) {
      const field = authOf.get(`${typeName}.${fieldName}`);
      if (field) verification(strapi, context, field.key, field.auth);
    },
    counts: () => ({ ...counts }),
  };
}
