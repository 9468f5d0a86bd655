/**
 * Unlaunched locales stay private on the content API's answers (docs/adr/0005-locale-settings.md):
 * `GET /api/i18n/locales` (the i18n plugin's route) lists only the launched locales, and the
 * `localizations` of every answer (language alternates) leave out versions in unlaunched
 * locales (a query that selects alternates' fields without `locale` gets it selected to tell
 * them apart, and dropped again). Filters the stock answers, so their shape stays Strapi's;
 * nothing to do, and no walk, while every locale is launched.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { selectLocaleOfLocalizations, withoutUnlaunched } from '../lib/unlaunched';
import { localesService } from '../targets';

const PATH = '/i18n/locales';

export function publicLocalesMiddleware(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET') return next();
    const before = await localesService(strapi).known();
    // Alternates that select fields without `locale` could not be told apart: select it too.
    const addedLocale =
      before.codes.length !== before.all.length && selectLocaleOfLocalizations(ctx.query.populate);
    await next();
    if (typeof ctx.body !== 'object' || ctx.body === null) return;
    const { codes, all } = await localesService(strapi).known();
    if (codes.length === all.length && !addedLocale) return;
    const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    if (ctx.path === `${prefix}${PATH}` || ctx.path === `${prefix}${PATH}/`) {
      if (Array.isArray(ctx.body)) {
        ctx.body = (ctx.body as Array<{ code?: unknown }>).filter(
          (locale) => typeof locale.code === 'string' && codes.includes(locale.code)
        );
      }
      return;
    }
    ctx.body = withoutUnlaunched(ctx.body, codes, { dropLocale: addedLocale });
  };
}
