/**
 * The non-public Strapi APIs the plugin reaches through server/src/internals.ts, checked against
 * the plugin host (booted in the jest process). A failure names the API that changed: look there first after a Strapi upgrade.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
} from 'graphql';
import { errors } from '@strapi/utils';
import type { Core, Struct, UID } from '@strapi/strapi';
import request from 'supertest';
import { hostStrapi, hostStrapiUrl } from '../../../../../tests/helpers/host';
import { plainFieldResolvers } from '../../server/src/graphql/field-resolvers';
import {
  associationQuery,
  CORE_STORE_MODEL,
  fieldWrapper,
  graphql,
  I18N_LOCALE_MODEL,
  i18n,
  notInSubquery,
  publicationFilterCondition,
  rawTable,
  restrictReadQueries,
  rootQueryArgs,
  trackResolversConfig,
  transformQueryParams,
  withKnex,
} from '../../server/src/internals';

/** The GraphQL plugin's server build (dist/server), where its internal modules are. */
const graphqlServerDir = () =>
  path.dirname(require.resolve('@strapi/plugin-graphql/strapi-server'));

/**
 * SHA-256 of the two files whose behaviour `fieldWrapper` (internals.ts) describes, as shipped in
 * @strapi/plugin-graphql 5.54.0. After an upgrade that changes them, read them again: if the
 * wrapper still does only auth, middlewares, policies and the field's resolver, update the
 * digests; if it does more per field (output sanitising, say), `fieldWrapper` must say `other`.
 */
const WRAPPER_DIGESTS = {
  'services/content-api/wrap-resolvers.js':
    '83891c9cf4b6cd5bb3942c2c7cea7ca8071bed41ebdd3ea7263d40a5116d2b6f',
  'services/content-api/policy.js':
    'a1a840b9054d117e200d1f41fad71b1518acd31c0f639178f72d8016de71995f',
};

/** Runs `check`, turning any failure into one that names the Strapi API. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

function assert(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

/** A localized content type of the app with a to-one relation to another localized type. */
function localizedWithToOne(strapi: Core.Strapi): {
  contentType: Struct.ContentTypeSchema;
  target: UID.ContentType;
} {
  const { isLocalizedContentType } = i18n(strapi);
  for (const contentType of Object.values(strapi.contentTypes)) {
    if (!contentType.uid.startsWith('api::') || !isLocalizedContentType(contentType)) continue;
    for (const attribute of Object.values(contentType.attributes) as unknown as Array<{
      type: string;
      relation?: string;
      target?: UID.ContentType;
    }>) {
      if (attribute.type === 'relation' && attribute.relation === 'manyToOne' && attribute.target)
        return { contentType, target: attribute.target };
    }
  }
  throw new Error('the app has no localized type with a to-one relation');
}

const infoAt = (key: string): GraphQLResolveInfo =>
  ({ path: { key, prev: undefined, typename: 'Query' } }) as unknown as GraphQLResolveInfo;

