/**
 * `GET /api/i18n/locales` (the i18n plugin's content API route) lists only the launched locales:
 * an unlaunched locale is private to the admin panel until it is launched. Filters the answer of
 * the stock controller, so its shape stays Strapi's.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { localesService } from '../targets';

const PATH = '/i18n/locales';

export function publicLocalesMiddleware(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method !== 'GET' || !Array.isArray(ctx.body)) return;
    const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    if (ctx.path !== `${prefix}${PATH}` && ctx.path !== `${prefix}${PATH}/`) return;
    const { codes } = await localesService(strapi).known();
    ctx.body = (ctx.body as Array<{ code?: unknown }>).filter(
      (locale) => typeof locale.code === 'string' && codes.includes(locale.code)
    );
  };
}
