/**
 * GraphQL side of the plugin: the generated queries of the target content types get a
 * `fallbackLocale` argument and strict locale checking (an unknown locale is an error in
 * `errors[]`, not an empty list), their types a `fallback` field that says whether an entry is
 * served in the fallback locale, and the plugin resolves relations: to-one and to-many relations
 * batched per request (./batch-to-one.ts, ./batch-to-many.ts), relations under `fallbackLocale` merged (./fallback-relations.ts).
 * Fallback of the root query itself runs in the document service middleware
 * (../rest/fallback-middleware.ts): the argument travels with the params the resolvers pass on.
 */
import {
  Kind,
  visit,
  type DocumentNode,
  type GraphQLError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { Core, Struct, UID } from '@strapi/strapi';
import type { FieldSources } from '../lib/empty-fields';
import { unknownLocaleMessage } from '../lib/locale-params';
import { graphql, trackResolversConfig } from '../internals';
import { localesService } from '../targets';
import { batchedToManyResolvers } from './batch-to-many';
import { batchedToOneResolvers } from './batch-to-one';
import { fallbackRelationResolversConfig } from './fallback-relations';
import { plainFieldResolvers } from './field-resolvers';
import { fallbackRequest } from './request';
import type { ToManyRelation } from './fallback-to-many';
import {
  PAGINATION_TYPE,
  relationPageInfoResolver,
  relationPageMiddleware,
} from './relation-page-info';
import { launchedLocalesListMiddleware, launchedLocalizationsMiddleware } from './public-locales';
import { relationsAmong } from './relations';

const FALLBACK_ARG_PLUGIN = 'LocaleFallbackArg';
const BASE_RESOLVERS_PLUGIN = 'LocaleFallbackBaseResolvers';
const LOCALE_SCALAR = 'I18NLocaleCode';
const FALLBACK_FIELD_TYPE = 'LocaleFallbackField';

/** The nexus builder API the GraphQL extension hands over (only what is used here). */
interface Nexus {
  plugin(config: {
    name: string;
    onAddOutputField?: (config: OutputFieldConfig) => void;
    onAfterBuild?: (schema: GraphQLSchema) => void;
  }): unknown;
  arg(config: { type: string; description: string }): unknown;
  extendType(config: { type: string; definition: (t: ObjectDefinition) => void }): unknown;
  objectType(config: {
    name: string;
    description: string;
    definition: (t: ObjectDefinition) => void;
  }): unknown;
}

interface OutputFieldConfig {
  parentType: string;
  args?: Record<string, unknown>;
  extensions?: { strapi?: { contentType?: Struct.ContentTypeSchema } };
}

interface ObjectDefinition {
  nonNull: {
    boolean(
      name: string,
      config: { description: string; resolve: (parent: { fallback?: unknown }) => boolean }
    ): void;
    field(name: string, config: { type: string; description: string; resolve?: unknown }): void;
    list: {
      nonNull: {
        field(name: string, config: { type: string; description: string; resolve: unknown }): void;
      };
    };
  };
  field(name: string, config: { type: string; description: string; resolve: unknown }): void;
}

type Middleware = (...params: never[]) => unknown;

/** The to-many relations between `contentTypes` (morph relations have no target: skipped). */
function toManyRelations(contentTypes: readonly Struct.ContentTypeSchema[]): ToManyRelation[] {
  return relationsAmong(contentTypes)
    .filter(({ kind }) => kind?.endsWith('Many'))
    .map(({ contentType, attributeName, target }) => ({
      uid: contentType.uid as UID.ContentType,
      attributeName,
      target,
    }));
}

type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: unknown
) => unknown;

/** The name of the argument whose value is `node` in `document` (`locale` when none is found). */
function argumentOf(
  document: DocumentNode | undefined,
  node: ValueNode
): 'locale' | 'fallbackLocale' {
  let name: string | undefined;
  if (document) {
    visit(document, {
      Argument(argument) {
        if (argument.value === node) name = argument.name.value;
      },
    });
  }
  return name === 'fallbackLocale' ? 'fallbackLocale' : 'locale';
}

/**
 * An Apollo Server plugin: the i18n plugin's `I18NLocaleCode` scalar (the type of `locale` and
 * of this plugin's `fallbackLocale`) refuses a literal that is no ISO locale code
 * (`locale: "xx-nonsense"`) with a bare "Unknown locale supplied" while the query is validated,
 * before any resolver runs. This makes such validation errors name the argument and the locales
 * that exist, like every other unknown-locale error of the API (status 400 and code unchanged).
 */
