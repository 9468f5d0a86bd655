/**
 * Every Strapi API this plugin uses that Strapi does not document as public, behind one typed
 * adapter each. tests/host/internals.contract.test.ts checks them against the plugin host, so an
 * upgrade that changes one fails there with the API's name.
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
// lodash's snakeCase: what Strapi's metadata applies to a name before shortening it.
import snakeCase from 'lodash/snakeCase';

/** The i18n plugin's locales service (`strapi.plugin('i18n').service('locales')`). */
export interface I18nLocales {
  find(): Promise<Array<{ id: number; code: string; name: string }>>;
  getDefaultLocale(): Promise<string>;
  /** Creates a locale (the locale lifecycle's `add`). */
  create(locale: { code: string; name: string }): Promise<{ id: number; code: string }>;
  /** Deletes a locale and every document version in it (the locale lifecycle's `remove`). */
  delete(locale: { id: number }): Promise<unknown>;
}

export function i18nLocales(strapi: Core.Strapi): I18nLocales {
  return strapi.plugin('i18n').service('locales') as I18nLocales;
}

/** The i18n plugin's list of the locale codes Strapi offers (Settings → Internationalization). */
export interface I18nIsoLocales {
  getIsoLocales(): Array<{ code: string; name: string }>;
}

export function i18nIsoLocales(strapi: Core.Strapi): I18nIsoLocales {
  return strapi.plugin('i18n').service('iso-locales') as I18nIsoLocales;
}

/** The content-manager's uid service: generates a free slug as the admin's "regenerate" does. */
export interface UidGenerator {
  generateUIDField(params: {
    contentTypeUID: UID.ContentType;
    field: string;
    data: Record<string, unknown>;
    locale: string;
  }): Promise<string>;
}

export function uidGenerator(strapi: Core.Strapi): UidGenerator {
  return strapi.plugin('content-manager').service('uid') as UidGenerator;
}

/** The GraphQL plugin's extension service, only as far as switching a type off. */
export interface GraphQLExtension {
  shadowCRUD(uid: string): { disable(): void };
}

/** The GraphQL extension service, or undefined when the GraphQL plugin is not installed. */
export function graphqlExtension(strapi: Core.Strapi): GraphQLExtension | undefined {
  const graphql = strapi.plugin('graphql');
  return graphql ? (graphql.service('extension') as GraphQLExtension) : undefined;
}

/** Per field: the label the content-manager edit view shows (its stored view configuration). */
export type FieldLabels = Record<string, string>;

interface ViewConfiguration {
  metadatas?: Record<string, { edit?: { label?: unknown } }>;
}

interface ConfigurationFinder {
  findConfiguration(model: { uid: string }): Promise<ViewConfiguration>;
}

/**
 * The edit-view labels of a content type or component, from the content-manager's `content-types`
 * and `components` services (`findConfiguration`). Empty when the content manager has none.
 */
export async function editViewLabels(
  strapi: Core.Strapi,
  uid: string,
  isComponent: boolean
): Promise<FieldLabels> {
  const manager = strapi.plugin('content-manager');
  if (!manager) return {};
  const service = manager.service(isComponent ? 'components' : 'content-types') as
    ConfigurationFinder | undefined;
  const configuration = await service?.findConfiguration({ uid });
  const labels: FieldLabels = {};
  for (const [field, metadata] of Object.entries(configuration?.metadatas ?? {})) {
    const label = metadata.edit?.label;
    if (typeof label === 'string' && label !== '') labels[field] = label;
  }
  return labels;
}

/** The CASL ability of an admin session (`ctx.state.userAbility`). */
export interface AdminAbility {
  can(action: string, subject?: unknown, field?: string): boolean;
}

interface PermissionService {
  createPermissionsManager(options: { ability: AdminAbility; model: string }): {
    toSubject(entity: Record<string, unknown>, model: string): unknown;
  };
}

/**
 * Whether an admin may do `action` on a content type's version in `locale` (i18n limits roles
 * per locale by a condition on `locale`). Uses the admin `permission` service's
 * `createPermissionsManager(...).toSubject`, as the content manager does.
 */
