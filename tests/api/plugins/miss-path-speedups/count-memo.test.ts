/**
 * The count memo (src/plugins/miss-path-speedups/server/src/lib/count-memo.ts) on the database
 * of this run: a list's total is counted once and served again to every page and sort of the same
 * filter, and it is what the database holds after every write, to the listed type or to the type
 * a relation filter reads. Each list asked here has a filter no other test asks for (a random
 * name that no city contains), so its first request is the first count of that filter.
 */
import type { UID } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import { anonymous, queriesOf } from '../../../helpers/api';
import { CITY, createDocument, deleteDocument } from '../../../helpers/documents';
import { getStrapi } from '../../../helpers/strapi';

const CREATIVE_FIELD = 'api::creative-field.creative-field';

interface ListAnswer {
  data: Array<{ documentId: string }>;
  meta: { pagination: { total: number; pageCount: number } };
}

/**
 * A list of the en cities of one creative field (by its `key`, or another attribute), with a
 * filter of its own (see above).
 */
function musicList(unique: string, variant: string, by = 'key', value = 'music'): string {
  return (
    `/api/cities?locale=en&filters[creativeField][${by}][$eq]=${encodeURIComponent(value)}` +
    `&filters[name][$notContainsi]=${unique}&pagination[pageSize]=5&${variant}`
  );
}

/** The published en cities linked to the creative field so named, counted in SQL (the truth). */
async function musicCitiesInSql(column = 'key', value = 'music'): Promise<number> {
  const knex = getStrapi().db.connection;
  const [{ count }] = (await knex('cities as c')
    .join('cities_creative_field_lnk as l', 'l.city_id', 'c.id')
    .join('creative_fields as f', 'f.id', 'l.creative_field_id')
    .where('c.locale', 'en')
    .whereNotNull('c.published_at')
    .where(`f.${column}`, value)
    .countDistinct({ count: 'c.id' })) as Array<{ count: number | string }>;
  return Number(count);
}

async function list(path: string): Promise<{ body: ListAnswer; text: string; queries: number }> {
  const res = await anonymous().get(path).expect(200);
  return { body: res.body as ListAnswer, text: res.text, queries: queriesOf(res) };
}

async function musicField(): Promise<{ documentId: string; name: string }> {
  const [field] = (await getStrapi()
    .documents(CREATIVE_FIELD as UID.ContentType)
    .findMany({
      locale: 'en',
      status: 'published',
      filters: { key: 'music' },
    } as never)) as unknown as Array<{ documentId: string; name: string }>;
  return field;
}

describe('count memo', () => {
  it('counts a filter once: other pages and sorts reuse the total, one SQL query fewer, the same answers', async () => {
    // A first list of its own, so that what the app reads once (permissions, locales) is read.
    await list(musicList(`h28s-${randomUUID()}`, 'sort=name:asc'));
    const unique = `h28s-${randomUUID()}`;
    const first = await list(musicList(unique, 'sort=name:asc'));
    const truth = await musicCitiesInSql();
    expect(truth).toBeGreaterThan(5);
    expect(first.body.meta.pagination.total).toBe(truth);

    const again = await list(musicList(unique, 'sort=name:desc'));
    expect(again.body.meta.pagination.total).toBe(truth);
    expect(again.queries).toBe(first.queries - 1);

    // The last page through the memo: the rows left after the full pages before it.
    const lastPage = first.body.meta.pagination.pageCount;
    const last = await list(musicList(unique, `sort=name:asc&pagination[page]=${lastPage}`));
    expect(last.body.meta.pagination).toMatchObject({ total: truth, pageCount: lastPage });
    expect(last.body.data.length).toBe(truth - 5 * (lastPage - 1));
  });

  it('a city written or deleted is in the next total', async () => {
    const unique = `h28s-${randomUUID()}`;
    const before = (await list(musicList(unique, 'sort=name:asc'))).body.meta.pagination.total;
    const field = (await musicField()).documentId;
    const documentId = await createDocument(CITY, {
      en: { name: 'Counted Town', key: `counted-${unique}`, creativeField: field },
    });
    try {
      const after = await list(musicList(unique, 'sort=name:desc'));
      expect(after.body.meta.pagination.total).toBe(before + 1);
      expect(after.body.meta.pagination.total).toBe(await musicCitiesInSql());
    } finally {
      await deleteDocument(CITY, documentId);
    }
    const gone = await list(musicList(unique, 'sort=slug:asc'));
    expect(gone.body.meta.pagination.total).toBe(before);
  });

  it('a write to the type the relation filter reads (the field renamed) is in the next total', async () => {
    const unique = `h28s-${randomUUID()}`;
    const field = await musicField();
    const byName = (variant: string, name = field.name) => musicList(unique, variant, 'name', name);
    const before = (await list(byName('sort=name:asc'))).body.meta.pagination.total;
    expect(before).toBe(await musicCitiesInSql('name', field.name));
    expect(before).toBeGreaterThan(0);
    const fields = getStrapi().documents(CREATIVE_FIELD as UID.ContentType);
    // Published: the published cities link the published creative field.
    const rename = (name: string) =>
      fields.update({
        documentId: field.documentId,
        locale: 'en',
        status: 'published',
        data: { name },
      } as never);
    await rename(`${field.name} ${unique}`);
    try {
      const renamed = await list(byName('sort=name:desc'));
      expect(await musicCitiesInSql('name', field.name)).toBe(0);
      expect(renamed.body.meta.pagination.total).toBe(0);
    } finally {
      await rename(field.name);
    }
    const back = await list(byName('sort=slug:asc'));
    expect(back.body.meta.pagination.total).toBe(before);
  });

  it('a count inside a transaction sees the transaction’s own writes', async () => {
    const strapi = getStrapi();
    const cities = strapi.documents(CITY as UID.ContentType);
    const filters = { name: { $startsWith: `Tx ${randomUUID()}` } };
    const count = () => cities.count({ locale: 'en', filters } as never);
    expect(await count()).toBe(0);
    let inside = -1;
    const rollback = new Error('rollback');
    await strapi.db
      .transaction(async () => {
        await cities.create({ locale: 'en', data: { name: filters.name.$startsWith } } as never);
        inside = await count();
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(inside).toBe(1);
    expect(await count()).toBe(0);
  });
});
