import type { Core } from '@strapi/strapi';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Resolve the configured types now: a config naming a missing type or field fails the boot.
  strapi.plugin('search').service('catalog').types();
  const indexer = strapi.plugin('search').service('indexer');
  await indexer.ensureTables();
  if (await indexer.isStale()) {
    const entries = await indexer.rebuild();
    strapi.log.info(`[search] index rebuilt: ${entries} entries`);
  }
};
