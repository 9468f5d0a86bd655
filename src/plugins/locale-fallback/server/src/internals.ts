/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. tests/host/internals.contract.test.ts checks each adapter against the plugin host
 * and names the API that changed, so an upgrade of Strapi fails there first.
 *
 * Public APIs are used directly elsewhere: `strapi.documents` (+ `.use`), `strapi.db.query`,
 * `strapi.db.lifecycles.subscribe`, `strapi.contentAPI.{addQueryParams,validate,sanitize}`,
 * `strapi.server.api('content-api').use`, the GraphQL plugin's `extension` service (nexus
 * plugins, types, resolvers, resolversConfig) and its `apolloServer` config, Apollo plugin hooks
 * (`serverWillStart` with the schema), nexus plugin hooks (`onAfterBuild`).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Knex } from 'knex';
import type { Core, Schema, Struct, UID } from '@strapi/strapi';
import { getOr, merge } from 'lodash/fp';
import { buildPublicationFilterWhere, contentTypes, parsePublicationFilter } from '@strapi/utils';

export type DbQuery = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// i18n plugin: locales service and content-types service
// ---------------------------------------------------------------------------------------------

interface LocaleRecord {
  code: string;
}

/** `strapi.plugin('i18n').service('locales')` and `…service('content-types')`. */
export interface I18nAdapter {
  /** Every locale that exists (`locales.find()`). */
  findLocaleCodes(): Promise<string[]>;
  /** The default locale code (`locales.getDefaultLocale()`, a core-store read). */
  getDefaultLocale(): Promise<string>;
  /** Whether a content type is localized (`content-types.isLocalizedContentType`). */
  isLocalizedContentType(contentType: Struct.ContentTypeSchema): boolean;
}

export function i18n(strapi: Core.Strapi): I18nAdapter {
  const plugin = strapi.plugin('i18n');
  return {
    async findLocaleCodes() {
      const locales = (await plugin.service('locales').find()) as LocaleRecord[];
      return locales.map((locale) => locale.code);
    },
    async getDefaultLocale() {
      return (await plugin.service('locales').getDefaultLocale()) as string;
    },
    isLocalizedContentType(contentType) {
      return plugin.service('content-types').isLocalizedContentType(contentType) as boolean;
    },
  };
}

/** The i18n plugin's content type of locales, whose writes change the locale list. */
export const I18N_LOCALE_MODEL = 'plugin::i18n.locale';
/** Where the i18n plugin keeps the default locale (a row of the core store). */
export const CORE_STORE_MODEL = 'strapi::core-store';

// ---------------------------------------------------------------------------------------------
// GraphQL plugin services
// ---------------------------------------------------------------------------------------------

/** `strapi.plugin('graphql').service('utils').naming` (the part used here). */
export interface GraphQLNaming {
  getTypeName(contentType: Struct.ContentTypeSchema): string;
  getFindQueryName(contentType: Struct.ContentTypeSchema): string;
  getFindConnectionQueryName(contentType: Struct.ContentTypeSchema): string;
  getFindOneQueryName(contentType: Struct.ContentTypeSchema): string;
  getRelationResponseCollectionName(contentType: Struct.ContentTypeSchema): string;
}

export interface GraphQLAdapter {
  /** `builders.utils.transformArgs`: field arguments (filters, sort, pagination) → a query. */
  transformArgs(
    args: unknown,
    options: { contentType: Schema.ContentType; usePagination: boolean }
  ): DbQuery;
  /** `content-api.isBuiltInQueryField`: whether a root field is a generated query. */
  isBuiltInQueryField(fieldName: string): boolean;
  /** `utils.naming`: the generated type and query names. */
  naming: GraphQLNaming;
}

export function graphql(strapi: Core.Strapi): GraphQLAdapter {
  const plugin = strapi.plugin('graphql');
  const builders = plugin.service('builders') as { utils: Pick<GraphQLAdapter, 'transformArgs'> };
  const contentApi = plugin.service('content-api') as Pick<GraphQLAdapter, 'isBuiltInQueryField'>;
  const utils = plugin.service('utils') as { naming: GraphQLNaming };
  return {
    transformArgs: (args, options) => builders.utils.transformArgs(args, options),
    isBuiltInQueryField: (fieldName) => contentApi.isBuiltInQueryField(fieldName),
    naming: utils.naming,
  };
}

