/**
 * Content-manager writes stay in the locales the admin's role allows. Strapi's content manager
 * checks some writes only against "may do this in some locale": `PUT …/:id?locale=en` on a
 * document without an `en` version creates that version after `permissionChecker.cannot.create()`
 * without a locale, and `POST …/:model?locale=en` and clone do the same, so a translator of `fr`
 * could create `en` versions. This route middleware checks the action in the target locale of
 * every write route of the content manager before Strapi's controller runs, and answers 403
 * naming the locale (a `PolicyError`). Strapi's own checks still run after it.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { canInLocale, contentManagerRoutes, type AdminAbility } from './internals';

type Verb = 'create' | 'update' | 'delete' | 'publish';

/**
 * What each write route does to the version in its target locale. `save` updates the version,
 * or creates it when the locale has none yet (update and single-type createOrUpdate).
 */
const WRITES: Record<string, Verb | 'save'> = {
  'collection-types.create': 'create',
  'collection-types.clone': 'create',
  'collection-types.autoClone': 'create',
  'collection-types.update': 'save',
  'collection-types.delete': 'delete',
  'collection-types.publish': 'publish',
  'collection-types.unpublish': 'publish',
  'collection-types.discard': 'update',
  'collection-types.bulkDelete': 'delete',
  'collection-types.bulkPublish': 'publish',
  'collection-types.bulkUnpublish': 'publish',
  'single-types.createOrUpdate': 'save',
  'single-types.delete': 'delete',
  'single-types.publish': 'publish',
  'single-types.unpublish': 'publish',
  'single-types.discard': 'update',
};

const ACTION: Record<Verb, string> = {
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
  delete: 'plugin::content-manager.explorer.delete',
  publish: 'plugin::content-manager.explorer.publish',
};

/**
 * The locales a request writes: the i18n plugin moves `?locale=` into the body of POST and PUT
 * (defaulting it); DELETE keeps it in the query. `*` (every locale) is left to Strapi, which
 * checks each version it finds.
 */
export function targetLocales(body: unknown, query: unknown): string[] {
  const pick = (source: unknown): unknown =>
    typeof source === 'object' && source !== null
      ? (source as { locale?: unknown }).locale
      : undefined;
  const value = pick(body) ?? pick(query);
  const values = Array.isArray(value) ? value : [value];
  return values.filter((code): code is string => typeof code === 'string' && code !== '*');
}

const isLocalized = (strapi: Core.Strapi, uid: string): boolean => {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as
    { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined;
  return model?.pluginOptions?.i18n?.localized === true;
};

/** Whether the version in `locale` exists (a draft: every version has one). */
async function versionExists(
  strapi: Core.Strapi,
  uid: string,
  documentId: string | undefined,
  locale: string
): Promise<boolean> {
  const where = documentId === undefined ? { locale } : { documentId, locale };
  return (await strapi.db.query(uid as never).count({ where })) > 0;
}

export function localeScopeMiddleware(strapi: Core.Strapi, write: Verb | 'save') {
  return async (ctx: Context, next: Next) => {
    const ability = ctx.state.userAbility as AdminAbility | undefined;
    const params = ctx.params as { model?: string; id?: string };
    const uid = params.model;
    if (!ability || typeof uid !== 'string' || !isLocalized(strapi, uid)) return next();
    const body = (ctx.request as unknown as { body?: unknown }).body;
    for (const locale of targetLocales(body, ctx.query)) {
      const verb: Verb =
        write !== 'save'
          ? write
          : (await versionExists(strapi, uid, params.id, locale))
            ? 'update'
            : 'create';
      if (!canInLocale(strapi, ability, ACTION[verb], uid, locale)) {
        // A PolicyError: Strapi's admin router turns any other ForbiddenError into a bare
        // "Forbidden" (compose-endpoint's authorize step); this one keeps its message.
        throw new errors.PolicyError(
          `Your role may not ${verb} the "${locale}" version of ${uid}: it is limited to other locales.`,
          { action: ACTION[verb], locale }
        );
      }
    }
    return next();
  };
}

/** Adds the middleware to the content manager's write routes (in `register`). */
export function guardContentManagerLocales(strapi: Core.Strapi): void {
  for (const route of contentManagerRoutes(strapi)) {
    const write = WRITES[route.handler];
    if (!write) continue;
    route.config ??= {};
    route.config.middlewares = [
      ...(route.config.middlewares ?? []),
      localeScopeMiddleware(strapi, write),
    ];
  }
}

/** The handlers the middleware guards (the contract test checks the content manager has them). */
export const GUARDED_HANDLERS: readonly string[] = Object.keys(WRITES);
