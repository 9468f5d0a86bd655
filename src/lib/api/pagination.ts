/**
 * The pagination parameters of the REST list routes, checked as the OpenAPI document describes
 * them: Strapi itself coerces a bad value silently (`pageSize=abc` gives the default, `0` one
 * entry) or names an internal parameter (`page=abc` is "start"). The same words as the search
 * route's own check (src/plugins/search), so a website meets one rule on every route.
 */

/** A pagination parameter the request cannot be answered with; the message names it. */
export interface PaginationProblem {
  param: string;
  message: string;
}

/** Beyond it, an offset overflows the database (`1e308` is an integer to JavaScript): as search. */
const MAX_PAGINATION_NUMBER = 1_000_000;

/**
 * The first problem of `pagination` (the parsed `pagination[...]` object of a query string), or
 * null. Unknown keys are left to Strapi's own strict parameter check.
 */
export function paginationProblem(pagination: unknown, maxLimit: number): PaginationProblem | null {
  if (pagination === undefined) return null;
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination)) {
    return { param: 'pagination', message: 'pagination must be an object' };
  }
  const values = pagination as Record<string, unknown>;
  for (const key of ['page', 'pageSize', 'start', 'limit']) {
    const value = values[key];
    if (value === undefined) continue;
    const param = `pagination[${key}]`;
    const minimum = key === 'start' ? 0 : 1;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < minimum) {
      return {
        param,
        message: `${param} must be ${minimum === 0 ? 'a non-negative' : 'a positive'} integer`,
      };
    }
    if ((key === 'pageSize' || key === 'limit') && number > maxLimit) {
      return { param, message: `${param} must be at most ${maxLimit}` };
    }
    if (number > MAX_PAGINATION_NUMBER) {
      return { param, message: `${param} must be at most ${MAX_PAGINATION_NUMBER}` };
    }
  }
  const withCount = values.withCount;
  if (withCount !== undefined && withCount !== 'true' && withCount !== 'false') {
    return {
      param: 'pagination[withCount]',
      message: 'pagination[withCount] must be true or false',
    };
  }
  return null;
}
