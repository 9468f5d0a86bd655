/**
 * Which documents of a content type have a version in the fallback locale but none in the
 * requested locale (for the status asked for). Asked of the database in one `NOT EXISTS` query
 * that returns only those documents, usually a handful: reading every version's id and locale
 * instead costs one row per version and request (804 rows for the cities, and half the
 * throughput of a fallback list in `npm run bench`).
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

interface ColumnAttribute {
  columnName?: string;
}

export async function documentsMissingIn(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  locale: string,
  fallbackLocale: string,
  status: 'published' | 'draft'
): Promise<string[]> {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute: string): string =>
    (meta.attributes[attribute] as ColumnAttribute | undefined)?.columnName ?? attribute;
  const [documentId, localeColumn, publishedAt] = [
    column('documentId'),
    column('locale'),
    column('publishedAt'),
  ];
  const schema = strapi.db.getSchemaName() as string | undefined;
  const table = (alias: string) => `${schema ? `${schema}.` : ''}${meta.tableName} as ${alias}`;
  const inStatus = (query: Knex.QueryBuilder, alias: string) =>
    status === 'published'
      ? query.whereNotNull(`${alias}.${publishedAt}`)
      : query.whereNull(`${alias}.${publishedAt}`);

  const run = async (knex: Knex | Knex.Transaction) => {
    const query = inStatus(
      knex
        .from(table('f'))
        .distinct({ documentId: `f.${documentId}` })
        .where(`f.${localeColumn}`, fallbackLocale),
      'f'
    ).whereNotExists((exists) => {
      inStatus(
        exists
          .select(knex.raw('1'))
          .from(table('l'))
          .whereRaw('?? = ??', [`l.${documentId}`, `f.${documentId}`])
          .where(`l.${localeColumn}`, locale),
        'l'
      );
    });
    const rows = (await query) as { documentId: string }[];
    return rows.map((row) => row.documentId).sort();
  };
  // Inside a transaction (a read after a write of the same request), read what it sees.
  if (strapi.db.inTransaction()) return strapi.db.transaction(({ trx }) => run(trx));
  return run(strapi.db.connection);
}
