/**
 * Keyset (cursor) pagination of the GraphQL `_connection` queries, the same as REST's
 * `pagination[cursor]` (./middlewares/cursor-pagination.ts): `cities_connection(pagination: {
 * cursor: "", pageSize: 25 }, sort: "name") { nodes { … } pageInfo { pageSize nextCursor } }`,
 * then `cursor: <nextCursor>` until `nextCursor` is null. Same signed cursors (../lib/cursor.ts),
 * bound to the query (the field and every argument but the cursor), same rules for the sort, the
 * same one row more read instead of a count.
 *
 * The schema gets `PaginationArg.cursor` and `Pagination.nextCursor` (null on offset pages). A
 * field middleware of each collection type's `_connection` query rewrites the arguments into an
 * offset-0 page with the keyset filter and sort (so permissions, sanitising, locale fallback and
 * the response cache apply unchanged), and one of its `pageInfo` answers a cursor page with
 * `{ pageSize, nextCursor }` instead of counting. Bad cursors are refused before any resolver
 * runs (an Apollo plugin: HTTP 400, `BAD_USER_INPUT`), with the message REST gives, naming
 * `pagination.cursor`: malformed, expired, another query's, a cursor anywhere but on a root
 * `_connection` query, mixed with `page`/`start`/`limit`, or a page that asks for `total`, `page`
 * or `pageCount` (a cursor page does not count).
 */
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getVariableValues,
  visit,
  type ValueNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { addApolloServerPlugins, connectionNames, graphqlSettings, hasGraphQL } from './internals';
import {
  CursorError,
  afterFilter,
  decodeCursor,
  keysetSort,
  pageAndNextCursor,
  queryFingerprint,
  sortParam,
  type AttributeShape,
  type CursorNaming,
  type NullOrder,
  type SortKey,
} from './lib/cursor';
import { cursorSecret, nullOrder, withOneRowMore } from './middlewares/cursor-pagination';

export const GRAPHQL_CURSOR_PARAM = 'pagination.cursor';

const NAMING: CursorNaming = {
  param: GRAPHQL_CURSOR_PARAM,
  firstPage: 'pagination: { cursor: "" }',
};

/** The fields of `Pagination` a cursor page answers; the others need a count. */
const CURSOR_PAGE_FIELDS = new Set(['pageSize', 'nextCursor', '__typename']);

type Args = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Args =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a cursor page's `pageInfo` says. */
interface CursorPage {
  pageSize: number;
  nextCursor: string | null;
}

/** A cursor request, read from the field's arguments. */
interface CursorPlan {
  pageSize: number;
  sort: SortKey[];
  fingerprint: string;
  /** The last row's sort values from the cursor; null on the first page. */
  after: unknown[] | null;
}

/** The REST keyset filter (`$gt`, `$or`, …) in the GraphQL filter input's words (`gt`, `or`). */
function graphqlFilter(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(graphqlFilter);
  if (!isPlainObject(filter)) return filter;
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [
      key.startsWith('$') ? key.slice(1) : key,
      graphqlFilter(value),
    ])
  );
}

interface Settings {
  secret: string;
  nulls: NullOrder;
  defaultLimit: number;
  maxLimit: number;
}

/** Reads and checks a cursor request; throws a CursorError naming what is wrong. */
function planOf(
  strapi: Core.Strapi,
  settings: Settings,
  field: string,
  uid: string,
  args: Args,
  nowSeconds: number
): CursorPlan {
  const pagination = args.pagination as Args;
  for (const key of Object.keys(pagination)) {
    if (key === 'cursor' || key === 'pageSize' || pagination[key] == null) continue;
    throw new CursorError(
      `${GRAPHQL_CURSOR_PARAM} cannot be combined with pagination.${key}`,
      `pagination.${key}`
    );
  }
  const cursor = pagination.cursor;
  if (typeof cursor !== 'string')
    throw new CursorError(
      `${GRAPHQL_CURSOR_PARAM} must be the nextCursor of a previous page, or "" for the first page`,
      GRAPHQL_CURSOR_PARAM
    );
  const rawSize = pagination.pageSize;
  const pageSize = rawSize == null ? settings.defaultLimit : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new CursorError('pagination.pageSize must be a positive integer', 'pagination.pageSize');
  if (pageSize > settings.maxLimit)
    throw new CursorError(
      `pagination.pageSize must be at most ${settings.maxLimit}`,
      'pagination.pageSize'
    );
  const attributes = strapi.contentType(uid as UID.ContentType).attributes as unknown as Record<
    string,
    AttributeShape
  >;
  const sort = keysetSort(args.sort ?? undefined, attributes, GRAPHQL_CURSOR_PARAM);
  const rest = Object.fromEntries(
    Object.entries(args).filter(([key]) => key !== 'pagination' && key !== 'sort')
  );
  const fingerprint = queryFingerprint({
    graphql: field,
    ...rest,
    sort: sortParam(sort),
    pageSize,
  });
  const after =
    cursor === ''
      ? null
      : decodeCursor(cursor, settings.secret, fingerprint, sort.length, nowSeconds, NAMING).k;
  return { pageSize, sort, fingerprint, after };
}

