/**
 * Every Strapi API the app itself uses that Strapi does not document as public, behind one typed
 * adapter each (the plugins keep theirs in server/src/internals.ts). tests/api/internals.contract
 * .test.ts checks them against the running app, so an upgrade that changes one fails there with
 * the API's name.
 */
import type { Core } from '@strapi/strapi';

/** The knex instance of the app's database connection. */
export type SqlConnection = Core.Strapi['db']['connection'];

/** The database connection as knex (`strapi.db.connection`): for SQL the Document Service cannot say. */
export function sqlConnection(strapi: Core.Strapi): SqlConnection {
  return strapi.db.connection;
}

/** Where a content type's rows are stored. */
export interface ModelColumns {
  table: string;
  /** The column of an attribute (a scalar one: relations have none), or undefined without one. */
  column(attribute: string): string | undefined;
}

interface ModelMetadata {
  tableName: string;
  attributes: Record<string, { columnName?: string } | undefined>;
}

/**
 * The table and columns of a content type from the database layer's metadata
 * (`strapi.db.metadata.get(uid)`: `tableName`, `attributes[name].columnName`).
 */
export function modelColumns(strapi: Core.Strapi, uid: string): ModelColumns {
  const model = (
    strapi.db as unknown as { metadata: { get(uid: string): ModelMetadata } }
  ).metadata.get(uid);
  return {
    table: model.tableName,
    column(attribute) {
      const found = model.attributes[attribute];
      return found ? (found.columnName ?? attribute) : undefined;
    },
  };
}
