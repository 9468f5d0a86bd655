/**
 * Every Strapi API this plugin uses that Strapi does not document as an extension point, each
 * behind a typed adapter. tests/host/internals.contract.test.ts checks each one against the plugin
 * host and names the API when an upgrade changes it.
 */
import type { Core } from '@strapi/strapi';
import type { Server } from 'node:http';
import type { MiddlewareEntry } from './lib/middleware-order';

/** The names under which the contract test reports each internal API. */
export const INTERNAL_APIS = {
  authStrategy: 'requestContext ctx.state.auth.strategy.name',
  i18nLocales: "strapi.plugin('i18n').service('locales').findByCode",
  advancedSettings: 'core-store plugin_users-permissions_advanced (allow_register)',
  graphqlConfig:
    'strapi.config plugin::graphql.{defaultLimit,maxLimit,depthLimit,endpoint,apolloServer}',
  appMiddlewares: "strapi.config 'middlewares' read by server.initMiddlewares at bootstrap",
  graphqlNaming:
    "strapi.plugin('graphql').service('utils').naming.{getFindConnectionQueryName,getEntityResponseCollectionName}",
  databaseConnection: 'strapi.db.connection (knex)',
  httpServer: 'strapi.server.httpServer (node:http Server, created before plugins register)',
  maxHeaderSize:
    'node:http Server#maxHeaderSize, read for every new connection (the option of createServer; Strapi creates the server without it)',
} as const;

/**
 * Name of the auth strategy of the current HTTP request (`users-permissions` for the Public and
 * Authenticated roles, `api-token`, `admin`), or `undefined` outside a request.
 */
export function authStrategyName(strapi: Core.Strapi): string | undefined {
  const auth: unknown = strapi.requestContext.get()?.state?.auth;
  if (typeof auth !== 'object' || auth === null || !('strategy' in auth)) return undefined;
  const strategy: unknown = auth.strategy;
  if (typeof strategy !== 'object' || strategy === null || !('name' in strategy)) return undefined;
  return typeof strategy.name === 'string' ? strategy.name : undefined;
}

interface LocalesService {
  findByCode(code: string): Promise<unknown>;
}

/** True when the i18n plugin knows the locale `code`. */
export async function localeExists(strapi: Core.Strapi, code: string): Promise<boolean> {
  const locales = strapi.plugin('i18n').service('locales') as LocalesService;
  return Boolean(await locales.findByCode(code));
}

/** The users-permissions "Advanced settings" (admin → Settings), stored in the core store. */
export interface AdvancedSettings {
  allow_register?: boolean;
  [key: string]: unknown;
}

export function usersPermissionsAdvancedSettings(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  return {
    async get(): Promise<AdvancedSettings> {
      return ((await store.get({ key: 'advanced' })) ?? {}) as AdvancedSettings;
    },
    async set(value: AdvancedSettings): Promise<void> {
      await store.set({ key: 'advanced', value });
    },
  };
}

/** The pagination bounds and endpoint the GraphQL plugin is configured with. */
export interface GraphQLSettings {
  defaultLimit: number | undefined;
  maxLimit: number | undefined;
  /** The depth bound Strapi passes to graphql-depth-limit, if set. */
  depthLimit: number | undefined;
  endpoint: string;
}

export function graphqlSettings(strapi: Core.Strapi): GraphQLSettings {
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  const endpoint: unknown = strapi.config.get('plugin::graphql.endpoint');
  return {
    defaultLimit: number(strapi.config.get('plugin::graphql.defaultLimit')),
    maxLimit: number(strapi.config.get('plugin::graphql.maxLimit')),
    depthLimit: number(strapi.config.get('plugin::graphql.depthLimit')),
    endpoint: typeof endpoint === 'string' ? endpoint : '/graphql',
  };
}

/** The names the GraphQL plugin gives a collection type's `_connection` query and its result type. */
export interface ConnectionNames {
  /** `cities_connection` */
  query: string;
  /** `CityEntityResponseCollection` */
  responseCollection: string;
}

interface GraphQLNaming {
  getFindConnectionQueryName(contentType: unknown): string;
  getEntityResponseCollectionName(contentType: unknown): string;
}

/** `strapi.plugin('graphql').service('utils').naming`, for one content type. */
export function connectionNames(strapi: Core.Strapi, uid: string): ConnectionNames {
  const { naming } = strapi.plugin('graphql').service('utils') as { naming: GraphQLNaming };
  const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  return {
    query: naming.getFindConnectionQueryName(contentType),
    responseCollection: naming.getEntityResponseCollectionName(contentType),
  };
}

/** True when the GraphQL plugin is installed and enabled. */
export function hasGraphQL(strapi: Core.Strapi): boolean {
  return Boolean(strapi.plugin('graphql'));
}

/**
 * Adds Apollo Server plugins to the GraphQL plugin's `apolloServer.plugins` (documented config,
 * merged by concatenation with its own). Only effective during `register`: the GraphQL plugin
 * reads it when it starts Apollo in its bootstrap.
 */
export function addApolloServerPlugins(strapi: Core.Strapi, plugins: unknown[]): void {
  const key = 'plugin::graphql.apolloServer.plugins';
  const existing: unknown = strapi.config.get(key);
  strapi.config.set(key, [...(Array.isArray(existing) ? existing : []), ...plugins]);
}

/** An option of the Apollo Server the GraphQL plugin starts (its documented `apolloServer` config). */
export function apolloServerOption(strapi: Core.Strapi, name: string): unknown {
  return strapi.config.get(`plugin::graphql.apolloServer.${name}`);
}

/** Sets an Apollo Server option; only effective during `register` (see addApolloServerPlugins). */
export function setApolloServerOption(strapi: Core.Strapi, name: string, value: unknown): void {
  strapi.config.set(`plugin::graphql.apolloServer.${name}`, value);
}

/** Strapi's default list when an app has no config/middlewares file. */
const STRAPI_DEFAULT_MIDDLEWARES: MiddlewareEntry[] = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::session',
  'strapi::query',
  'strapi::body',
  'strapi::favicon',
  'strapi::public',
];

/**
 * The app's middleware list, which Strapi reads once when it mounts the server (after all
 * `register` hooks). Editing it in `register` places a plugin middleware at a chosen position.
 */
export const appMiddlewares = {
  get(strapi: Core.Strapi): MiddlewareEntry[] {
    const list: unknown = strapi.config.get('middlewares');
    return Array.isArray(list) ? [...(list as MiddlewareEntry[])] : [...STRAPI_DEFAULT_MIDDLEWARES];
  },
  set(strapi: Core.Strapi, list: MiddlewareEntry[]): void {
    strapi.config.set('middlewares', list);
  },
};

/** The knex instance of Strapi's database (for a shared rate-limit store on PostgreSQL). */
export function databaseConnection(strapi: Core.Strapi): unknown {
  return strapi.db.connection;
}

/** Node's HTTP server Strapi listens with (it exists from Strapi's construction on). */
export function httpServer(strapi: Core.Strapi): Server {
  return strapi.server.httpServer as Server;
}

/**
 * Node's limit for the size of a request head on this server. Strapi creates the server without
 * options for it; Node reads the property for every new connection, so setting it at bootstrap
 * applies to every request.
 */
export function setMaxHeaderSize(server: Server, bytes: number): void {
  (server as Server & { maxHeaderSize?: number }).maxHeaderSize = bytes;
}