export function canInLocale(
  strapi: Core.Strapi,
  ability: AdminAbility,
  action: string,
  uid: string,
  locale: string
): boolean {
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  const manager = permissions.createPermissionsManager({ ability, model: uid });
  return ability.can(action, manager.toSubject({ locale }, uid));
}

/** A route of the content manager's admin router, as far as a middleware is added to it. */
export interface ContentManagerRoute {
  method: string;
  path: string;
  /** `collection-types.update`, `single-types.publish`, … */
  handler: string;
  config?: { middlewares?: unknown[] };
}

/**
 * The content manager's admin routes (`strapi.plugin('content-manager').routes.admin.routes`),
 * to add a route middleware to before Strapi registers them (call it in `register`). Their route
 * middlewares run after the admin authentication and the route's policies, with
 * `ctx.state.userAbility` set and the i18n plugin's `body.locale` filled in.
 */
export function contentManagerRoutes(strapi: Core.Strapi): ContentManagerRoute[] {
  const plugin = strapi.plugin('content-manager') as
    { routes: Record<string, { routes?: ContentManagerRoute[] } | undefined> } | undefined;
  return plugin?.routes.admin?.routes ?? [];
}

/** How a relation is stored: its join table and columns (Strapi's database metadata). */
export interface RelationStorage {
  /** The source type's table (`cities`) and its columns. */
  table: string;
  documentIdColumn: string;
  localeColumn: string;
  publishedAtColumn: string;
  /** The target type's table (`countries`) and its document id column. */
  targetTable: string;
  targetDocumentIdColumn: string;
  targetLocaleColumn: string;
  targetPublishedAtColumn: string;
  /** The join table (`cities_country_lnk`), the source row column and the target row column. */
  joinTable: string;
  joinColumn: string;
  inverseJoinColumn: string;
  /** Position of the target in the source's list (to-many relations). */
  orderColumn?: string;
  /** Position of the source in the target's list (`city_ord`: the country's cities). */
  inverseOrderColumn?: string;
}

interface MetadataAttribute {
  columnName?: string;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn: { name: string };
    orderColumnName?: string;
    inverseOrderColumnName?: string;
  };
}

interface ModelMetadata {
  tableName: string;
  attributes: Record<string, MetadataAttribute | undefined>;
}

/**
 * The join table of a relation attribute from `strapi.db.metadata` (Strapi 5 keeps every relation
 * of a draft & publish type in a `<table>_<attribute>_lnk` table, one row per linked pair of
 * rows). Throws when the relation is not stored in a join table.
 */
