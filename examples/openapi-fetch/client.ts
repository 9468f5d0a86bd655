/**
 * A website's client for the content API with types generated from the public OpenAPI document
 * (api.d.ts, written by `npm run api:generate` with openapi-typescript) and openapi-fetch.
 *
 * openapi-fetch's own query serializer cannot write Strapi's nested parameters
 * (`filters[country][isoCode][$eq]=AT`, `populate[country][fields][0]=name`): `qs` does, in the
 * bracket syntax Strapi parses.
 */
import createClient from 'openapi-fetch';
import qs from 'qs';
import type { components, paths } from './api';

export type City = components['schemas']['City'];
export type Locale = components['schemas']['Locale'];

/** Writes query objects the way Strapi reads them (`qs`, brackets, indexed arrays). */
export const strapiQuerySerializer = (query: Record<string, unknown>): string =>
  qs.stringify(query, { encodeValuesOnly: true, arrayFormat: 'indices' });

/** A typed client of the content API at `${baseUrl}/api`. */
export function createWebsiteClient(baseUrl: string) {
  const client = createClient<paths>({
    baseUrl: `${baseUrl}/api`,
    querySerializer: strapiQuerySerializer,
  });

  /** The body of a successful response, or an Error carrying Strapi's message. */
  const dataOf = <T>(result: { data?: T; error?: { error?: { message?: string } } }): T => {
    if (result.data === undefined) {
      throw new Error(result.error?.error?.message ?? 'The content API did not answer');
    }
    return result.data;
  };

  return {
    /** Cities of a creative field (by key), by name, in `locale`; missing ones in `fallbackLocale`. */
    async listCities(options: {
      locale: string;
      fallbackLocale?: string;
      creativeField?: string;
      pageSize?: number;
    }) {
      const body = dataOf(
        await client.GET('/cities', {
          params: {
            query: {
              locale: options.locale,
              fallbackLocale: options.fallbackLocale,
              fields: ['name', 'slug', 'memberSince'],
              filters: options.creativeField
                ? { creativeField: { key: { $eq: options.creativeField } } }
                : undefined,
              populate: { country: { fields: ['name', 'isoCode'] } },
              sort: ['name:asc'],
              'pagination[pageSize]': options.pageSize ?? 100,
            },
          },
        })
      );
      // Cursor pages (`pagination[cursor]`) carry no total: the generated type is a union.
      const { pagination } = body.meta;
      return { cities: body.data, total: 'total' in pagination ? pagination.total : undefined };
    },

    /** One city with its country, by slug, in `locale`. */
    async cityBySlug(slug: string, locale: string): Promise<City | undefined> {
      const body = dataOf(
        await client.GET('/cities', {
          params: {
            query: {
              locale,
              filters: { slug: { $eq: slug } },
              populate: { country: true },
            },
          },
        })
      );
      return body.data[0];
    },

    /** One city with its country, by `documentId`, in `locale`. */
    async city(documentId: string, locale: string): Promise<City> {
      const body = dataOf(
        await client.GET('/cities/{id}', {
          params: { path: { id: documentId }, query: { locale, populate: ['country'] } },
        })
      );
      return body.data;
    },

    /** The locales content is available in. */
    async locales(): Promise<Locale[]> {
      return dataOf(await client.GET('/i18n/locales'));
    },
  };
}