/** The arguments of a root query field as the GraphQL plugin records them per request. */
export interface RootQueryArgs {
  _originField?: string;
  locale?: unknown;
  fallbackLocale?: unknown;
  status?: unknown;
  publicationFilter?: string;
  hasPublishedVersion?: boolean;
}

/**
 * The arguments of the root query field whose branch `info` belongs to, from
 * `context.rootQueryArgsByPath`: the GraphQL plugin records them there (an Apollo plugin of its
 * own, strapi/strapi#23524) because nested resolvers have no other way to see them.
 */
export function rootQueryArgs(
  context: object,
  info: GraphQLResolveInfo
): RootQueryArgs | undefined {
  let rootPath = info.path;
  while (rootPath.prev) rootPath = rootPath.prev;
  const byPath = (context as { rootQueryArgsByPath?: Map<string | number, RootQueryArgs> })
    .rootQueryArgsByPath;
  return byPath?.get(rootPath.key);
}

// ---------------------------------------------------------------------------------------------
// GraphQL plugin: the wrapper wrapResolvers puts around every field
// ---------------------------------------------------------------------------------------------

/** The merged `resolversConfig` of every GraphQL extension (`extension.generate()`). */
export type ResolversConfig = Record<string, unknown>;

/**
 * Follows the GraphQL extension service's `generate()`, which merges every extension's
 * configuration (`resolversConfig` included: auth, middlewares and policies per `Type.field`).
 * The content API calls it while it builds the schema, the last time right before
 * `wrapResolvers` wraps the fields with the result; the merged configuration is not handed out
 * any other way. Call in the register phase (the schema is built at the GraphQL plugin's
 * bootstrap). Returns the configuration of the last `generate()`, undefined before the first.
 */
export function trackResolversConfig(strapi: Core.Strapi): () => ResolversConfig | undefined {
  const extension = strapi.plugin('graphql').service('extension') as {
    generate: (...params: unknown[]) => { resolversConfig?: ResolversConfig };
  };
  const generate = extension.generate;
  let last: ResolversConfig | undefined;
  extension.generate = function (this: unknown, ...params: unknown[]) {
    const result = generate.apply(this, params);
    last = result.resolversConfig ?? {};
    return result;
  };
  return () => last;
}

/** A field middleware of `resolversConfig`, as the wrapper calls it (`next` first). */
export type FieldMiddleware = (
  next: (...params: unknown[]) => unknown,
  parent: unknown,
  args: unknown,
  context: unknown,
  info: unknown
) => unknown;

/**
 * What the GraphQL plugin's `wrapResolvers` (services/content-api/wrap-resolvers.ts) does around
 * the resolver of `typeName.fieldName`, read from the merged configuration exactly as it reads it
 * (`getOr({}, 'Type.field', resolversConfig)`). Checked against 5.54.0, whose wrapper (1) calls
 * `strapi.auth.verify(context.state.auth, config.auth)` on the root types, or on any type when
 * the field has an `auth` config that is not `false` (a failure becomes a `ForbiddenError`),
 * (2) runs the field's `middlewares` in order, each with the next as its first argument,
 * (3) its `policies` (with a policy context built per call), (4) the field's own resolver (a
 * property read when it has none), and returns a promise.
 *
 * - `plain`: no policies, and the middlewares are functions: the wrapper is (1) when `auth` is
 *   set, (2) with `middlewares`, and (4);
 * - `other`: policies, middlewares given by name, or a root type: the wrapper is needed as it is.
 */
export type FieldWrapper =
  { kind: 'plain'; auth?: unknown; middlewares: FieldMiddleware[] } | { kind: 'other' };

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export function fieldWrapper(
  resolversConfig: ResolversConfig,
  typeName: string,
  fieldName: string
): FieldWrapper {
  if (ROOT_TYPES.has(typeName)) return { kind: 'other' };
  const config = getOr({}, `${typeName}.${fieldName}`, resolversConfig) as {
    auth?: unknown;
    middlewares?: unknown;
    policies?: unknown;
  };
  const { auth, middlewares = [], policies = [] } = config;
  if (!Array.isArray(policies) || policies.length > 0) return { kind: 'other' };
  if (
    !Array.isArray(middlewares) ||
    !middlewares.every((middleware) => typeof middleware === 'function')
  )
    return { kind: 'other' };
  const verified = auth !== undefined && auth !== null && auth !== false;
  return {
    kind: 'plain',
    ...(verified ? { auth } : {}),
    middlewares: middlewares as FieldMiddleware[],
  };
}

