import type { Core } from '@strapi/strapi';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { ensureLocales } from './bootstrap/locales';
import { applyRolePermissions } from './bootstrap/public-permissions';
import { isEmptyDatabase, runSeed } from './seed';
import { bootstrapWebsiteApi } from './website-api';
import { bootstrapPreview } from './preview';
import { securityRegister } from './security';
import { registerYearField } from './custom-fields/year';
import { installContentApiMemo, type ContentApi } from './lib/performance/content-api-memo';
import {
  installOutputSanitizerFastPath,
  type OutputSanitizerHost,
} from './lib/performance/output-sanitizer-fast-path';
import { usersPermissionsOutputSanitizer } from './lib/performance/users-permissions-output-sanitizer';
import {
  installReadsWithoutTransaction,
  type DocumentService,
  type TransactionalDatabase,
} from './lib/performance/reads-without-transaction';

type Lifecycle = (strapi: Core.Strapi) => Promise<void> | void;

/** Run before the app is initialised: extend Strapi (document middlewares, GraphQL, …). */
const registerSteps: Lifecycle[] = [
  // First: refuses to start in production with example secrets before anything else runs.
  securityRegister,
  // Before the content types are loaded: City.memberSince is a `global::year`.
  registerYearField,
  // The miss path: validated and sanitised queries and abilities memoized (docs/performance.md).
  (strapi) => {
    if (process.env.CONTENT_API_MEMO !== 'false') {
      installContentApiMemo(strapi.contentAPI as unknown as ContentApi);
    }
  },
  // The miss path: responses with nothing to remove skip the output sanitizer's walks.
  (strapi) => {
    if (process.env.OUTPUT_SANITIZER_FAST_PATH === 'false') return;
    const known = usersPermissionsOutputSanitizer();
    installOutputSanitizerFastPath({
      sanitize: strapi.contentAPI.sanitize as unknown as OutputSanitizerHost['sanitize'],
      getModel: (uid) =>
        strapi.getModel(uid as never) as unknown as ReturnType<OutputSanitizerHost['getModel']>,
      registeredOutputSanitizers: () => strapi.sanitizers.get('content-api.output') ?? [],
      knownOutputSanitizers: new Set(known === undefined ? [] : [known]),
      // As Strapi's own relation walk asks it: one scope as a string.
      verify: (auth, config) => strapi.auth.verify(auth as never, config as never),
    });
  },
];

/** Run at start-up, in order, before the server accepts requests. */
const bootstrapSteps: Lifecycle[] = [
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
  // Last, so that its Document Service middleware runs innermost (docs/performance.md).
  (strapi) => {
    if (process.env.READS_WITHOUT_TRANSACTION !== 'false') {
      installReadsWithoutTransaction(
        strapi.db as unknown as TransactionalDatabase,
        strapi.documents as unknown as DocumentService
      );
    }
  },
];

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    for (const step of registerSteps) await step(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    for (const step of bootstrapSteps) await step(strapi);
  },
};