/** The `Pagination` fields selected under `pageInfo` in `selections` (fragments followed). */
function pageInfoFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  underPageInfo: boolean,
  found: Set<string>
): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (underPageInfo) found.add(selection.name.value);
      else if (selection.name.value === 'pageInfo')
        pageInfoFields(selection.selectionSet, fragments, true, found);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      pageInfoFields(selection.selectionSet, fragments, underPageInfo, found);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) pageInfoFields(fragment.selectionSet, fragments, underPageInfo, found);
    }
  }
  return found;
}

/** The refusal of a cursor request as a GraphQL error with HTTP 400. */
const badInput = (error: CursorError): GraphQLError =>
  new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, param: error.param },
  });

/**
 * Checks every cursor of an operation before any resolver runs: where it is, what else the page
 * asks for, and the cursor itself.
 */
function checkOperation(
  strapi: Core.Strapi,
  settings: Settings,
  connections: Map<string, string>,
  {
    document,
    operation,
    schema,
    inputs,
  }: {
    document: DocumentNode;
    operation: OperationDefinitionNode;
    schema: GraphQLSchema;
    inputs: Args;
  }
): void {
  const queryType = schema.getQueryType();
  // The variables as the resolvers will see them (scalars parsed), for the same fingerprint.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) return; // graphql-js refuses the operation itself
  const variables = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const roots = new Set<FieldNode>();
  if (operation.operation === 'query')
    for (const selection of operation.selectionSet.selections)
      if (selection.kind === Kind.FIELD) roots.add(selection);
  const now = Math.floor(Date.now() / 1000);
  let refusal: CursorError | null = null;
  // The operation and the fragments it may spread (a cursor in a fragment is on no root field).
  const visitor = {
    Field(node: FieldNode) {
      if (refusal) return;
      const pagination = node.arguments?.find((argument) => argument.name.value === 'pagination');
      if (!pagination || !mentionsCursor(pagination.value, variables)) return;
      const uid = connections.get(node.name.value);
      const definition = queryType?.getFields()[node.name.value];
      if (!roots.has(node) || !uid || !definition) {
        refusal = new CursorError(
          `${GRAPHQL_CURSOR_PARAM} pages the root _connection queries of collection types (e.g. ${[...connections.keys()][0] ?? '<pluralName>_connection'}), not "${node.name.value}"`,
          GRAPHQL_CURSOR_PARAM
        );
        return;
      }
      const counted = [...pageInfoFields(node.selectionSet, fragments, false, new Set())].filter(
        (name) => !CURSOR_PAGE_FIELDS.has(name)
      );
      if (counted.length > 0) {
        refusal = new CursorError(
          `${GRAPHQL_CURSOR_PARAM} pages without counting: ask pageInfo for pageSize and nextCursor, not ${counted.join(', ')}`,
          GRAPHQL_CURSOR_PARAM
        );
        return;
      }
      try {
        planOf(
          strapi,
          settings,
          node.name.value,
          uid,
          getArgumentValues(definition, node, variables) as Args,
          now
        );
      } catch (error) {
        if (error instanceof CursorError) refusal = error;
        else throw error;
      }
    },
  };
  visit(operation, visitor);
  for (const fragment of Object.values(fragments)) visit(fragment, visitor);
  if (refusal) throw badInput(refusal);
}

/** Whether a `pagination` argument sets `cursor` (literally or through a variable). */
function mentionsCursor(value: ValueNode, variables: Args): boolean {
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return isPlainObject(given) && given.cursor != null;
  }
  if (value.kind !== Kind.OBJECT) return false;
  const cursor = value.fields.find((field) => field.name.value === 'cursor');
  if (!cursor) return false;
  if (cursor.value.kind === Kind.NULL) return false;
  if (cursor.value.kind === Kind.VARIABLE) return variables[cursor.value.name.value] != null;
  return true;
}

type Resolve = (parent: unknown, args: Args, context: unknown, info: unknown) => unknown;

