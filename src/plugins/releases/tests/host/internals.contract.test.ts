/**
 * Contract of the non-public Strapi APIs the plugin uses (server/src/internals.ts), checked
 * against the plugin host (booted in the jest process): a Strapi upgrade that changes one fails here with the API's name.
 */
import { hostStrapi } from '../../../../../tests/helpers/host';
import {
  hideFromGraphql,
  inTransaction,
  INTERNAL_APIS,
  localeCodes,
  registerAdminActions,
} from '../../server/src/internals';

async function contract(api: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    throw new Error(
      `Strapi internal API ${api} changed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

const RELEASE = 'plugin::releases.release';

describe('Strapi internals used by the releases plugin', () => {
  it(INTERNAL_APIS.transaction, async () => {
    await contract(INTERNAL_APIS.transaction, async () => {
      const strapi = hostStrapi();
      const name = `contract ${Date.now()}`;
      // Commits with the work; rolls back when the work throws, also for Query Engine writes.
      const committed = await inTransaction(strapi, async () => {
        expect(strapi.db.inTransaction()).toBe(true);
        return strapi.db.query(RELEASE).create({ data: { name, status: 'pending', entries: [] } });
      });
      await expect(
        inTransaction(strapi, async () => {
          await strapi.db
            .query(RELEASE)
            .update({ where: { id: committed.id }, data: { name: 'x' } });
          throw new Error('roll back');
        })
      ).rejects.toThrow('roll back');
      const row = await strapi.db.query(RELEASE).findOne({ where: { id: committed.id } });
      expect(row?.name).toBe(name);
      await strapi.db.query(RELEASE).delete({ where: { id: committed.id } });
    });
  });

  it(INTERNAL_APIS.locales, async () => {
    await contract(INTERNAL_APIS.locales, async () => {
      const codes = await localeCodes(hostStrapi());
      expect(codes && [...codes].sort()).toEqual(['es', 'fr', 'it']);
    });
  });

  it(INTERNAL_APIS.graphqlShadowCrud, async () => {
    await contract(INTERNAL_APIS.graphqlShadowCrud, () => {
      expect(() => hideFromGraphql(hostStrapi(), RELEASE)).not.toThrow();
    });
  });

  it(INTERNAL_APIS.adminActions, async () => {
    await contract(INTERNAL_APIS.adminActions, async () => {
      // Registered at bootstrap: the action provider knows them (registering twice would throw).
      const provider = (
        hostStrapi().service('admin::permission') as unknown as {
          actionProvider: { get(id: string): unknown };
        }
      ).actionProvider;
      expect(provider.get('plugin::releases.read')).toBeTruthy();
      expect(provider.get('plugin::releases.manage')).toBeTruthy();
      expect(typeof registerAdminActions).toBe('function');
    });
  });
});
