/**
 * To-many relations resolved by GraphQL are batched (server/src/graphql/batch-to-many.ts): the
 * SQL queries of `creativeFields { cities { name country { name } } }` do not grow with the
 * number of fields nor with the page size of the relation, with and without `fallbackLocale`,
 * for the list field and its `…_connection` variant; and the members, their order and pages are
 * those stock Strapi serves (checked against REST's populate, which the plugin does not touch).
 */
import { anonymous, graphql, queriesOf } from '../../../helpers/api';

let counter = 0;
/** A root filter that matches everything but makes a fresh cache key (every read a MISS). */
function fresh(): string {
  counter += 1;
  return `filters: { key: { ne: "batch-many-${Date.now()}-${counter}" } }`;
}

interface Field {
  key: string;
  cities?: Array<{ name: string; country: { name: string } | null }>;
  cities_connection?: { nodes: Array<{ name: string; country: { name: string } | null }> };
}

async function send(query: string): Promise<{ fields: Field[]; queries: number }> {
  const res = await graphql(query);
  expect(res.body.errors).toBeUndefined();
  expect(res.headers['x-cache']).toBe('MISS');
  return { fields: res.body.data.creativeFields as Field[], queries: queriesOf(res) };
}

describe('batched to-many relations in GraphQL', () => {
  const variants = [
    { name: 'list field', fallback: '', connection: false },
    {
      name: 'list field with fallbackLocale',
      fallback: ', fallbackLocale: "de"',
      connection: false,
    },
    { name: '_connection field', fallback: '', connection: true },
    {
      name: '_connection field with fallbackLocale',
      fallback: ', fallbackLocale: "de"',
      connection: true,
    },
  ];

  it.each(variants)(
    '$name: as many SQL queries for 1 field as for 8, at pageSize 10 as at 100',
    async ({ fallback, connection }) => {
      const query = (fields: number, pageSize: number) => {
        const members = `{ name country { name } }`;
        const relation = connection
          ? `cities_connection(pagination: { pageSize: ${pageSize} }) { nodes ${members} }`
          : `cities(pagination: { pageSize: ${pageSize} }) ${members}`;
        return `{ creativeFields(locale: "en"${fallback}, sort: "key:asc", pagination: { pageSize: ${fields} }, ${fresh()}) { key ${relation} } }`;
      };
      // The first read after a write reloads the locale list: measure the steady state.
      await send(query(1, 10));
      const one = await send(query(1, 10));
      const eight = await send(query(8, 10));
      const eightLarge = await send(query(8, 100));
      expect(one.fields).toHaveLength(1);
      expect(eight.fields).toHaveLength(8);
      // The seed links more than 10 cities to some field: the larger page does read more rows.
      const members = (fields: Field[]) =>
        fields.flatMap((field) => field.cities ?? field.cities_connection?.nodes ?? []).length;
      expect(members(eightLarge.fields)).toBeGreaterThan(members(eight.fields));
      expect(eight.queries).toBe(one.queries);
      expect(eightLarge.queries).toBe(one.queries);
    }
  );

  /** Each field's cities as REST populates them (stock Strapi: all members, in link order). */
  async function restCities(sort?: string): Promise<Map<string, string[]>> {
    const sortParam = sort ? `&populate[cities][sort]=${sort}` : '';
    const res = await anonymous().get(
      `/api/creative-fields?locale=en&sort=key:asc&pagination[pageSize]=100&populate[cities][fields][0]=name${sortParam}`
    );
    expect(res.status).toBe(200);
    return new Map(
      (res.body.data as Array<{ key: string; cities: Array<{ name: string }> }>).map((field) => [
        field.key,
        field.cities.map((city) => city.name),
      ])
    );
  }

  it('serves the members stock Strapi serves, in the same order, with sort and pages', async () => {
    const res = await graphql(
      `{ creativeFields(locale: "en", sort: "key:asc", ${fresh()}) {
          key
          all: cities(pagination: { pageSize: 100 }) { name }
          sorted: cities(pagination: { pageSize: 100 }, sort: "name:desc") { name }
          second: cities(pagination: { page: 2, pageSize: 3 }, sort: "name:asc") { name }
          connection: cities_connection(pagination: { start: 1, limit: 2 }) { nodes { name } }
          filtered: cities(filters: { name: { startsWith: "B" } }, pagination: { pageSize: 100 }) { name }
        } }`
    );
    expect(res.body.errors).toBeUndefined();
    const inLinkOrder = await restCities();
    const byNameDesc = await restCities('name:desc');
    const byNameAsc = await restCities('name:asc');
    const fields = res.body.data.creativeFields as Array<Record<string, unknown>>;
    expect(fields.length).toBeGreaterThan(1);
    const names = (list: unknown) => (list as Array<{ name: string }>).map((city) => city.name);
    for (const field of fields) {
      const key = field.key as string;
      const all = inLinkOrder.get(key) ?? [];
      expect(names(field.all)).toEqual(all);
      expect(names(field.sorted)).toEqual(byNameDesc.get(key));
      expect(names(field.second)).toEqual((byNameAsc.get(key) ?? []).slice(3, 6));
      expect(names((field.connection as { nodes: unknown }).nodes)).toEqual(all.slice(1, 3));
      expect(names(field.filtered)).toEqual(all.filter((name) => name.startsWith('B')));
    }
    // Not a vacuous comparison: the seed links cities to every field.
    expect(fields.every((field) => names(field.all).length > 0)).toBe(true);
  });

  it('serves every field the selection asks for, though a batch reads only the columns it needs', async () => {
    // Scalars of each kind, through fragments: one spread in two places where another selection
    // is merged beside it, an inline fragment, a sort on a field not selected, a connection.
    const res = await graphql(
      `fragment Named on City { name }
      fragment CountryName on Country { name }
      { creativeFields(locale: "en", sort: "key:asc", ${fresh()}) {
          key
          cities(pagination: { pageSize: 100 }, sort: "memberSince:desc") {
            ...Named
            ... on City { slug memberSince latitude website }
            documentId locale createdAt publishedAt fallback __typename
            country { ...CountryName documentId }
          }
          cities_connection(pagination: { pageSize: 100 }) {
            nodes { ...Named key country { ...CountryName slug } }
            pageInfo { total }
          }
        } }`
    );
    expect(res.body.errors).toBeUndefined();
    const rest = await anonymous().get(
      '/api/cities?locale=en&pagination[pageSize]=100&sort=memberSince:desc&populate[creativeField][fields][0]=key&populate[country][fields][0]=name&populate[country][fields][1]=slug'
    );
    expect(rest.status).toBe(200);
    type RestCity = Record<string, unknown> & {
      creativeField: { key: string } | null;
      country: { documentId: string; name: string; slug: string } | null;
    };
    const restByDocument = new Map(
      (rest.body.data as RestCity[]).map((city) => [city.documentId as string, city])
    );
    const restTotal = async (key: string): Promise<number> => {
      const page = await anonymous().get(
        `/api/cities?locale=en&filters[creativeField][key][$eq]=${key}&pagination[pageSize]=1`
      );
      return page.body.meta.pagination.total as number;
    };
    const fields = res.body.data.creativeFields as Array<{
      key: string;
      cities: Array<Record<string, unknown> & { country: Record<string, unknown> | null }>;
      cities_connection: {
        nodes: Array<{ name: string; key: string; country: { name: string; slug: string } }>;
        pageInfo: { total: number };
      };
    }>;
    let compared = 0;
    for (const field of fields) {
      const memberSince = field.cities.map((city) => city.memberSince as number);
      expect(memberSince).toEqual([...memberSince].sort((a, b) => b - a));
      expect(field.cities_connection.pageInfo.total).toBe(await restTotal(field.key));
      for (const city of field.cities) {
        const expected = restByDocument.get(city.documentId as string);
        if (!expected) continue; // beyond REST's first 100
        compared += 1;
        expect(expected.creativeField?.key).toBe(field.key);
        expect(city).toEqual({
          name: expected.name,
          slug: expected.slug,
          memberSince: expected.memberSince,
          latitude: expected.latitude,
          website: expected.website,
          documentId: expected.documentId,
          locale: 'en',
          createdAt: expected.createdAt,
          publishedAt: expected.publishedAt,
          fallback: false,
          __typename: 'City',
          country: { name: expected.country?.name, documentId: expected.country?.documentId },
        });
      }
      for (const node of field.cities_connection.nodes) {
        expect(typeof node.key).toBe('string');
        expect(node.country.slug).toMatch(/^[a-z0-9-]+$/);
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
