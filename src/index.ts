import type { Core } from '@strapi/strapi';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { ensureLocales } from './bootstrap/locales';
import { applyRolePermissions } from './bootstrap/public-permissions';
import { isEmptyDatabase, runSeed } from './seed';
import { bootstrapWebsiteApi, registerWebsiteApi } from './website-api';
import {
  bootstrapResponseCache,
  destroyResponseCache,
  registerResponseCache,
} from './response-cache';
import { registerGraphQLBatching } from './graphql/batch-relations';
import { securityRegister } from './security';
import { registerTranslation } from './translation/register';

type Lifecycle = (strapi: Core.Strapi) => Promise<void> | void;

/** Run before the app is initialised: extend Strapi (document middlewares, GraphQL, …). */
const registerSteps: Lifecycle[] = [
  // First: refuses to start in production with example secrets before anything else runs.
  securityRegister,
  registerWebsiteApi,
  registerResponseCache,
  registerGraphQLBatching,
  registerTranslation,
];

/** Run at start-up, in order, before the server accepts requests. */
const bootstrapSteps: Lifecycle[] = [
  // First, so that the seed below already invalidates through it.
  bootstrapResponseCache,
  ensureLocales,
  async (strapi) => {
    await applyRolePermissions(strapi);
  },
  async (strapi) => {
    // A fresh database gets the content at first start; `npm run seed` re-syncs later.
    if (process.env.SEED_ON_BOOTSTRAP !== 'false' && (await isEmptyDatabase(strapi))) {
      await runSeed(strapi);
    }
  },
  bootstrapWebsiteApi,
  ensureAdminRoles,
  ensureContentManagerViews,
  ensureFirstAdmin,
];

/** Run when Strapi stops: close connections opened by the steps above. */
const destroySteps: Lifecycle[] = [destroyResponseCache];

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    for (const step of registerSteps) await step(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    for (const step of bootstrapSteps) await step(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    for (const step of destroySteps) await step(strapi);
  },
};