export function localeLiteralMessages(strapi: Core.Strapi) {
  const prefix = `Expected value of type "${LOCALE_SCALAR}", found `;
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }: { document?: DocumentNode }) {
          // Apollo calls this end hook without awaiting it before it answers: it must be
          // synchronous, so it uses the locales as last read (bootstrap reads them).
          return (validationErrors?: ReadonlyArray<GraphQLError>): void => {
            const literals = (validationErrors ?? []).filter(
              (error) => error.message.startsWith(prefix) && error.nodes?.[0]?.kind === Kind.STRING
            );
            if (literals.length === 0) return;
            const locales = localesService(strapi);
            // Keeps the list current for the next message (no query when nothing changed).
            locales.known().catch(() => undefined);
            const codes = locales.lastKnown()?.codes ?? [];
            for (const error of literals) {
              const node = error.nodes?.[0];
              if (node?.kind !== Kind.STRING || codes.length === 0) continue;
              const param = argumentOf(document, node);
              // Apollo wraps each of these errors with its message when it answers: reword it.
              error.message = `${prefix}${JSON.stringify(node.value)}; ${unknownLocaleMessage(param, node.value, codes)}`;
            }
          };
        },
      };
    },
  };
}

/** Resolver maps by type name, merged type by type. */
function mergeResolvers(
  ...maps: Array<Record<string, Record<string, unknown>>>
): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps)
    for (const [typeName, fields] of Object.entries(map))
      merged[typeName] = { ...merged[typeName], ...fields };
  return merged;
}

/**
 * Registers the GraphQL extension for `targets` (register phase). `apiTypes`: the app's content
 * types, whose relations are batched; `lookAhead`: batches read the to-one relations selected on
 * their entries along (./preload.ts).
 */
