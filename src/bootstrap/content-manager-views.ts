import type { Core } from '@strapi/strapi';
import {
  VIEWS,
  managedValues,
  mergeView,
  type AttributeInfo,
  type ManagedValues,
} from '../lib/admin/content-manager-views';

const TYPES = [...Object.keys(VIEWS), 'api::network.network'];

/** Where the values applied last time are kept, to recognise an editor's later changes. */
const STORE = { type: 'plugin', name: 'ccn', key: 'content-manager-views' } as const;

interface StoredConfiguration {
  settings: object;
  metadatas: object;
  layouts: object;
}

/**
 * Sets up list columns, default sort and field descriptions in the content manager (see
 * src/lib/admin/content-manager-views.ts for the rule that keeps an editor's customisation).
 */
export async function ensureContentManagerViews(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types');
  const store = strapi.store(STORE);
  const previousByType = ((await store.get({})) ?? {}) as Record<string, ManagedValues>;
  const appliedByType: Record<string, ManagedValues> = {};

  for (const uid of TYPES) {
    const contentType = service.findContentType(uid);
    // findConfiguration adds the uid; the stored configuration does not hold it.
    const { settings, metadatas, layouts } = (await service.findConfiguration(
      contentType
    )) as StoredConfiguration;
    const current: StoredConfiguration = { settings, metadatas, layouts };
    const declared = managedValues(
      VIEWS[uid],
      strapi.contentType(uid as 'api::city.city').attributes as Record<string, AttributeInfo>
    );
    const result = mergeView(current, declared, previousByType[uid] ?? {});
    appliedByType[uid] = result.applied;
    if (result.changed.length > 0) {
      await service.updateConfiguration(contentType, result.configuration);
      strapi.log.info(`[cm-views] ${uid}: set ${result.changed.length} view settings`);
    }
  }
  if (JSON.stringify(appliedByType) !== JSON.stringify(previousByType)) {
    await store.set({ value: appliedByType });
  }
}
