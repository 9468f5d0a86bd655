import type { Core } from '@strapi/strapi';
import { ensureLocales } from './bootstrap/locales';
import { applyRolePermissions } from './bootstrap/public-permissions';
import { isEmptyDatabase, runSeed } from './seed';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await applyRolePermissions(strapi);
    // A fresh database gets the content at first start; `npm run seed` re-syncs later.
    if (process.env.SEED_ON_BOOTSTRAP !== 'false' && (await isEmptyDatabase(strapi))) {
      await runSeed(strapi);
    }
  },
};