export function registerGraphqlExtension(
  strapi: Core.Strapi,
  targets: readonly Struct.ContentTypeSchema[],
  apiTypes: readonly Struct.ContentTypeSchema[],
  { lookAhead }: { lookAhead: boolean }
): void {
  const { naming } = graphql(strapi);
  const targetUids = new Set<string>(targets.map((contentType) => contentType.uid));
  // Strapi's per-field wrappers replaced where they do nothing (./field-resolvers.ts).
  const plainFields = plainFieldResolvers(strapi, trackResolversConfig(strapi));

  const strictLocales = async (
    next: Resolver,
    parent: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: unknown
  ) => {
    const locales = localesService(strapi);
    const checked = await locales.check(args);
    // Without the argument the locale's stored chain applies (`fallbackLocale: null`: none); the
    // document service middleware takes the chain as a list (../rest/fallback-middleware.ts).
    if (args.fallbackLocale === undefined) {
      const chain = await locales.readChain(checked);
      if (chain.length > 0) return next(parent, { ...args, fallbackLocale: chain }, context, info);
    }
    return next(parent, args, context, info);
  };

  const relations = toManyRelations(apiTypes);
  const typeNameOf = (uid: string) =>
    naming.getTypeName(strapi.contentType(uid as UID.ContentType));

  // Per field, the middlewares of each part, outermost first: `pageInfo` wraps the collection
  // that fallback (or the stock resolver) produced.
  const resolversConfig: Record<string, { middlewares: Middleware[] }> = {};
  const addMiddlewares = (field: string, middlewares: Middleware[]) => {
    resolversConfig[field] = {
      middlewares: [...(resolversConfig[field]?.middlewares ?? []), ...middlewares],
    };
  };
  // Unlaunched locales stay private (./public-locales.ts): outermost, so the page and its
  // pageInfo count only launched versions.
  for (const contentType of targets) {
    const i18n = (contentType.pluginOptions as { i18n?: { localized?: boolean } } | undefined)
      ?.i18n;
    if (i18n?.localized !== true) continue;
    for (const field of ['localizations', 'localizations_connection']) {
      addMiddlewares(`${typeNameOf(contentType.uid)}.${field}`, [
        launchedLocalizationsMiddleware(strapi),
      ]);
    }
  }
  addMiddlewares('Query.i18NLocales', [launchedLocalesListMiddleware(strapi)]);
  for (const relation of relations) {
    // ./fallback-relations.ts resolves relations between target types under fallbackLocale.
    const underFallback =
      targetUids.has(relation.uid) &&
      targetUids.has(relation.target) &&
      relation.attributeName !== 'localizations';
    addMiddlewares(`${typeNameOf(relation.uid)}.${relation.attributeName}_connection`, [
      relationPageMiddleware(strapi, relation, underFallback),
    ]);
  }

  const queryNames = targets.flatMap((contentType) =>
    contentType.kind === 'singleType'
      ? [naming.getFindOneQueryName(contentType)]
      : [
          naming.getFindQueryName(contentType),
          naming.getFindConnectionQueryName(contentType),
          naming.getFindOneQueryName(contentType),
        ]
  );
  for (const name of queryNames) addMiddlewares(`Query.${name}`, [strictLocales]);
  for (const [field, { middlewares }] of Object.entries(
    fallbackRelationResolversConfig(strapi, targets, typeNameOf)
  )) {
    addMiddlewares(field, middlewares);
  }

  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ nexus }: { nexus: Nexus }) => ({
      plugins: [
        nexus.plugin({
          name: FALLBACK_ARG_PLUGIN,
          onAddOutputField(config) {
            const uid = config.extensions?.strapi?.contentType?.uid;
            if (config.parentType !== 'Query' || !uid || !targetUids.has(uid)) return;
            config.args = {
              ...config.args,
              // The i18n plugin's scalar, as for `locale`: a literal that is no locale code is
              // refused while the query is validated, and a variable declared for `locale`
              // can be passed here too.
              fallbackLocale: nexus.arg({
                type: LOCALE_SCALAR,
                description:
                  'Serve documents that have no version in `locale` in this locale instead (their `fallback` field is then true).',
              }),
            };
          },
        }),
        nexus.plugin({
          name: BASE_RESOLVERS_PLUGIN,
          onAfterBuild: (schema) => plainFields.recordBaseResolvers(schema),
        }),
      ],
      types: [
        nexus.objectType({
          name: FALLBACK_FIELD_TYPE,
          description:
            'A translated field that was empty in the version served and was filled from another locale of the fallback chain.',
          definition(t) {
            t.nonNull.field('field', { type: 'String', description: 'The field filled.' });
            t.nonNull.field('locale', {
              type: LOCALE_SCALAR,
              description: 'The locale its value came from.',
            });
          },
        }),
        ...targets.map((contentType) =>
          nexus.extendType({
            type: naming.getTypeName(contentType),
            definition(t) {
              t.nonNull.boolean('fallback', {
                description:
                  'True when this entry is served in the fallbackLocale because it has no version in the requested locale.',
                resolve: (parent) => parent.fallback === true,
              });
              // Two queries can serve the same version with other relations (under fallback a
              // related entry missing in `locale` is added): a client cache that keys entries
              // by documentId and locale must tell them apart (docs/api.md, Apollo typePolicies).
              t.field('fallbackLocale', {
                type: LOCALE_SCALAR,
                description:
                  'The fallbackLocale of the query that served this entry, null when it asked for none. With documentId, locale and publishedAt it tells entries apart in a client cache.',
                resolve: async (
                  _parent: unknown,
                  _args: unknown,
                  context: object,
                  info: GraphQLResolveInfo
                ) => (await fallbackRequest(strapi, context, info))?.chain[0] ?? null,
              });
              t.nonNull.list.nonNull.field('fallbackFields', {
                type: FALLBACK_FIELD_TYPE,
                description:
                  'The translated fields that were empty in this version and were filled from a locale of the fallback chain, each with that locale; empty without fallback or when none was filled.',
                resolve: (parent: { fallbackFields?: FieldSources }) =>
                  Object.entries(parent.fallbackFields ?? {}).map(([field, locale]) => ({
                    field,
                    locale,
                  })),
              });
            },
          })
        ),
        ...[...new Set(relations.map((relation) => relation.target))].map((target) =>
          nexus.extendType({
            type: naming.getRelationResponseCollectionName(strapi.contentType(target)),
            definition(t) {
              t.nonNull.field('pageInfo', {
                type: PAGINATION_TYPE,
                description:
                  'The pages of this relation: total counts the related entries the field lists without pagination (its filters applied).',
                resolve: relationPageInfoResolver(strapi),
              });
            },
          })
        ),
      ],
      resolvers: mergeResolvers(
        batchedToOneResolvers(strapi, apiTypes, lookAhead ? plainFields : null),
        batchedToManyResolvers(strapi, apiTypes)
      ),
      resolversConfig,
    }));

  // Apollo plugins come from the GraphQL plugin's `apolloServer` config, read at its bootstrap.
  const apolloServer = (strapi.config.get('plugin::graphql.apolloServer') ?? {}) as {
    plugins?: unknown[];
  };
  strapi.config.set('plugin::graphql.apolloServer', {
    ...apolloServer,
    plugins: [
      ...(apolloServer.plugins ?? []),
      localeLiteralMessages(strapi),
      plainFields.apolloPlugin,
    ],
  });
}
