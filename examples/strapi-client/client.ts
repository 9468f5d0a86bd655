/**
 * A website's client for the content API with the official @strapi/client.
 *
 * Two additions a site needs with this API:
 * - `fallbackLocale` (served by the locale-fallback plugin) is not in @strapi/client's query
 *   parameter type: a module augmentation adds it, so it is type-checked like `locale`.
 * - @strapi/client's errors say only "Request failed with status code 400 …": the content API
 *   explains in the body (`Unknown locale "fr". Available locales: de, en.`), so errors are
 *   rethrown with that message.
 */
import { HTTPError, strapi, type API } from '@strapi/client';

// `API` is the namespace of @strapi/client's content API types; its query parameters merge.
declare module '@strapi/client' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace API {
    interface BaseQueryParams {
      /**
       * Serve documents that have no published version in `locale` in this locale instead;
       * such entries carry `fallback: true`.
       */
      fallbackLocale?: string;
    }
  }
}

/** An error of the content API, with the message Strapi wrote in the response body. */
export class ContentApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Strapi's error name (`ValidationError`, `NotFoundError`, …) when the body has one. */
    readonly errorName?: string
  ) {
    super(message);
    this.name = 'ContentApiError';
  }
}

/** Rethrows an HTTP error of @strapi/client with the message of Strapi's error body. */
async function withStrapiMessage<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (!(error instanceof HTTPError)) throw error;
    const body = (await error.response.json().catch(() => undefined)) as
      { error?: { message?: string; name?: string } } | undefined;
    throw new ContentApiError(
      body?.error?.message ?? error.message,
      error.response.status,
      body?.error?.name
    );
  }
}

export interface City extends API.Document {
  name: string;
  slug: string | null;
  locale: string;
  fallback?: boolean;
  country?: { name: string; isoCode: string } | null;
}

/** A client of the content API at `${baseUrl}/api`. */
export function createWebsiteClient(baseUrl: string) {
  const client = strapi({ baseURL: `${baseUrl}/api` });
  const cities = client.collection('cities');

  return {
    /** Cities by name in `locale`; with `fallbackLocale`, also those only published there. */
    async listCities(options: { locale: string; fallbackLocale?: string; filters?: object }) {
      const response = await withStrapiMessage(
        cities.find({
          locale: options.locale,
          fallbackLocale: options.fallbackLocale,
          filters: { ...options.filters },
          fields: ['name', 'slug', 'locale'],
          populate: { country: { fields: ['name', 'isoCode'] } },
          sort: ['name:asc'],
          pagination: { page: 1, pageSize: 100 },
        })
      );
      return { cities: response.data as City[], total: response.meta.pagination?.total };
    },

    /** One city with its country, by `documentId`, in `locale`. */
    async city(documentId: string, locale: string): Promise<City> {
      const response = await withStrapiMessage(
        cities.findOne(documentId, { locale, populate: ['country'] })
      );
      return response.data as City;
    },
  };
}
