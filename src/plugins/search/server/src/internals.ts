/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind typed adapters.
 * tests/host/internals.contract.test.ts checks each one against the plugin host and names the API
 * that changed when an upgrade breaks it.
 */
import type { Core } from '@strapi/strapi';

export type SqlDialect = 'sqlite' | 'postgres';

/** What knex's `raw` offers (the part used here): a thenable of the driver's result. */
interface RawRunner {
  raw(sql: string, bindings: readonly unknown[]): PromiseLike<unknown>;
}

/** Raw SQL on the app's database, inside the current transaction when there is one. */
export interface Sql {
  dialect: SqlDialect;
  /** A table name, quoted and qualified by the connection's schema (PostgreSQL). */
  table(name: string): string;
  rows<T>(statement: string, bindings?: readonly unknown[]): Promise<T[]>;
  run(statement: string, bindings?: readonly unknown[]): Promise<void>;
  /** Runs `work` in a transaction (joining the surrounding one, as Strapi's own queries do). */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

/** Rows of a raw result: better-sqlite3 returns them as is, pg in `rows`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Strapi internal API: `strapi.db.connection` (knex), `strapi.db.transaction`'s `trx`, `strapi.db.getSchemaName()`. */
export function sqlOf(strapi: Core.Strapi): Sql {
  const client = strapi.config.get<string>('database.connection.client');
  const dialect: SqlDialect =
    client === 'postgres' || client === 'pg'
      ? 'postgres'
      : client === 'sqlite' || client === 'better-sqlite3'
        ? 'sqlite'
        : (() => {
            throw new Error(
              `search plugin: database client "${client}" is not supported (use sqlite or postgres)`
            );
          })();
  const schema = dialect === 'postgres' ? strapi.db.getSchemaName() : undefined;
  const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

  const over = (runner: RawRunner): Sql => ({
    dialect,
    table: (name) => (schema ? `${quote(schema)}.${quote(name)}` : quote(name)),
    rows: async <T>(statement: string, bindings: readonly unknown[] = []) =>
      rowsOf<T>(await runner.raw(statement, bindings)),
    run: async (statement, bindings = []) => {
      await runner.raw(statement, bindings);
    },
    transaction: async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
      const result: T = await strapi.db.transaction(({ trx }) =>
        work(over(trx as unknown as RawRunner))
      );
      return result;
    },
  });
  return over(strapi.db.connection as unknown as RawRunner);
}

/** Table and column names, unquoted, behind {@link ContextTables} (see lib/sql.ts). */
export interface ContextTableNames {
  locales: string | null;
  store: string | null;
  permissions: {
    permissions: string;
    roles: string;
    link: string;
    linkPermission: string;
    linkRole: string;
  } | null;
  /** Core store key under which the i18n plugin keeps its default locale. */
  defaultLocaleKey: string;
}

interface TableMetadata {
  tableName: string;
  attributes: Record<
    string,
    {
      joinTable?: {
        name: string;
        joinColumn: { name: string };
        inverseJoinColumn: { name: string };
      };
    }
  >;
}

/**
 * Strapi internal API: `strapi.db.metadata.get(uid)` (table names; the join table of
 * `plugin::users-permissions.permission`'s `role`), and the core store row where the i18n plugin
 * keeps its default locale (`plugin_i18n_default_locale`, what its `locales.getDefaultLocale()`
 * reads). The search reads these rows itself, in one statement, instead of through the
 * services (see contextStatement).
 */
export function contextTablesOf(strapi: Core.Strapi): ContextTableNames {
  const metadata = (uid: string): TableMetadata =>
    strapi.db.metadata.get(uid) as unknown as TableMetadata;
  const i18n = strapi.plugin('i18n') !== undefined;
  let permissions: ContextTableNames['permissions'] = null;
  if (strapi.plugin('users-permissions')) {
    const permission = metadata('plugin::users-permissions.permission');
    const link = permission.attributes.role?.joinTable;
    if (!link) throw new Error('users-permissions: permission.role has no join table');
    permissions = {
      permissions: permission.tableName,
      roles: metadata('plugin::users-permissions.role').tableName,
      link: link.name,
      linkPermission: link.joinColumn.name,
      linkRole: link.inverseJoinColumn.name,
    };
  }
  return {
    locales: i18n ? metadata('plugin::i18n.locale').tableName : null,
    store: i18n ? metadata('strapi::core-store').tableName : null,
    permissions,
    defaultLocaleKey: 'plugin_i18n_default_locale',
  };
}

/** What a GraphQL extension returns (the parts used here). */
export interface GraphqlExtension {
  typeDefs: string;
  resolvers: Record<string, Record<string, unknown>>;
  resolversConfig: Record<string, { auth: { scope: string[] } }>;
}

/**
 * Strapi internal API: the GraphQL plugin's `extension` service `use(...)`. Returns false when
 * the GraphQL plugin is not installed.
 */
export function extendGraphql(strapi: Core.Strapi, extension: GraphqlExtension): boolean {
  const plugin = strapi.plugin('graphql');
  if (!plugin) return false;
  const service = plugin.service('extension') as { use(extension: GraphqlExtension): void };
  service.use(extension);
  return true;
}

type DocumentMutator = (draft: never) => void;

/**
 * Strapi internal API: @strapi/plugin-documentation's `x-strapi-config.mutateDocumentation`,
 * chained. Runs `mutate` on the OpenAPI document the plugin generates, after the host app's own
 * hook and those set before (the documentation service keeps the config object it read at start
 * and looks the hook up on it at each generation, so the hook is set on that object in place).
 * The plugin's public `override` service replaces whole path items and schemas at once; this
 * adds an operation that fits the document as generated.
 */
export function onOpenApiGeneration(strapi: Core.Strapi, mutate: DocumentMutator): void {
  const config = strapi.config.get('plugin::documentation') as
    { 'x-strapi-config'?: { mutateDocumentation?: DocumentMutator } } | undefined;
  if (!config) return;
  const hooks = (config['x-strapi-config'] ??= {});
  const own = hooks.mutateDocumentation;
  hooks.mutateDocumentation = (draft) => {
    own?.(draft);
    mutate(draft);
  };
}
