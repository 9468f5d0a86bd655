/**
 * How the plugin's koa middlewares refuse a request: Strapi's error format on REST, GraphQL's
 * `errors` list with an `extensions.code` on the GraphQL endpoint. They answer before
 * `strapi::errors`, so they set the body themselves.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ApiGuardsConfig } from '../config';
import { graphqlSettings, hasGraphQL } from '../internals';
import { pathMatcher } from '@creative-cities/path-patterns';

export interface Refusal {
  status: number;
  /** Strapi's error name on REST (`RateLimitError`, `UnauthorizedError`, …). */
  name: string;
  /** `extensions.code` on GraphQL (`RATE_LIMITED`, `UNAUTHENTICATED`, …). */
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

export function refuse(ctx: Context, isGraphQL: boolean, refusal: Refusal): void {
  const { status, name, code, message, retryAfterSeconds } = refusal;
  ctx.status = status;
  if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(retryAfterSeconds));
  ctx.body = isGraphQL
    ? { errors: [{ message, extensions: { code } }] }
    : { data: null, error: { status, name, message, details: {} } };
}

/** Where the guards apply: the REST prefix and the GraphQL endpoint. */
export interface ApiPaths {
  restPrefix: string;
  graphqlEndpoint?: string;
  /** Other paths answered per request from content (`missPath.extraPaths`), guarded like REST. */
  isExtraPath: (path: string) => boolean;
}

/**
 * The paths the guards apply to: the REST prefix, the GraphQL plugin's endpoint and
 * `missPath.extraPaths`. Read on a first request, when every plugin's configuration is final.
 */
export function guardedPaths(strapi: Core.Strapi): ApiPaths {
  const missPath = strapi.plugin('api-guards').config('missPath') as ApiGuardsConfig['missPath'];
  return {
    restPrefix: `${String(strapi.config.get('api.rest.prefix', '/api'))}/`,
    graphqlEndpoint: hasGraphQL(strapi) ? graphqlSettings(strapi).endpoint : undefined,
    isExtraPath: pathMatcher(missPath.extraPaths),
  };
}

/** `'graphql'`, `'rest'`, or null for a path outside the content APIs (admin, static, health). */
export function apiOf(ctx: Context, paths: ApiPaths): 'graphql' | 'rest' | null {
  return apiOfPath(ctx.path, paths);
}

/** {@link apiOf} of a raw path (without its query string). */
export function apiOfPath(path: string, paths: ApiPaths): 'graphql' | 'rest' | null {
  if (paths.graphqlEndpoint !== undefined && path === paths.graphqlEndpoint) return 'graphql';
  if (path.startsWith(paths.restPrefix)) return 'rest';
  return paths.isExtraPath(path) ? 'rest' : null;
}
