/**
 * `plugin::api-guards.filter-limits`: refuses REST requests to the content API whose `filters`
 * (or the `filters` inside their `populate`) exceed the `filters` limits with a 400 naming the
 * part at fault, before any query runs (lib/filter-measure.ts says why such filters are
 * expensive). It measures what the client sent, in the URL: the document service also serves
 * filters the app's own code builds (lists of ids from a page of results), which are not
 * limited. The plugin places it after `strapi::query`, which parses the query string.
 */
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ApiGuardsConfig } from '../config';
import {
  findFilterLimitProblem,
  measureFilters,
  modelFilterSchema,
  type FilterLimits,
  type FilterSchema,
} from '../lib/filter-measure';
import type { AttributeShape } from '../lib/filters';

export const FILTER_LIMITS = 'plugin::api-guards.filter-limits';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The model a REST path reads: `/api/cities/…` → the collection type whose plural name is
 * `cities`, `/api/network` → the single type named `network` (Strapi's routes for content types).
 * `undefined` for other routes (a plugin's own), whose filters are measured without relations.
 */
function modelsByRouteSegment(strapi: Core.Strapi): Map<string, string> {
  const models = new Map<string, string>();
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    // The admin's own types (admin::user, …) have no content-API routes.
    if (uid.startsWith('admin::')) continue;
    const { kind, info } = contentType as {
      kind?: string;
      info?: { pluralName?: string; singularName?: string };
    };
    const name = kind === 'singleType' ? info?.singularName : info?.pluralName;
    if (name && !models.has(name)) models.set(name, uid);
  }
  return models;
}

/** The first problem among `filters` and the filters of `populate` (recursively), or `null`. */
export function findRequestFilterProblem(
  query: Record<string, unknown>,
  uid: string | undefined,
  schema: FilterSchema<string>,
  limits: FilterLimits
): string | null {
  interface Pending {
    filters: unknown;
    populate: unknown;
    uid: string | undefined;
    /** How the client spelled this level: `filters`, `populate[cities][filters]`, … */
    filtersName: string;
    populateName: string;
  }
  const pending: Pending[] = [
    {
      filters: query.filters,
      populate: query.populate,
      uid,
      filtersName: 'filters',
      populateName: 'populate',
    },
  ];
  while (pending.length > 0) {
    const item = pending.pop() as Pending;
    if (item.filters !== undefined) {
      const measure = measureFilters(item.filters, item.uid ?? '', schema);
      const problem = findFilterLimitProblem(measure, limits, item.filtersName);
      if (problem) return problem;
    }
    if (!isPlainObject(item.populate)) continue;
    for (const [key, value] of Object.entries(item.populate)) {
      if (!isPlainObject(value)) continue;
      const name = `${item.populateName}[${key}]`;
      pending.push({
        filters: value.filters,
        populate: value.populate,
        uid: item.uid === undefined ? undefined : schema.hop(item.uid, key)?.target,
        filtersName: `${name}[filters]`,
        populateName: `${name}[populate]`,
      });
    }
  }
  return null;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const prefix = `${String(strapi.config.get('api.rest.prefix', '/api'))}/`;
  const schema = modelFilterSchema(
    (uid) =>
      strapi.getModel(uid as UID.Schema)?.attributes as Record<string, AttributeShape> | undefined
  );
  let models: Map<string, string> | undefined;
  return async (ctx, next) => {
    if (
      ctx.path.startsWith(prefix) &&
      (ctx.query.filters !== undefined || ctx.query.populate !== undefined)
    ) {
      models ??= modelsByRouteSegment(strapi);
      // Read per request (a map lookup): the limits can be changed at run time, as tests do.
      const limits = strapi.plugin('api-guards').config('filters') as ApiGuardsConfig['filters'];
      const segment = ctx.path.slice(prefix.length).split('/')[0];
      const problem = findRequestFilterProblem(ctx.query, models.get(segment), schema, limits);
      if (problem) {
        throw new errors.ValidationError(problem, { param: 'filters' });
      }
    }
    await next();
  };
};
