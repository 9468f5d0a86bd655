/**
 * Contract of server/src/lib/content-api-memo.ts with the Strapi functions it wraps, on the
 * booted app (where the plugin installed it): `strapi.contentAPI.permissions.engine
 * .generateAbility`, `strapi.contentAPI.sanitize.query` and `strapi.contentAPI.validate.query`.
 * A failure names the API that changed, so a Strapi upgrade that breaks one says where to look.
 */
import request from 'supertest';
import { baseUrl } from '../../../../../tests/helpers/api';
import { getStrapi } from '../../../../../tests/helpers/strapi';
import { usersPermissionsAuth, type Ability } from '../../../../../tests/helpers/content-api-auth';

const CITY = 'api::city.city';

interface ContentApiInternals {
  permissions: {
    engine: { generateAbility(permissions: Array<{ action: string }>): Promise<Ability> };
  };
  sanitize: { query(query: object, schema: object, options: object): Promise<object> };
  validate: { query(query: object, schema: object, options: object): Promise<unknown> };
}

async function contract(api: string, check: () => Promise<void> | void): Promise<void> {
  try {
    await check();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Strapi API ${api} changed: ${reason}`);
  }
}

const contentApi = () => getStrapi().contentAPI as unknown as ContentApiInternals;

const READ_CITIES = [{ action: `${CITY}.find` }, { action: `${CITY}.findOne` }];
const READ_CITIES_AND_COUNTRIES = [...READ_CITIES, { action: 'api::country.country.find' }];

describe('content API memo (server/src/lib/content-api-memo.ts)', () => {
  it('strapi.contentAPI.permissions.engine.generateAbility: one ability per permission list', async () => {
    await contract('contentAPI.permissions.engine.generateAbility', async () => {
      const { engine } = contentApi().permissions;
      const first = await engine.generateAbility(READ_CITIES.map((p) => ({ ...p })));
      const again = await engine.generateAbility(READ_CITIES.map((p) => ({ ...p })));
      const other = await engine.generateAbility(READ_CITIES_AND_COUNTRIES);
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      expect(first.can(`${CITY}.find`)).toBe(true);
      expect(first.can('api::country.country.find')).toBe(false);
      expect(other.can('api::country.country.find')).toBe(true);
    });
  });

  it('strapi.contentAPI.sanitize.query: per ability, handed out as copies', async () => {
    await contract('contentAPI.sanitize.query', async () => {
      const api = contentApi();
      const schema = getStrapi().contentType(CITY);
      const query = { populate: { country: true }, filters: { name: { $eq: 'Graz' } } };
      const withCountries = usersPermissionsAuth(
        await api.permissions.engine.generateAbility(READ_CITIES_AND_COUNTRIES)
      );
      const withoutCountries = usersPermissionsAuth(
        await api.permissions.engine.generateAbility(READ_CITIES)
      );
      const first = (await api.sanitize.query(query, schema, { auth: withCountries })) as {
        populate?: Record<string, unknown>;
      };
      expect(first.populate).toEqual({ country: true });
      // A caller that changes what it got does not change what the next caller gets.
      first.populate = { changed: true };
      const second = await api.sanitize.query(query, schema, { auth: withCountries });
      expect(second).toEqual({ populate: { country: true }, filters: { name: { $eq: 'Graz' } } });
      // Another ability is another memo: the relation it may not read is removed.
      const restricted = (await api.sanitize.query(query, schema, {
        auth: withoutCountries,
      })) as { populate?: Record<string, unknown> };
      expect(restricted.populate ?? {}).toEqual({});
    });
  });

  it('strapi.contentAPI.validate.query: a refused query is refused every time', async () => {
    await contract('contentAPI.validate.query', async () => {
      const api = contentApi();
      const schema = getStrapi().contentType(CITY);
      const auth = usersPermissionsAuth(await api.permissions.engine.generateAbility(READ_CITIES));
      const bad = { filters: { notAnAttribute: { $eq: 1 } } };
      for (let i = 0; i < 2; i++) {
        await expect(api.validate.query(bad, schema, { auth })).rejects.toThrow(/notAnAttribute/);
      }
      await expect(
        api.validate.query({ filters: { name: { $eq: 'Graz' } } }, schema, { auth })
      ).resolves.toBeUndefined();
    });
  });

  it('over HTTP: a repeated query gets the same answer, a bad one the same 400', async () => {
    const path = '/api/cities?locale=en&pagination[pageSize]=3&populate[0]=country&sort=key:asc';
    const first = await request(baseUrl()).get(path).expect(200);
    const second = await request(baseUrl()).get(path).expect(200);
    expect(second.body).toEqual(first.body);
    expect((first.body as { data: Array<{ country?: unknown }> }).data[0].country).toBeDefined();
    for (let i = 0; i < 2; i++) {
      const bad = await request(baseUrl())
        .get('/api/cities?locale=en&filters[notAnAttribute][$eq]=1')
        .expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/notAnAttribute/);
    }
  });
});
