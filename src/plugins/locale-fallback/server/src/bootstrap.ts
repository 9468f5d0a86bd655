import type { Core } from '@strapi/strapi';
import { CORE_STORE_MODEL, I18N_LOCALE_MODEL, onOpenApiGeneration } from './internals';
import { describeLocaleParams, type OpenApiDocument } from './lib/openapi';
import type { EvictionFeed } from './services/locales';
import { restrictServedVersionReads } from './rest/served-versions';
import { localesService, pluginConfig } from './targets';

const WRITES = [
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
] as const;

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const locales = localesService(strapi);
  // A locale created, renamed or deleted, or a new default locale (kept in the core store):
  // read the list again on next use. Core-store writes are rare (settings), so any of them does.
  const invalidate = (): void => locales.invalidate();
  strapi.db.lifecycles.subscribe({
    models: [I18N_LOCALE_MODEL, CORE_STORE_MODEL],
    ...Object.fromEntries(WRITES.map((action) => [action, invalidate])),
  });
  // Writes on other instances: through the response-cache plugin's bus, when it is installed
  // (looked up by name; without it, services/locales.ts reads again after settingsRecheckMs).
  const cache = strapi.plugin('response-cache')?.service('cache') as
    Partial<EvictionFeed> | undefined;
  if (typeof cache?.onEviction === 'function' && typeof cache.sharesEvictions === 'function') {
    locales.follow(cache as EvictionFeed);
  }
  // A fallback list's read keeps one version per document in its own query.
  restrictServedVersionReads(strapi);
  // Read once now, so the first request does not pay for it.
  await locales.known();

  // Here and not in register: after every plugin added its own operations to the document (in
  // its register phase), so that theirs get the locale parameters described too.
  if (pluginConfig(strapi).openapi && strapi.plugin('documentation')) {
    onOpenApiGeneration(strapi, (draft: OpenApiDocument) => {
      describeLocaleParams(draft, locales.lastKnown());
    });
  }
};
