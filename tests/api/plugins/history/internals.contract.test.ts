/**
 * Contract of the non-public Strapi APIs the plugin uses (server/src/internals.ts), checked
 * against the booted app: a Strapi upgrade that changes one fails here with the API's name.
 */
import request from 'supertest';
import { baseUrl, tokenHeader } from '../../../helpers/api';
import { getStrapi } from '../../../helpers/strapi';
import {
  canInLocale,
  customTokenActions,
  editViewLabels,
  graphqlExtension,
  i18nLocales,
  requestAuth,
  type AdminAbility,
} from '../../../../src/plugins/history/server/src/internals';

/** Fails with the name of the internal API when `check` throws. */
async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

describe('Strapi internals used by the history plugin', () => {
  it('ctx.state.auth.strategy.name of an API token request is API_TOKEN_STRATEGY', async () => {
    await contract('ctx.state.auth { strategy: { name }, credentials }', async () => {
      // The controller refuses any other strategy with "history is served to API tokens only".
      const res = await request(baseUrl())
        .get('/api/history/versions')
        .query({ uid: 'api::city.city', documentId: 'contract-none' })
        .set(tokenHeader());
      expect(res.body.error?.message).toBe('api::city.city has no document "contract-none"');
      // Outside a request the context is empty.
      expect(requestAuth(getStrapi())).toEqual({});
    });
  });

  it('API token credentials: custom tokens list their actions as strings', async () => {
    await contract('admin::api-token getByAccessKey().permissions', async () => {
      const service = getStrapi().service('admin::api-token');
      const token = (await service.create({
        name: `history contract ${Date.now()}`,
        type: 'custom',
        lifespan: null,
        permissions: ['api::city.city.find'],
      })) as { id: number; accessKey: string };
      try {
        // What the content-api-token strategy puts in ctx.state.auth.credentials.
        const stored = await service.getByAccessKey(service.hash(token.accessKey));
        expect(customTokenActions(stored)).toEqual(new Set(['api::city.city.find']));
        expect(customTokenActions({ ...stored, type: 'full-access' })).toBeUndefined();
      } finally {
        await service.revoke(token.id);
      }
    });
  });

  it('graphql.services.extension: shadowCRUD(uid).disable()', async () => {
    await contract('graphql.services.extension.shadowCRUD', () => {
      const extension = graphqlExtension(getStrapi());
      expect(typeof extension?.shadowCRUD('plugin::history.history-entry').disable).toBe(
        'function'
      );
    });
  });

  it('admin::permission createPermissionsManager().toSubject: locale conditions per field', async () => {
    await contract('admin::permission.createPermissionsManager', async () => {
      const strapi = getStrapi();
      const role = await strapi.service('admin::role').findOne({ code: 'ccn-uebersetzung-en' });
      const user = await strapi.service('admin::user').create({
        email: `history-contract-${Date.now()}@example.test`,
        firstname: 'Contract',
        isActive: true,
        roles: [role.id],
      });
      const ability = (await strapi
        .service('admin::permission')
        .engine.generateUserAbility(user)) as AdminAbility;
      await strapi.service('admin::user').deleteById(user.id);
      const update = 'plugin::content-manager.explorer.update';
      expect(canInLocale(strapi, ability, update, 'api::city.city', 'en')).toBe(true);
      expect(canInLocale(strapi, ability, update, 'api::city.city', 'de')).toBe(false);
      expect(canInLocale(strapi, ability, update, 'api::city.city', 'en', 'name')).toBe(true);
      // A shared (not localized) field is the Redaktion's.
      expect(canInLocale(strapi, ability, update, 'api::city.city', 'en', 'website')).toBe(false);
    });
  });

  it('i18n.services.locales: find() and getDefaultLocale()', async () => {
    await contract('i18n.services.locales', async () => {
      const locales = i18nLocales(getStrapi());
      const codes = (await locales?.find())?.map((locale) => locale.code);
      expect(codes).toEqual(expect.arrayContaining(['de', 'en']));
      expect(await locales?.getDefaultLocale()).toBe('de');
    });
  });

  it('content-manager.services.content-types.findConfiguration: edit-view labels', async () => {
    await contract('content-manager.services.content-types.findConfiguration', async () => {
      const labels = await editViewLabels(getStrapi(), 'api::city.city');
      expect(labels.name).toEqual(expect.any(String));
      expect(labels.key).toMatch(/^Schlüssel/);
    });
  });
});
