/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. tests/host/internals.contract.test.ts checks each against the plugin host and names
 * the API when an upgrade changes it. Everything else the plugin uses is public:
 * `strapi.server.use`, `strapi.documents.use`, `strapi.db.lifecycles.subscribe`, `strapi.config`,
 * `strapi.contentTypes`, `strapi.components`, `ctx.state.user` / `ctx.state.auth`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import type { ClientConfig } from 'pg';

/** The names checked by the contract test, as they appear in its failure messages. */
export const INTERNAL_APIS = {
  knexQueryEvent: "strapi.db.connection (knex) 'query' event",
  transactionContext: 'strapi.db.inTransaction() / strapi.db.transaction(({ trx, onCommit }))',
  connectionSettings: 'strapi.config database.connection.{client,connection} (knex settings)',
  queryEventSql: "knex 'query' event data { sql }",
  metadata: 'strapi.db.metadata (Map of uid -> { tableName, attributes[].joinTable.name })',
  apiTokenService: "strapi.service('admin::api-token-content-api').{hash,getByAccessKey}",
  localesService: "strapi.plugin('i18n').service('locales').{find,getDefaultLocale}()",
  requestListener:
    "strapi.server.httpServer (node:http Server created in Strapi's constructor, one 'request' listener: the Koa app)",
} as const;

/** Answers a request itself (true) or leaves it to the app (false), synchronously. */
export type EarlyAnswer = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Puts `answer` in front of Strapi's Koa app on Node's HTTP server: every request reaches it
 * first, and only the requests it leaves (returns false for) reach the app. Strapi creates the
 * server with one `request` listener, its Koa app's callback; that listener is taken off and
 * called from ours, so nothing else changes for the requests the app still answers.
 */
export function answerBeforeApp(strapi: Core.Strapi, answer: EarlyAnswer): void {
  const server = strapi.server.httpServer as Server;
  const appListeners = server.listeners('request') as EarlyAnswer[];
  if (appListeners.length !== 1) {
    throw new Error(
      `expected one 'request' listener (the Koa app) on strapi.server.httpServer, found ${appListeners.length}`
    );
  }
  const [app] = appListeners;
  server.removeListener('request', app);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!answer(request, response)) app(request, response);
  });
}

/**
 * Calls `listener` for every SQL query Strapi sends (knex's `query` event on the raw connection).
 * Returns a function that removes the listener.
 */
export function onEveryQuery(strapi: Core.Strapi, listener: () => void): () => void {
  const knex = strapi.db.connection;
  knex.on('query', listener);
  return () => {
    knex.off('query', listener);
  };
}

/**
 * Calls `listener` with the SQL text of every query Strapi sends (knex's `query` event). Returns a
 * function that removes the listener.
 */
export function onEverySql(strapi: Core.Strapi, listener: (sql: string) => void): () => void {
  const knex = strapi.db.connection;
  const handler = (data: { sql?: unknown }): void => {
    if (typeof data?.sql === 'string') listener(data.sql);
  };
  knex.on('query', handler);
  return () => {
    knex.off('query', handler);
  };
}

/** Which model each database table belongs to, from Strapi's database metadata. */
export interface TableModels {
  /** Table name → model uid (content types, components, Strapi's own models). */
  models: Map<string, string>;
  /** Join tables of relations and components (their reads belong to the models they join). */
  joinTables: Set<string>;
}

interface MetadataEntry {
  uid: string;
  tableName: string;
  attributes: Record<string, { joinTable?: { name?: string } }>;
}

/** The tables of every model known to Strapi's database layer (`strapi.db.metadata`). */
export function tableModels(strapi: Core.Strapi): TableModels {
  const metadata = (strapi.db as unknown as { metadata: Map<string, MetadataEntry> }).metadata;
  const models = new Map<string, string>();
  const joinTables = new Set<string>();
  for (const meta of metadata.values()) {
    models.set(meta.tableName, meta.uid);
    for (const attribute of Object.values(meta.attributes ?? {})) {
      const name = attribute?.joinTable?.name;
      if (typeof name === 'string') joinTables.add(name);
    }
  }
  return { models, joinTables };
}

