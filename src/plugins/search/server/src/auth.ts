/**
 * Authentication of GET /api/search without credentials, in place of the generic public path.
 *
 * For a request without credentials, users-permissions reads every permission of the Public role
 * and builds a CASL ability from them on each request, just to check one action. This strategy,
 * first on the route, asks the database only whether the Public role has
 * `plugin::search.search.find`, in the statement that also reads the locales the search needs
 * (services/search.ts `environment`), and hands that to the controller. Anything else falls
 * through to Strapi's own strategies, unchanged: a request with an `Authorization` header (API
 * token or users-permissions JWT), and an anonymous one the Public role may not make (Strapi then
 * answers 401 or 403 as before). Nothing is memoized, so a permission change made on any instance
 * applies to the next request.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { SearchEnvironment } from './services/search';

export const SEARCH_ACTION = 'plugin::search.search.find';

/** Where the strategy leaves what it read for the controller. */
export const ENVIRONMENT_STATE = 'searchEnvironment';

/**
 * Strapi's content API strategies (API tokens from the admin package, then users-permissions),
 * by the names they register under, in their own order; a name that is not registered would be
 * skipped silently, which the API tests of tokens and JWTs would show.
 */
const STRAPI_STRATEGIES = ['content-api-token', 'users-permissions'];

export interface AuthResult {
  authenticated: boolean;
  credentials?: null;
  ability?: null;
}

export function publicSearchStrategy(strapi: Core.Strapi) {
  return {
    name: 'search-public',
    async authenticate(ctx: Context): Promise<AuthResult> {
      if (ctx.request.header.authorization !== undefined) return { authenticated: false };
      const environment: SearchEnvironment = await strapi
        .plugin('search')
        .service('search')
        .environment({ publicAction: SEARCH_ACTION });
      if (!environment.publicAllowed) return { authenticated: false };
      ctx.state[ENVIRONMENT_STATE] = environment;
      // What users-permissions answers for the Public role: authenticated, no credentials.
      return { authenticated: true, credentials: null, ability: null };
    },
    verify(_auth: unknown, config: { scope?: string[] } = {}): void {
      // Only the search action was checked above.
      if (!config.scope || config.scope.some((scope) => scope !== SEARCH_ACTION)) {
        throw new errors.ForbiddenError();
      }
    },
  };
}

/** The route's `config.auth`: this strategy, then Strapi's. */
export function searchRouteAuth(strapi: Core.Strapi) {
  return {
    scope: [SEARCH_ACTION],
    strategies: [publicSearchStrategy(strapi), ...STRAPI_STRATEGIES],
  };
}
