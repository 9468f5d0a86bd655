import { factories, type UID } from '@strapi/strapi';
import { assertLocaleParams } from './locales';

/**
 * The core controller of a localized content type with strict locale parameters: `find` and
 * `findOne` answer 400 for an unknown `locale` or `fallbackLocale` before Strapi runs the query
 * (stock Strapi answers an empty 200). Fallback itself happens in the document service
 * middleware (./fallback.ts), so REST and GraphQL share it.
 */
export function createWebsiteController(uid: UID.ContentType) {
  return factories.createCoreController(uid, ({ strapi }) => ({
    async find(ctx) {
      await assertLocaleParams(strapi, ctx.query);
      return super.find(ctx);
    },
    async findOne(ctx) {
      await assertLocaleParams(strapi, ctx.query);
      return super.findOne(ctx);
    },
  }));
}