export function relationStorage(
  strapi: Core.Strapi,
  uid: string,
  attribute: string,
  target: string
): RelationStorage {
  const metadata = (strapi.db as unknown as { metadata: { get(uid: string): ModelMetadata } })
    .metadata;
  const source = metadata.get(uid);
  const targetModel = metadata.get(target);
  const joinTable = source.attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not stored in a join table`);
  const column = (model: ModelMetadata, name: string, fallback: string) =>
    model.attributes[name]?.columnName ?? fallback;
  return {
    table: source.tableName,
    documentIdColumn: column(source, 'documentId', 'document_id'),
    localeColumn: column(source, 'locale', 'locale'),
    publishedAtColumn: column(source, 'publishedAt', 'published_at'),
    targetTable: targetModel.tableName,
    targetDocumentIdColumn: column(targetModel, 'documentId', 'document_id'),
    targetLocaleColumn: column(targetModel, 'locale', 'locale'),
    targetPublishedAtColumn: column(targetModel, 'publishedAt', 'published_at'),
    joinTable: joinTable.name,
    joinColumn: joinTable.joinColumn.name,
    inverseJoinColumn: joinTable.inverseJoinColumn.name,
    ...(joinTable.orderColumnName ? { orderColumn: joinTable.orderColumnName } : {}),
    ...(joinTable.inverseOrderColumnName
      ? { inverseOrderColumn: joinTable.inverseOrderColumnName }
      : {}),
  };
}

/** Where the documents of a type and one of their fields are stored (`strapi.db.metadata`). */
export function documentStorage(strapi: Core.Strapi, uid: string, field: string): DocumentStorage {
  const model = (
    strapi.db as unknown as { metadata: { get(uid: string): ModelMetadata } }
  ).metadata.get(uid);
  const column = (name: string) => model.attributes[name]?.columnName ?? name;
  return {
    table: model.tableName,
    documentIdColumn: column('documentId'),
    localeColumn: column('locale'),
    publishedAtColumn: column('publishedAt'),
    labelColumn: column(field),
  };
}

/** The table of a model and the column of each of its attributes (`strapi.db.metadata`). */
export interface ModelColumns {
  table: string;
  /** The column of an attribute; throws for an attribute the model does not have. */
  column(attribute: string): string;
}

/** `ModelColumns` of a content type (an application type or one of the plugin's own). */
export function modelColumns(strapi: Core.Strapi, uid: string): ModelColumns {
  const model = (
    strapi.db as unknown as { metadata: { get(uid: string): ModelMetadata } }
  ).metadata.get(uid);
  return {
    table: model.tableName,
    column(attribute) {
      const found = model.attributes[attribute];
      if (!found) throw new Error(`${uid} has no attribute "${attribute}"`);
      return found.columnName ?? columnNameOf(attribute);
    },
  };
}

/**
 * Tells the database lifecycle subscribers (a response cache, search indexes) that rows of `uid`
 * changed, as an `afterUpdate` of Strapi's query engine would, after links were rewritten in the
 * join table directly (`strapi.db.lifecycles.run`).
 */
export async function announceRowsUpdated(
  strapi: Core.Strapi,
  uid: string,
  rows: Array<{ id: number; documentId: string; locale: string }>
): Promise<void> {
  const lifecycles = (
    strapi.db as unknown as {
      lifecycles: { run(action: string, uid: string, properties: unknown): Promise<unknown> };
    }
  ).lifecycles;
  for (const row of rows)
    await lifecycles.run('afterUpdate', uid, { params: { where: { id: row.id } }, result: row });
}

/** Where documents of a type are stored, with the column of one field (a label). */
export interface DocumentStorage {
  table: string;
  documentIdColumn: string;
  localeColumn: string;
  publishedAtColumn: string;
  labelColumn: string;
}

/** `documentStorage` from the schema files alone (no booted Strapi). */
export function documentStorageFromSchemas(
  schemas: ReadonlyMap<string, SchemaFile>,
  uid: string,
  field: string
): DocumentStorage {
  const schema = schemas.get(uid);
  if (!schema) throw new Error(`no schema for ${uid}`);
  return {
    table: databaseIdentifiers().getTableName(schema.collectionName),
    documentIdColumn: columnNameOf('documentId'),
    localeColumn: columnNameOf('locale'),
    publishedAtColumn: columnNameOf('publishedAt'),
    labelColumn: columnNameOf(field),
  };
}

/** A content-type schema as written in its `schema.json`, reduced to what naming reads. */
export interface SchemaFile {
  collectionName: string;
  info: { singularName: string };
  attributes: Record<string, unknown>;
}

/** Strapi's database identifiers (`@strapi/database`, not exported from its entry point). */
interface Identifiers {
  getTableName(name: string): string;
  getColumnName(attributeName: string): string;
  getJoinTableName(collectionName: string, attributeName: string): string;
  getJoinColumnAttributeIdName(name: string): string;
  getInverseJoinColumnAttributeIdName(name: string): string;
  getOrderColumnName(singularName: string): string;
  getInverseOrderColumnName(singularName: string): string;
}

function databaseIdentifiers(): Identifiers {
  return (
    require('@strapi/database/dist/utils/identifiers/index.js') as { identifiers: Identifiers }
  ).identifiers;
}

/** The column of an attribute as Strapi's metadata names it (`memberSince` → `member_since`). */
export function columnNameOf(attribute: string): string {
  return databaseIdentifiers().getColumnName(snakeCase(attribute));
}

/**
 * How a relation is stored, from the schema files alone (no booted Strapi): the names Strapi's
 * database metadata gives tables, join tables and columns (`createJoinTable` in
 * `@strapi/database`'s metadata/relations, with its identifiers). Same result as
 * `relationStorage` on the booted app (the contract test compares them).
 */
export function relationStorageFromSchemas(
  schemas: ReadonlyMap<string, SchemaFile>,
  uid: string,
  attribute: string,
  target: string
): RelationStorage {
  const ids = databaseIdentifiers();
  const source = schemas.get(uid);
  const targetSchema = schemas.get(target);
  if (!source || !targetSchema) throw new Error(`no schema for ${source ? target : uid}`);
  const definition = source.attributes[attribute] as
    { relation?: string; inversedBy?: string; mappedBy?: string } | undefined;
  const relation = definition?.relation ?? '';
  const table = ids.getTableName(source.collectionName);
  const targetTable = ids.getTableName(targetSchema.collectionName);
  const joinColumn = ids.getJoinColumnAttributeIdName(snakeCase(source.info.singularName));
  let inverseJoinColumn = ids.getJoinColumnAttributeIdName(
    snakeCase(targetSchema.info.singularName)
  );
  if (joinColumn === inverseJoinColumn)
    inverseJoinColumn = ids.getInverseJoinColumnAttributeIdName(
      snakeCase(targetSchema.info.singularName)
    );
  const orderColumn = ids.getOrderColumnName(snakeCase(targetSchema.info.singularName));
  let inverseOrderColumn = ids.getOrderColumnName(snakeCase(source.info.singularName));
  if (relation === 'manyToMany' && orderColumn === inverseOrderColumn)
    inverseOrderColumn = ids.getInverseOrderColumnName(snakeCase(source.info.singularName));
  const bidirectional = Boolean(definition?.inversedBy || definition?.mappedBy);
  return {
    table,
    documentIdColumn: columnNameOf('documentId'),
    localeColumn: columnNameOf('locale'),
    publishedAtColumn: columnNameOf('publishedAt'),
    targetTable,
    targetDocumentIdColumn: columnNameOf('documentId'),
    targetLocaleColumn: columnNameOf('locale'),
    targetPublishedAtColumn: columnNameOf('publishedAt'),
    joinTable: ids.getJoinTableName(snakeCase(table), snakeCase(attribute)),
    joinColumn,
    inverseJoinColumn,
    ...(relation === 'oneToMany' || relation === 'manyToMany' ? { orderColumn } : {}),
    ...(bidirectional && (relation === 'manyToOne' || relation === 'manyToMany')
      ? { inverseOrderColumn }
      : {}),
  };
}

/**
 * The i18n default locale as the i18n plugin stores it (`strapi.store`, key
 * `plugin_i18n_default_locale` in `strapi_core_store_settings`), read without a booted Strapi;
 * undefined when none is stored.
 */
export async function storedDefaultLocale(knex: Knex): Promise<string | undefined> {
  const row = (await knex('strapi_core_store_settings')
    .where({ key: 'plugin_i18n_default_locale' })
    .first('value')) as { value: string | null } | undefined;
  if (!row?.value) return undefined;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' ? value : undefined;
}

/** Strapi's database client names and the knex client that serves each. */
const KNEX_CLIENTS: Record<string, string> = {
  sqlite: 'better-sqlite3',
  postgres: 'pg',
  mysql: 'mysql2',
};

/**
 * The knex configuration of an app's `database` config (`{ connection: { client, connection,
 * pool, … } }`), as Strapi's database layer makes it (`@strapi/database`'s connection.js: its
 * client names mapped to knex's; its PostgreSQL dialect sets the schema as search path).
 */
export function knexConfigOf(database: { connection: Record<string, unknown> }): Knex.Config {
  const config = database.connection as unknown as Knex.Config & { client: string };
  const connection = config.connection as { schema?: unknown } | undefined;
  return {
    ...config,
    client: KNEX_CLIENTS[config.client] ?? config.client,
    ...(config.client === 'postgres' && typeof connection?.schema === 'string'
      ? { searchPath: [connection.schema] }
      : {}),
  };
}