/** What the cache needs to know of a Content API token. */
export interface ApiTokenInfo {
  id: string;
  /** `read-only`, `full-access` or `custom`. */
  type: string;
  /** `content-api` (or null for old tokens); admin tokens are something else. */
  kind: string | null;
  expiresAt: number | null;
}

interface ContentApiTokenService {
  hash(accessKey: string): string;
  getByAccessKey(
    hash: string
  ): Promise<
    | { id: number | string; type?: string; kind?: string | null; expiresAt?: string | null }
    | null
    | undefined
  >;
}

function contentApiTokenService(strapi: Core.Strapi): ContentApiTokenService {
  return strapi.service('admin::api-token-content-api') as unknown as ContentApiTokenService;
}

/**
 * The HMAC of a raw token as Strapi stores it (`api-token-content-api.hash`, keyed by
 * API_TOKEN_SALT): the raw token is never kept.
 */
export function apiTokenHash(strapi: Core.Strapi, raw: string): string {
  return contentApiTokenService(strapi).hash(raw);
}

/** The Content API token with this hash, as Strapi's token strategy would find it. */
export async function apiTokenByHash(
  strapi: Core.Strapi,
  hash: string
): Promise<ApiTokenInfo | undefined> {
  const token = await contentApiTokenService(strapi).getByAccessKey(hash);
  if (!token) return undefined;
  return {
    id: String(token.id),
    type: String(token.type ?? ''),
    kind: token.kind ?? null,
    expiresAt: token.expiresAt ? new Date(token.expiresAt).getTime() : null,
  };
}

/** Codes of the locales the app has (i18n plugin), `[]` without i18n. */
export async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const i18n = strapi.plugin('i18n');
  if (!i18n) return [];
  const locales = (await i18n.service('locales').find()) as Array<{ code: string }>;
  return locales.map((locale) => locale.code);
}

/** Code of the app's default locale (i18n plugin), undefined without i18n. */
export async function defaultLocaleCode(strapi: Core.Strapi): Promise<string | undefined> {
  const i18n = strapi.plugin('i18n');
  if (!i18n) return undefined;
  const code: unknown = await i18n.service('locales').getDefaultLocale();
  return typeof code === 'string' ? code : undefined;
}

/** The database transaction the current async context runs in, if any. */
export interface OpenTransaction {
  /** Identity of the transaction (the knex transaction object), to run a hook once per transaction. */
  id: object;
  /** Runs `callback` after the transaction commits (not at all if it rolls back). */
  onCommit(callback: () => void): void;
}

/**
 * The transaction of the current async context (Strapi keeps it in an AsyncLocalStorage), or
 * undefined outside one. Joining it through `strapi.db.transaction` neither commits nor nests.
 */
export async function currentTransaction(
  strapi: Core.Strapi
): Promise<OpenTransaction | undefined> {
  if (!strapi.db.inTransaction()) return undefined;
  return strapi.db.transaction(({ trx, onCommit }) => ({
    id: trx as object,
    onCommit: (callback: () => void) => onCommit(callback),
  }));
}

/** The knex client name of the app's database (`sqlite`, `postgres`, `mysql`, …). */
export function databaseClient(strapi: Core.Strapi): string {
  return strapi.config.get<string>('database.connection.client');
}

/**
 * Settings for a dedicated `pg` connection to the app's own PostgreSQL database (LISTEN needs one
 * that the knex pool does not recycle), taken from the app's knex connection settings.
 */
export function postgresClientConfig(strapi: Core.Strapi): ClientConfig {
  const connection = strapi.config.get<ClientConfig | string>('database.connection.connection');
  if (typeof connection === 'string') return { connectionString: connection };
  const { connectionString, host, port, database, user, password, ssl } = connection;
  return connectionString
    ? { connectionString, ssl }
    : { host, port, database, user, password, ssl };
}
