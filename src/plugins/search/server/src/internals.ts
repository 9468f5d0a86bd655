/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind typed
 * adapters. tests/api/internals.contract.test.ts checks each one against the booted app and names
 * the API that changed when an upgrade breaks it.
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

/** The locales the i18n plugin knows (none when it is not installed). */
export interface Locales {
  codes(): Promise<string[]>;
  defaultCode(): Promise<string | null>;
}

interface LocalesService {
  find(): Promise<Array<{ code: string }>>;
  getDefaultLocale(): Promise<string | null | undefined>;
}

/** Strapi internal API: the i18n plugin's `locales` service (`find`, `getDefaultLocale`). */
export function localesOf(strapi: Core.Strapi): Locales {
  const plugin = strapi.plugin('i18n');
  if (!plugin) {
    return { codes: async () => [], defaultCode: async () => null };
  }
  const service = () => plugin.service('locales') as LocalesService;
  return {
    codes: async () => (await service().find()).map((locale) => locale.code),
    defaultCode: async () => (await service().getDefaultLocale()) ?? null,
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
