/**
 * `plugin::api-guards.query-timeout`: a REST request whose query the database stopped at its
 * statement timeout (PostgreSQL, lib/statement-timeout.ts) gets a `503` with `Retry-After` and a
 * message naming the cause, in Strapi's error format, instead of `strapi::errors`' 500 and its
 * error log with the whole SQL. The plugin places it right after `strapi::errors`. (GraphQL
 * answers the same reads with the document guards' QueryTimeoutError.)
 */
import type { Core } from '@strapi/strapi';
import { QueryTimeoutError } from './document-guards';
import {
  isStatementTimeout,
  QUERY_TIMEOUT_MESSAGE,
  QUERY_TIMEOUT_RETRY_AFTER_SECONDS,
} from '../lib/statement-timeout';

export const QUERY_TIMEOUT = 'plugin::api-guards.query-timeout';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof QueryTimeoutError) && !isStatementTimeout(error)) throw error;
      strapi.log.warn(`api-guards: statement timeout on ${ctx.method} ${ctx.path}`);
      ctx.status = 503;
      ctx.set('Retry-After', String(QUERY_TIMEOUT_RETRY_AFTER_SECONDS));
      ctx.body = {
        data: null,
        error: {
          status: 503,
          name: 'QueryTimeoutError',
          message: QUERY_TIMEOUT_MESSAGE,
          details: {},
        },
      };
    }
  };
};