export function registerGraphQLCursorPagination(strapi: Core.Strapi): void {
  if (!hasGraphQL(strapi)) return;
  const { defaultLimit, maxLimit } = graphqlSettings(strapi);
  let settings: Settings | undefined;
  const settingsNow = (): Settings =>
    (settings ??= {
      secret: cursorSecret(strapi),
      nulls: nullOrder(strapi),
      defaultLimit: defaultLimit ?? 10,
      maxLimit: maxLimit ?? 100,
    });
  /** `_connection` query name → content type, filled when the schema is built. */
  const connections = new Map<string, string>();
  /** The page of each cursor answer (the object the connection resolver returned). */
  const cursorPages = new WeakMap<object, CursorPage>();

  const connectionMiddleware =
    (field: string, uid: string) =>
    async (resolve: Resolve, parent: unknown, args: Args, context: unknown, info: unknown) => {
      const pagination = args.pagination;
      if (!isPlainObject(pagination) || pagination.cursor == null)
        return resolve(parent, args, context, info);
      const now = Math.floor(Date.now() / 1000);
      let plan: CursorPlan;
      try {
        plan = planOf(strapi, settingsNow(), field, uid, args, now);
      } catch (error) {
        if (error instanceof CursorError)
          throw new errors.ValidationError(error.message, { param: error.param });
        throw error;
      }
      const { pageSize, sort, fingerprint, after } = plan;
      let filters: unknown = args.filters ?? undefined;
      if (after !== null) {
        const keyset = graphqlFilter(afterFilter(sort, after, settingsNow().nulls));
        filters = filters === undefined ? keyset : { and: [filters, keyset] };
      }
      const pageArgs: Args = {
        ...args,
        sort: sortParam(sort),
        ...(filters === undefined ? {} : { filters }),
        pagination: { start: 0, limit: pageSize },
      };
      const answer = (await withOneRowMore(uid, pageSize, () =>
        resolve(parent, pageArgs, context, info)
      )) as { nodes?: unknown } | null;
      if (!isPlainObject(answer) || !Array.isArray(answer.nodes)) return answer;
      const { page: nodes, nextCursor } = pageAndNextCursor(
        answer.nodes as Args[],
        pageSize,
        sort,
        fingerprint,
        now,
        settingsNow().secret
      );
      const page = { ...answer, nodes };
      cursorPages.set(page, { pageSize, nextCursor });
      return page;
    };

  const pageInfoMiddleware = (
    resolve: Resolve,
    parent: unknown,
    args: Args,
    context: unknown,
    info: unknown
  ) =>
    (typeof parent === 'object' && parent !== null && cursorPages.get(parent)) ||
    resolve(parent, args, context, info);

  // Field middlewares as a nexus plugin, not `resolversConfig`: the extension service merges
  // every extension's `middlewares` arrays by index (lodash merge), so another plugin's
  // middleware of the same field would replace this one.
  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ nexus }: { nexus: NexusTypes }) => {
      const pageInfoTypes = new Set<string>();
      for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
        const { kind } = contentType as { kind?: string };
        if (!uid.startsWith('api::') || kind !== 'collectionType') continue;
        const names = connectionNames(strapi, uid);
        connections.set(names.query, uid);
        pageInfoTypes.add(names.responseCollection);
      }
      return {
        plugins: [
          nexus.plugin({
            name: 'api-guards-cursor-pagination',
            onCreateFieldResolver({ parentTypeConfig, fieldConfig }) {
              const uid = connections.get(fieldConfig.name);
              if (parentTypeConfig.name === 'Query' && uid) {
                const middleware = connectionMiddleware(fieldConfig.name, uid);
                return (parent, args, context, info, next) =>
                  middleware(next, parent, args, context, info);
              }
              if (pageInfoTypes.has(parentTypeConfig.name) && fieldConfig.name === 'pageInfo')
                return (parent, args, context, info, next) =>
                  pageInfoMiddleware(next, parent, args, context, info);
              return undefined;
            },
          }),
        ],
        types: [
          nexus.extendInputType({
            type: 'PaginationArg',
            definition(t) {
              t.string('cursor', {
                description:
                  'Keyset pagination (root _connection queries): "" for the first page, then the nextCursor of the previous page. Not with page, start or limit; pageInfo then answers pageSize and nextCursor only.',
              });
            },
          }),
          nexus.extendType({
            type: 'Pagination',
            definition(t) {
              t.string('nextCursor', {
                description:
                  'The cursor of the next page of a cursor-paginated query (pagination.cursor), null on its last page and on offset pages.',
              });
            },
          }),
        ],
      };
    });

  addApolloServerPlugins(strapi, [
    {
      async requestDidStart() {
        return {
          async didResolveOperation(context: {
            document: DocumentNode;
            operation: OperationDefinitionNode;
            schema: GraphQLSchema;
            source: string;
            request: { variables?: Args };
          }) {
            if (connections.size === 0) return;
            // Most operations page by offset: no walk of their document on every request.
            const variables = context.request.variables ?? {};
            if (
              !context.source.includes('cursor') &&
              !Object.values(variables).some((value) => isPlainObject(value) && 'cursor' in value)
            )
              return;
            checkOperation(strapi, settingsNow(), connections, {
              document: context.document,
              operation: context.operation,
              schema: context.schema,
              inputs: context.request.variables ?? {},
            });
          },
        };
      },
    },
  ]);
}

/** A nexus field middleware (`onCreateFieldResolver`): `next` is the field's own resolver. */
type NexusMiddleware = (
  parent: unknown,
  args: Args,
  context: unknown,
  info: unknown,
  next: Resolve
) => unknown;

/** The part of nexus the extension uses (handed in by the GraphQL plugin's extension service). */
interface NexusTypes {
  plugin(config: {
    name: string;
    onCreateFieldResolver(config: {
      parentTypeConfig: { name: string };
      fieldConfig: { name: string };
    }): NexusMiddleware | undefined;
  }): unknown;
  extendInputType(config: {
    type: string;
    definition(t: { string(name: string, config: { description: string }): void }): void;
  }): unknown;
  extendType(config: {
    type: string;
    definition(t: { string(name: string, config: { description: string }): void }): void;
  }): unknown;
}
