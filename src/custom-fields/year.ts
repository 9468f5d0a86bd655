import type { Core } from '@strapi/strapi';

/** Name of the year custom field; schemas refer to it as `global::year`. */
export const YEAR_FIELD_NAME = 'year';

/**
 * A year: an `integer` in the database and the APIs (REST number, GraphQL `Int`), shown in
 * the admin panel without a thousands separator ("2014", where Strapi's integer input and
 * list cell show "2.014" in German and "2,014" in English). The admin part is
 * src/admin/year-field/.
 */
export function registerYearField(strapi: Core.Strapi): void {
  strapi.customFields.register({ name: YEAR_FIELD_NAME, type: 'integer' });
}
