/**
 * Contract of the Strapi internals the plugin relies on (server/src/internals.ts), checked
 * against the plugin host (booted in the jest process). A failure names the internal API that changed in an upgrade.
 */
import {
  INTERNAL_APIS,
  appMiddlewares,
  authStrategyName,
  connectionNames,
  databaseConnection,
  graphqlSettings,
  httpServer,
  localeExists,
  usersPermissionsAdvancedSettings,
} from '../../server/src/internals';
import request from 'supertest';
import { hostStrapi, hostStrapiUrl } from '../../../../../tests/helpers/host';

const anonymous = () => request(hostStrapiUrl());

/** Runs `check` and rethrows its failure with the name of the internal API in front. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

describe('Strapi internals used by api-guards', () => {
  it(INTERNAL_APIS.authStrategy, async () => {
    const strapi = hostStrapi();
    let seen: string | undefined = 'not called';
    // A document-service middleware sees the request context of the HTTP request it serves.
    strapi.documents.use(async (context, next) => {
      if (String(context.uid) === 'api::author.author') seen = authStrategyName(strapi);
      return next();
    });
    // A page number no other test asks for, so the response cache cannot answer it.
    await anonymous().get(`/api/authors?pagination[page]=${700 + (Date.now() % 100)}`);
    await contract(INTERNAL_APIS.authStrategy, () => {
      expect(seen).toBe('users-permissions');
      expect(authStrategyName(strapi)).toBeUndefined();
    });
  });

  it(INTERNAL_APIS.i18nLocales, async () => {
    const strapi = hostStrapi();
    const defaultLocale = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    await contract(INTERNAL_APIS.i18nLocales, async () => {
      expect(await localeExists(strapi, defaultLocale)).toBe(true);
      expect(await localeExists(strapi, 'xx-none')).toBe(false);
    });
  });

  it(INTERNAL_APIS.advancedSettings, async () => {
    await contract(INTERNAL_APIS.advancedSettings, async () => {
      const advanced = await usersPermissionsAdvancedSettings(hostStrapi()).get();
      // The plugin applied registration.allow=false at bootstrap, on the key users-permissions reads.
      expect(advanced.allow_register).toBe(false);
      expect(typeof advanced.email_confirmation).toBe('boolean');
    });
  });

  it(INTERNAL_APIS.graphqlConfig, async () => {
    await contract(INTERNAL_APIS.graphqlConfig, () => {
      const settings = graphqlSettings(hostStrapi());
      expect(settings.endpoint).toBe('/graphql');
      expect(typeof settings.maxLimit).toBe('number');
      expect(typeof settings.defaultLimit).toBe('number');
      // The bound graphql-depth-limit enforces: the document measure must refuse the same depths.
      expect(typeof settings.depthLimit).toBe('number');
      const plugins: unknown = hostStrapi().config.get('plugin::graphql.apolloServer.plugins');
      expect(Array.isArray(plugins)).toBe(true);
    });
  });

  it(INTERNAL_APIS.graphqlNaming, async () => {
    await contract(INTERNAL_APIS.graphqlNaming, () => {
      expect(connectionNames(hostStrapi(), 'api::article.article')).toEqual({
        query: 'articles_connection',
        responseCollection: 'ArticleEntityResponseCollection',
      });
    });
  });

  it(INTERNAL_APIS.appMiddlewares, async () => {
    await contract(INTERNAL_APIS.appMiddlewares, () => {
      const names = appMiddlewares
        .get(hostStrapi())
        .map((entry) => (typeof entry === 'string' ? entry : entry.name));
      expect(names).toContain('plugin::api-guards.populate-depth');
      expect(names.indexOf('plugin::api-guards.populate-depth')).toBeGreaterThan(
        names.indexOf('strapi::body')
      );
    });
  });

  it(INTERNAL_APIS.databaseConnection, async () => {
    await contract(INTERNAL_APIS.databaseConnection, async () => {
      // rate-limiter-flexible's knex store runs raw statements on it.
      const knex = databaseConnection(hostStrapi()) as { raw(sql: string): Promise<unknown> };
      expect(typeof knex.raw).toBe('function');
      await expect(knex.raw('select 1')).resolves.toBeDefined();
    });
  });

  it(INTERNAL_APIS.maxHeaderSize, async () => {
    await contract(INTERNAL_APIS.maxHeaderSize, async () => {
      // Set at bootstrap to server.maxHeaderBytes (64 KiB): a 20 KB head (over Node's default
      // 16 KiB) reaches the app, which answers it (here: the 414 of an over-long URL).
      const server = httpServer(hostStrapi()) as { maxHeaderSize?: number };
      expect(server.maxHeaderSize).toBe(64 * 1024);
      const res = await anonymous().get(`/api/articles?locale=fr&x=${'a'.repeat(20_000)}`);
      expect(res.status).toBe(414);
    });
  });
});
