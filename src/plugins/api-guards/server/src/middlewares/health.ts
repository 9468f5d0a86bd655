/**
 * Answers `/_health` ahead of the app's middleware list, as Strapi's own route does (`204`, its
 * `strapi` header, any method). Strapi routes it after every middleware (logger, security,
 * sessions, body parsing, …), so a probe shares the work of every request; answered here it costs
 * one comparison, and a flood of refused requests cannot queue work in front of it. It cannot
 * help against a blocked event loop, only against work in the middleware list.
 */
import type { Context, Next } from 'koa';

export const HEALTH_PATH = '/_health';

export function earlyHealthCheck() {
  return (ctx: Context, next: Next): Promise<void> | void => {
    // Strapi's router matches a trailing slash too.
    if (ctx.path !== HEALTH_PATH && ctx.path !== `${HEALTH_PATH}/`) return next();
    ctx.set('strapi', 'You are so French!');
    ctx.status = 204;
  };
}
