import type { Core } from '@strapi/strapi';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { ensureLocales } from './bootstrap/locales';
import { registerLocaleLifecycle } from './i18n/locale-lifecycle';
import { applyRolePermissions } from './bootstrap/public-permissions';
import { isEmptyDatabase, runSeed } from './seed';
import { bootstrapWebsiteApi } from './website-api';
import { bootstrapPreview } from './preview';
import { securityRegister } from './security';
import { registerYearField } from './custom-fields/year';

type Lifecycle = (strapi: Core.Strapi) => Promise<void> | void;

/** Run before the app is initialised: extend Strapi (document middlewares, GraphQL, …). */
const registerSteps: Lifecycle[] = [
  // First: refuses to start in production with example secrets before anything else runs.
  securityRegister,
  // Before the content types are loaded: City.memberSince is a `global::year`.
  registerYearField,
];

/** Run at start-up, in order, before the server accepts requests. */
const bootstrapSteps: Lifecycle[] = [
  // The app's hooks of the locale lifecycle (translator roles, OpenAPI): before any request.
  registerLocaleLifecycle,
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
  bootstrapPreview,
  ensureAdminRoles,
  ensureContentManagerViews,
  ensureFirstAdmin,
];

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    for (const step of registerSteps) await step(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    for (const step of bootstrapSteps) await step(strapi);
  },
};
