/**
 * GraphQL side of the website API: the generated queries of localized types get a
 * `fallbackLocale` argument and strict locale checking (an unknown locale is an error in
 * `errors[]`, not an empty list), and the types get a `fallback` field that says whether an
 * entry is served in the fallback locale. Fallback itself runs in the document service
 * middleware (./fallback.ts): the argument travels with the params the resolvers pass on.
 */
import { GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';
import type { Core, Struct, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { unknownLocaleMessage } from '../lib/i18n/locale-params';
import { fallbackRelationResolversConfig } from './graphql-relations';
import { assertLocaleParams, lastReadLocaleCodes } from './locales';

const FALLBACK_ARG_PLUGIN = 'WebsiteFallbackLocaleArg';

/** The nexus builder API the GraphQL extension hands over (only what is used here). */
interface Nexus {
  plugin(config: {
    name: string;
    onAddOutputField?: (config: OutputFieldConfig) => void;
    onAfterBuild?: (schema: GraphQLSchema) => void;
  }): unknown;
  arg(config: { type: string; description: string }): unknown;
  extendType(config: { type: string; definition: (t: ObjectDefinition) => void }): unknown;
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
  };
}

type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: unknown
) => unknown;

interface Naming {
  getTypeName(contentType: Struct.ContentTypeSchema): string;
  getFindQueryName(contentType: Struct.ContentTypeSchema): string;
  getFindConnectionQueryName(contentType: Struct.ContentTypeSchema): string;
  getFindOneQueryName(contentType: Struct.ContentTypeSchema): string;
}

/** The content types of this app that are localized (the i18n plugin decides). */
export function localizedApiTypes(strapi: Core.Strapi): Struct.ContentTypeSchema[] {
  const { isLocalizedContentType } = strapi.plugin('i18n').service('content-types');
  return Object.values(strapi.contentTypes).filter(
    (contentType) => contentType.uid.startsWith('api::') && isLocalizedContentType(contentType)
  );
}

/**
 * The i18n plugin's `I18NLocaleCode` scalar refuses a literal that is no ISO locale code
 * (`locale: "xx-nonsense"`) with a bare "Unknown locale supplied" before any resolver runs; make
 * it name the locales that exist, like every other unknown-locale error of the API.
 */
function nameLocalesInScalarErrors(strapi: Core.Strapi, schema: GraphQLSchema): void {
  const scalar = schema.getType('I18NLocaleCode');
  if (!(scalar instanceof GraphQLScalarType)) return;
  const parseLiteral = scalar.parseLiteral.bind(scalar);
  scalar.parseLiteral = (ast, variables) => {
    try {
      return parseLiteral(ast, variables);
    } catch (error) {
      const codes = lastReadLocaleCodes(strapi);
      if (ast.kind !== Kind.STRING || codes.length === 0) throw error;
      throw new errors.ValidationError(unknownLocaleMessage('locale', ast.value, codes));
    }
  };
}

/** Registers the GraphQL extension. Call in the register phase. */
export function registerGraphqlExtension(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  const naming = graphql.service('utils').naming as Naming;
  const localized = localizedApiTypes(strapi);
  const localizedUids = new Set(localized.map((contentType) => contentType.uid));

  const strictLocales = async (
    next: Resolver,
    parent: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: unknown
  ) => {
    await assertLocaleParams(strapi, args);
    return next(parent, args, context, info);
  };

  const queryNames = localized.flatMap((contentType) =>
    contentType.kind === 'singleType'
      ? [naming.getFindOneQueryName(contentType)]
      : [
          naming.getFindQueryName(contentType),
          naming.getFindConnectionQueryName(contentType),
          naming.getFindOneQueryName(contentType),
        ]
  );

  graphql.service('extension').use(({ nexus }: { nexus: Nexus }) => ({
    plugins: [
      nexus.plugin({
        name: FALLBACK_ARG_PLUGIN,
        onAfterBuild: (schema) => nameLocalesInScalarErrors(strapi, schema),
        onAddOutputField(config) {
          const uid = config.extensions?.strapi?.contentType?.uid;
          if (config.parentType !== 'Query' || !uid || !localizedUids.has(uid)) return;
          config.args = {
            ...config.args,
            fallbackLocale: nexus.arg({
              type: 'String',
              description:
                'Serve documents that have no version in `locale` in this locale instead (their `fallback` field is then true).',
            }),
          };
        },
      }),
    ],
    types: localized.map((contentType) =>
      nexus.extendType({
        type: naming.getTypeName(contentType),
        definition(t) {
          t.nonNull.boolean('fallback', {
            description:
              'True when this entry is served in the fallbackLocale because it has no version in the requested locale.',
            resolve: (parent) => parent.fallback === true,
          });
        },
      })
    ),
    resolversConfig: {
      ...Object.fromEntries(
        queryNames.map((name) => [`Query.${name}`, { middlewares: [strictLocales] }])
      ),
      ...fallbackRelationResolversConfig(strapi, localized, (uid) =>
        naming.getTypeName(strapi.contentType(uid as UID.ContentType))
      ),
    },
  }));
}