// The documentation hook's contract needs @strapi/plugin-documentation, which the plugin host
// does not install: tests/api/plugins/locale-fallback/documentation.contract.test.ts.
describe('Strapi internals used by the locale-fallback plugin', () => {
  it('i18n: locales service find / getDefaultLocale, content-types.isLocalizedContentType', async () => {
    const strapi = hostStrapi();
    await contract("plugin('i18n').service('locales').find", async () => {
      const codes = await i18n(strapi).findLocaleCodes();
      assert(codes.length > 0, 'no locale codes returned');
      assert(
        codes.every((code) => typeof code === 'string' && code !== ''),
        `codes are not strings: ${JSON.stringify(codes)}`
      );
    });
    await contract("plugin('i18n').service('locales').getDefaultLocale", async () => {
      const defaultLocale = await i18n(strapi).getDefaultLocale();
      assert(
        (await i18n(strapi).findLocaleCodes()).includes(defaultLocale),
        `default locale ${JSON.stringify(defaultLocale)} is not among the locales`
      );
    });
    await contract("plugin('i18n').service('content-types').isLocalizedContentType", () => {
      const { isLocalizedContentType } = i18n(strapi);
      assert(
        isLocalizedContentType(strapi.contentType(I18N_LOCALE_MODEL as UID.ContentType)) === false,
        'the locale type itself reported as localized'
      );
      assert(localizedWithToOne(strapi), 'no localized type found');
    });
    await contract(`models ${I18N_LOCALE_MODEL} and ${CORE_STORE_MODEL}`, () => {
      for (const uid of [I18N_LOCALE_MODEL, CORE_STORE_MODEL]) {
        assert(strapi.db.metadata.get(uid), `no model ${uid}`);
      }
    });
  });

  it('graphql: builders.utils.transformArgs, content-api.isBuiltInQueryField, utils.naming', async () => {
    const strapi = hostStrapi();
    const { contentType } = localizedWithToOne(strapi);
    await contract("plugin('graphql').service('builders').utils.transformArgs", () => {
      const query = graphql(strapi).transformArgs(
        { filters: { documentId: { eq: 'x' } }, pagination: { start: 2, limit: 3 } },
        { contentType: contentType as never, usePagination: true }
      );
      expect(query).toMatchObject({ filters: { documentId: { $eq: 'x' } }, start: 2, limit: 3 });
    });
    await contract("plugin('graphql').service('utils').naming", () => {
      const { naming } = graphql(strapi);
      for (const name of [
        naming.getTypeName(contentType),
        naming.getFindQueryName(contentType),
        naming.getFindOneQueryName(contentType),
        naming.getFindConnectionQueryName(contentType),
        naming.getRelationResponseCollectionName(contentType),
      ]) {
        assert(typeof name === 'string' && name !== '', `empty name for ${contentType.uid}`);
      }
      expect(naming.getFindConnectionQueryName(contentType)).toBe(
        `${naming.getFindQueryName(contentType)}_connection`
      );
      // The type the plugin extends with `pageInfo` must be one the schema serves.
      expect(naming.getRelationResponseCollectionName(contentType)).toBe(
        `${naming.getTypeName(contentType)}RelationResponseCollection`
      );
    });
    await contract("plugin('graphql').service('content-api').isBuiltInQueryField", () => {
      const { naming, isBuiltInQueryField } = graphql(strapi);
      expect(isBuiltInQueryField(naming.getFindQueryName(contentType))).toBe(true);
      expect(isBuiltInQueryField('notAGeneratedQuery')).toBe(false);
    });
  });

  it('graphql: context.rootQueryArgsByPath, filled by the plugin for every root query field', async () => {
    await contract('graphql context.rootQueryArgsByPath', async () => {
      const bootstrap = await readFile(
        path.join(
          path.dirname(require.resolve('@strapi/plugin-graphql/strapi-server')),
          'bootstrap.js'
        ),
        'utf8'
      );
      expect(bootstrap).toContain('contextValue.rootQueryArgsByPath.set(info.path.key');
      const context = { rootQueryArgsByPath: new Map([['list', { _originField: 'x' }]]) };
      expect(rootQueryArgs(context, infoAt('list'))).toEqual({ _originField: 'x' });
    });
  });

  it('graphql: the message of a refused I18NLocaleCode literal (reworded by an Apollo plugin)', async () => {
    const strapi = hostStrapi();
    const { contentType } = localizedWithToOne(strapi);
    const query = graphql(strapi).naming.getFindQueryName(contentType);
    await contract('graphql-js ValuesOfCorrectTypeRule message for I18NLocaleCode', async () => {
      const res = await request(hostStrapiUrl())
        .post('/graphql')
        .send({ query: `{ ${query}(locale: "xx-nonsense") { documentId } }` });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(
        /^Expected value of type "I18NLocaleCode", found "xx-nonsense"; Unknown locale "xx-nonsense"\. Available locales: /
      );
    });
  });

  it('graphql: extension.generate, the merged resolversConfig (relation fields with auth scope)', async () => {
    const strapi = hostStrapi();
    const { contentType, target } = localizedWithToOne(strapi);
    await contract("plugin('graphql').service('extension').generate", () => {
      const current = trackResolversConfig(strapi);
      strapi
        .plugin('graphql')
        .service('extension')
        .generate({ typeRegistry: strapi.plugin('graphql').service('type-registry').new() });
      const config = current() ?? {};
      assert(Object.keys(config).length > 0, 'generate() returned no resolversConfig');
      const { naming } = graphql(strapi);
      const relation = Object.entries(contentType.attributes).find(
        ([, attribute]) => (attribute as { target?: string }).target === target
      )?.[0];
      // Strapi's type builder gives every relation field the target's `find` scope (and this
      // plugin a middleware for fallback relations).
      expect(fieldWrapper(config, naming.getTypeName(contentType), String(relation))).toEqual({
        kind: 'plain',
        auth: { scope: [`${target}.find`] },
        middlewares: [expect.any(Function)],
      });
      expect(fieldWrapper(config, naming.getTypeName(contentType), 'documentId')).toEqual({
        kind: 'plain',
        middlewares: [],
      });
    });
  });

  it('graphql: wrapResolvers does auth, middlewares, policies and the resolver, nothing else', async () => {
    const strapi = hostStrapi();
    await contract('graphql services/content-api/wrap-resolvers.js and policy.js', async () => {
      for (const [file, digest] of Object.entries(WRAPPER_DIGESTS)) {
        const source = await readFile(path.join(graphqlServerDir(), file));
        expect(`${file} ${createHash('sha256').update(source).digest('hex')}`).toBe(
          `${file} ${digest}`
        );
      }
    });
    await contract('graphql wrapResolvers, compared with the resolvers put back', async () => {
      // The real wrapper of the installed plugin around a schema of four kinds of field.
      const { wrapResolvers } = require(
        path.join(graphqlServerDir(), 'services/content-api/wrap-resolvers.js')
      ) as {
        wrapResolvers(options: {
          schema: GraphQLSchema;
          strapi: Core.Strapi;
          extension: { resolversConfig: Record<string, unknown> };
        }): GraphQLSchema;
      };
      const own = (parent: { n: number }) => parent.n;
      const build = () =>
        new GraphQLSchema({
          query: new GraphQLObjectType({
            name: 'Query',
            fields: { entry: { type: GraphQLInt, resolve: own } },
          }),
          types: [
            new GraphQLObjectType({
              name: 'Entry',
              fields: {
                plain: { type: GraphQLInt },
                computed: { type: GraphQLInt, resolve: own },
                scoped: { type: GraphQLInt, resolve: own },
                wrapped: { type: GraphQLInt, resolve: own },
                guarded: { type: GraphQLInt, resolve: own },
              },
            }),
          ],
        });
      const resolversConfig = {
        'Entry.scoped': { auth: { scope: ['api::nothing.nothing.find'] } },
        'Entry.wrapped': {
          auth: false,
          middlewares: [
            async (
              next: (...params: unknown[]) => unknown,
              parent: { n: number },
              ...rest: unknown[]
            ) => Number(await next({ n: parent.n + 1 }, ...rest)) * 10,
            // The last `next` answers with a promise in Strapi's wrapper.
            (
              next: (...params: unknown[]) => unknown,
              parent: { n: number },
              ...rest: unknown[]
            ) => {
              const answer = next({ n: parent.n * 2 }, ...rest);
              return answer instanceof Promise ? answer : -1;
            },
          ],
        },
        // A policy of the admin API that refuses every content-API caller.
        'Entry.guarded': { policies: ['admin::isAuthenticatedAdmin'] },
      };
      const plain = plainFieldResolvers(strapi, () => resolversConfig);
      const stock = wrapResolvers({ schema: build(), strapi, extension: { resolversConfig } });
      const ours = build();
      plain.recordBaseResolvers(ours);
      wrapResolvers({ schema: ours, strapi, extension: { resolversConfig } });
      await plain.apolloPlugin.serverWillStart({ schema: ours });
      expect(plain.counts()).toEqual({ replaced: 4, kept: 1 });

      const field = (schema: GraphQLSchema, type: string, name: string) =>
        (schema.getType(type) as GraphQLObjectType).getFields()[name]
          .resolve as GraphQLFieldResolver<unknown, object>;
      const call = async (schema: GraphQLSchema, type: string, name: string, context: object) => {
        try {
          return await field(schema, type, name)(
            { n: 7, plain: 8 },
            {},
            context,
            {} as GraphQLResolveInfo
          );
        } catch (error) {
          return error instanceof Error ? error.constructor.name : error;
        }
      };
      for (const [type, name] of [
        ['Entry', 'plain'],
        ['Entry', 'computed'],
        ['Entry', 'scoped'],
        ['Entry', 'wrapped'],
        ['Entry', 'guarded'],
        ['Query', 'entry'],
      ]) {
        // No credentials: every scope check fails, as for a caller without the permission.
        const context = { state: {} };
        expect(`${type}.${name}: ${await call(ours, type, name, context)}`).toBe(
          `${type}.${name}: ${await call(stock, type, name, context)}`
        );
      }
      expect(await call(ours, 'Entry', 'scoped', { state: {} })).toBe(errors.ForbiddenError.name);
      // Where Strapi's wrapper does nothing, the field's own resolver answers, synchronously.
      expect(field(ours, 'Entry', 'plain')({ plain: 8 }, {}, {}, {} as GraphQLResolveInfo)).toBe(8);
      // The middlewares in Strapi's order, the first outermost: ((7 + 1) * 2) * 10.
      expect(await call(ours, 'Entry', 'wrapped', { state: {} })).toBe(160);
      expect(await call(ours, 'Entry', 'guarded', { state: {} })).toBe('PolicyError');
      // Root types and fields with policies keep Strapi's wrapper.
      expect(fieldWrapper(resolversConfig, 'Entry', 'guarded')).toEqual({ kind: 'other' });
      expect(fieldWrapper(resolversConfig, 'Query', 'entry')).toEqual({ kind: 'other' });
    });
  });

  it("query-params transform, db.metadata, raw knex, the association resolver's query", async () => {
    const strapi = hostStrapi();
    const { contentType, target } = localizedWithToOne(strapi);
    const uid = contentType.uid as UID.ContentType;
    await contract("strapi.get('query-params').transform", () => {
      expect(transformQueryParams(strapi, uid, { filters: { documentId: 'x' } })).toMatchObject({
        where: { documentId: 'x' },
      });
    });
    await contract('strapi.db.metadata + strapi.db.connection (raw knex)', async () => {
      const table = rawTable(strapi, uid);
      const rows = await withKnex(strapi, async (knex) =>
        knex
          .from(table.as('t'))
          .select({ documentId: `t.${table.column('documentId')}` })
          .limit(1)
      );
      expect(rows).toHaveLength(1);
      expect(typeof (rows[0] as { documentId: unknown }).documentId).toBe('string');
    });
    await contract(
      "db lifecycles beforeFindMany / beforeCount: a condition added to the event's params.where, a knex subquery as $notIn operand",
      async () => {
        const table = rawTable(strapi, uid);
        const documents = strapi.documents(uid);
        const before = (await documents.findMany({ fields: ['documentId'] } as never)) as Array<{
          documentId: string;
        }>;
        expect(before.length).toBeGreaterThan(1);
        const [first] = before;
        let active = true;
        const knex = strapi.db.connection;
        // Subscribed for good (lifecycles offer no unsubscribe): inert once `active` is false.
        restrictReadQueries(strapi, (model) =>
          active && model === uid
            ? notInSubquery(
                'documentId',
                knex
                  .from(table.as('s'))
                  .select(`s.${table.column('documentId')}`)
                  .where(`s.${table.column('documentId')}`, first.documentId)
              )
            : undefined
        );
        try {
          const after = (await documents.findMany({ fields: ['documentId'] } as never)) as Array<{
            documentId: string;
          }>;
          expect(after.map((entry) => entry.documentId)).not.toContain(first.documentId);
          expect(after).toHaveLength(before.length - 1);
          expect(await documents.count({} as never)).toBe(before.length - 1);
        } finally {
          active = false;
        }
      }
    );
    await contract('@strapi/utils buildPublicationFilterWhere / parsePublicationFilter', () => {
      const condition = publicationFilterCondition(
        strapi,
        target,
        'never-published-document',
        'draft'
      );
      expect(Object.keys(condition).length).toBeGreaterThan(0);
      expect(publicationFilterCondition(strapi, target, 'no-such-filter', 'draft')).toEqual({});
    });
    await contract(
      'graphql association resolver (forked in internals.associationQuery)',
      async () => {
        const { naming } = graphql(strapi);
        const context = {
          state: {},
          rootQueryArgsByPath: new Map([
            ['root', { _originField: naming.getFindQueryName(contentType), status: 'draft' }],
          ]),
        };
        const { query, raw, args } = await associationQuery(
          strapi,
          target,
          { pagination: { start: 2, limit: 3 } },
          context,
          infoAt('root')
        );
        expect(raw).toBe(false);
        // The status of the root query reaches the relation, as in the stock resolver.
        expect(query).toMatchObject({ where: { publishedAt: { $null: true } } });
        // The page as the db query's offset/limit (batch-to-many.ts cuts pages with them) and the
        // sanitised arguments as the collection's `info.args`.
        expect(query).toMatchObject({ offset: 2, limit: 3 });
        expect(args).toMatchObject({ start: 2, limit: 3 });
      }
    );
  });
});
