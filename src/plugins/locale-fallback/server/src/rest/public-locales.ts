/**
 * Unlaunched locales stay private on the content API's answers (docs/adr/0005-locale-settings.md):
 * `GET /api/i18n/locales` (the i18n plugin's route) lists only the launched locales, and the
 * `localizations` of every answer (language alternates) leave out versions in unlaunched
 * locales. Filters the stock answers, so their shape stays Strapi's; nothing to do, and no walk,
 * while every locale is launched.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { withoutUnlaunched } from '../lib/unlaunched';
import { localesService } from '../targets';

const PATH = '/i18n/locales';

export function publicLocalesMiddleware(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method !== 'GET' || typeof ctx.body !== 'object' || ctx.body === null) return;
    const { codes, all } = await localesService(strapi).known();
    if (codes.length === all.length) return;
    const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    if (ctx.path === `${prefix}${PATH}` || ctx.path === `${prefix}${PATH}/`) {
      if (Array.isArray(ctx.body)) {
        ctx.body = (ctx.body as Array<{ code?: unknown }>).filter(
          (locale) => typeof locale.code === 'string' && codes.includes(locale.code)
        );
      }
      return;
    }
    ctx.body = withoutUnlaunched(ctx.body, codes);
  };
}