/** `strapi.auth.verify`: the content API's check of an auth config (a scope) for a caller. */
export function verifyAuth(strapi: Core.Strapi, auth: unknown, config: unknown): Promise<void> {
  return strapi.auth.verify(auth as never, config as never) as Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Database: query-params transform, metadata and raw knex
// ---------------------------------------------------------------------------------------------

/** `strapi.get('query-params').transform`: a sanitised content-API query → a db.query query. */
export function transformQueryParams(
  strapi: Core.Strapi,
  uid: UID.Schema,
  query: unknown
): DbQuery {
  return strapi.get('query-params').transform(uid, query) as DbQuery;
}

interface ColumnAttribute {
  columnName?: string;
}

/** A content type's table for raw knex queries (`strapi.db.metadata`, `getSchemaName`). */
export interface RawTable {
  /** `schema.table as alias`, for `from()`. */
  as(alias: string): string;
  /** The column name of an attribute. */
  column(attribute: string): string;
}

export function rawTable(strapi: Core.Strapi, uid: UID.Schema): RawTable {
  const meta = strapi.db.metadata.get(uid);
  const schema = strapi.db.getSchemaName() as string | undefined;
  return {
    as: (alias) => `${schema ? `${schema}.` : ''}${meta.tableName} as ${alias}`,
    column: (attribute) =>
      (meta.attributes[attribute] as ColumnAttribute | undefined)?.columnName ?? attribute,
  };
}

/**
 * Runs a raw knex query on the connection, or inside the transaction of the current request
 * when there is one (a read after a write of the same request then sees the write).
 */
export function withKnex<T>(
  strapi: Core.Strapi,
  run: (knex: Knex | Knex.Transaction) => Promise<T>
): Promise<T> {
  if (strapi.db.inTransaction()) {
    return strapi.db.transaction(({ trx }) => run(trx)) as unknown as Promise<T>;
  }
  return run(strapi.db.connection);
}

/** A condition on the rows of a query-engine read, in its `where` syntax. */
export type ReadRestriction = (uid: string) => DbQuery | undefined;

/**
 * Adds `restrict(uid)` (when it returns a condition) to the `where` of every query-engine
 * `findMany` and `count`, through the `beforeFindMany` / `beforeCount` database lifecycles:
 * their event's `params` is the query the entity manager runs next (after the document service
 * turned its params into `where`, `select`, `orderBy`, …), so a condition merged into its
 * `where` restricts the rows read, counted and paged. Lifecycles are public, what their `params`
 * hold and that a change to them is used is not documented.
 */
export function restrictReadQueries(strapi: Core.Strapi, restrict: ReadRestriction): void {
  const apply = (event: { model: { uid: string }; params?: { where?: unknown } }): void => {
    const condition = restrict(event.model.uid);
    if (!condition || !event.params) return;
    const { where } = event.params;
    const isEmpty = !where || (typeof where === 'object' && Object.keys(where).length === 0);
    event.params.where = isEmpty ? condition : { $and: [where, condition] };
  };
  strapi.db.lifecycles.subscribe({
    beforeFindMany: apply as never,
    beforeCount: apply as never,
  });
}

/**
 * `{ [attribute]: { $notIn: <subquery> } }`: the query engine's `where` takes a knex query as the
 * operand of `$in` / `$notIn` and compiles it into the statement (Strapi's own
 * `publicationFilter` conditions rely on it for `$in`; not documented).
 */
export function notInSubquery(attribute: string, subquery: Knex.QueryBuilder): DbQuery {
  return { [attribute]: { $notIn: subquery } };
}

/**
 * The `where` condition of a GraphQL `publicationFilter` argument, built as the GraphQL plugin's
 * association resolver builds it (raw SQL on `db.metadata`). Empty when there is none.
 */
export function publicationFilterCondition(
  strapi: Core.Strapi,
  target: UID.ContentType,
  publicationFilter: string,
  status: 'published' | 'draft'
): DbQuery {
  let mode;
  try {
    mode = parsePublicationFilter(publicationFilter);
  } catch {
    return {};
  }
  if (mode === undefined) return {};
  const condition = buildPublicationFilterWhere(
    strapi.db.connection,
    strapi.db.metadata.get(target),
    strapi.getModel(target) as Schema.ContentType,
    mode,
    status
  ) as DbQuery | undefined;
  return condition && Object.keys(condition).length > 0 ? condition : {};
}

// ---------------------------------------------------------------------------------------------
// Forked association resolver (to-one and to-many relations)
// ---------------------------------------------------------------------------------------------

/**
 * The database query the GraphQL plugin's association resolver
 * (@strapi/plugin-graphql server/src/services/builders/resolvers/association.ts) runs for a
 * relation field: arguments transformed, validated and sanitised for the caller, the
 * draft/published status and `publicationFilter` inherited from the root query of the branch.
 *
 * A fork, and it stays one: the plugin offers no public way to batch relation reads. Its
 * resolver calls `db.query(uid).load(parent, field, query)` once per parent and returns the
 * entity; a `resolversConfig` middleware can only wrap that call, not fold the calls of sibling
 * parents into one read. Batching needs the query itself, so it is rebuilt here exactly as the
 * plugin builds it (checked against 5.54.0; the contract test and the GraphQL relation tests
 * compare with stock results).
 *
 * @returns the query, whether it holds raw SQL conditions (then it cannot be batched), and the
 *   sanitised arguments (what the stock resolver hands on as `info.args` of a collection)
 */
export async function associationQuery(
  strapi: Core.Strapi,
  target: UID.ContentType,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo
): Promise<{ query: DbQuery; raw: boolean; args: DbQuery }> {
  const contentType = strapi.getModel(target) as Schema.ContentType;
  const auth = context.state?.auth;
  const transformed = graphql(strapi).transformArgs(args, { contentType, usePagination: true });
  await strapi.contentAPI.validate.query(transformed, contentType, { auth } as never);
  const sanitized = await strapi.contentAPI.sanitize.query(transformed, contentType, {
    auth,
  } as never);
  const query = transformQueryParams(strapi, target, sanitized);

  // Nested relations follow the status of the built-in root query of their branch.
  const root = rootQueryArgs(context, info);
  const fromBuiltIn = Boolean(
    root?._originField && graphql(strapi).isBuiltInQueryField(root._originField)
  );
  const inheritedStatus = fromBuiltIn ? (root?.status as string | undefined) || 'published' : null;
  const status = (args.status as string | undefined) || inheritedStatus;
  const draftAndPublish = contentTypes.hasDraftAndPublish(contentType);
  const where: DbQuery[] = [];
  if (draftAndPublish && status) {
    where.push({ publishedAt: status === 'published' ? { $notNull: true } : { $null: true } });
  }

  let publicationFilter = fromBuiltIn ? root?.publicationFilter : undefined;
  if (publicationFilter === undefined && fromBuiltIn && root?.hasPublishedVersion !== undefined) {
    publicationFilter = root.hasPublishedVersion
      ? 'has-published-version-document'
      : 'never-published-document';
  }
  let raw = false;
  if (draftAndPublish && publicationFilter !== undefined) {
    const condition = publicationFilterCondition(
      strapi,
      target,
      publicationFilter,
      status === 'published' ? 'published' : 'draft'
    );
    if (Object.keys(condition).length > 0) {
      where.push(condition);
      raw = true;
    }
  }
  const defaults = where.reduce<DbQuery>(
    (merged, condition) => merge(merged, { where: condition }),
    {}
  );
  return { query: merge(defaults, query) as DbQuery, raw, args: sanitized as DbQuery };
}

// ---------------------------------------------------------------------------------------------
// Documentation plugin
// ---------------------------------------------------------------------------------------------

type DocumentMutator = (draft: never) => void;

/**
 * Runs `mutate` on the OpenAPI document @strapi/plugin-documentation generates, after the host
 * app's own `x-strapi-config.mutateDocumentation` (if any). The plugin's public `override`
 * service cannot do this: an override replaces whole path items and component schemas, while
 * here parameters are added to the generated operations. The documentation service keeps the
 * config object it read at start and looks the hook up on it at each generation, so the hook is
 * set on that object in place.
 */
export function onOpenApiGeneration(strapi: Core.Strapi, mutate: DocumentMutator): void {
  const config = strapi.config.get('plugin::documentation') as
    { 'x-strapi-config'?: { mutateDocumentation?: DocumentMutator } } | undefined;
  if (!config) return;
  const hooks = (config['x-strapi-config'] ??= {});
  const own = hooks.mutateDocumentation;
  hooks.mutateDocumentation = (draft) => {
    own?.(draft);
    mutate(draft);
  };
}
