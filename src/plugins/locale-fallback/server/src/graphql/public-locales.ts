/**
 * Unlaunched locales stay private on GraphQL as on REST (../rest/public-locales.ts): the
 * `localizations` of an entry (language alternates) leave out versions in unlaunched locales, and
 * `i18NLocales` lists only the launched ones. The alternates are filtered in the query (a
 * `locale in [launched]` filter beside the caller's own), so the page, its `pageInfo` total and
 * the fields asked for stay Strapi's; nothing changes while every locale is launched.
 */
import type { Core } from '@strapi/strapi';
import { localesService } from '../targets';

type Resolver = (
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: unknown
) => unknown;

/** Middleware of `<Type>.localizations` and `<Type>.localizations_connection`. */
export function launchedLocalizationsMiddleware(strapi: Core.Strapi) {
  return async (
    next: Resolver,
    parent: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: unknown
  ): Promise<unknown> => {
    const { codes, all } = await localesService(strapi).known();
    if (codes.length === all.length) return next(parent, args, context, info);
    const launched = { locale: { in: [...codes] } };
    const filters =
      args.filters === undefined || args.filters === null
        ? launched
        : { and: [args.filters, launched] };
    return next(parent, { ...args, filters }, context, info);
  };
}

/** Middleware of `Query.i18NLocales`: only the launched locales. */
export function launchedLocalesListMiddleware(strapi: Core.Strapi) {
  return async (
    next: Resolver,
    parent: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: unknown
  ): Promise<unknown> => {
    const result = await next(parent, args, context, info);
    const { codes, all } = await localesService(strapi).known();
    if (codes.length === all.length || !Array.isArray(result)) return result;
    return result.filter(
      (locale: unknown) =>
        typeof (locale as { code?: unknown } | null)?.code === 'string' &&
        codes.includes((locale as { code: string }).code)
    );
  };
}
