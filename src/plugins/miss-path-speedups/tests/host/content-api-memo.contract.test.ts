/**
 * Contract of server/src/lib/content-api-memo.ts with the Strapi functions it wraps, on the
 * plugin host booted in the jest process (where the plugin installed it; articles and their
 * authors): `strapi.contentAPI.permissions.engine
 * .generateAbility`, `strapi.contentAPI.sanitize.query` and `strapi.contentAPI.validate.query`.
 * A failure names the API that changed, so a Strapi upgrade that breaks one says where to look.
 */
import request from 'supertest';
import { hostStrapi, hostStrapiUrl } from '../../../../../tests/helpers/host';
import { ARTICLE, AUTHOR } from '../../../../../tests/helpers/host-fixture';
import { usersPermissionsAuth, type Ability } from '../../../../../tests/helpers/content-api-auth';

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

const contentApi = () => hostStrapi().contentAPI as unknown as ContentApiInternals;

const READ_ARTICLES = [{ action: `${ARTICLE}.find` }, { action: `${ARTICLE}.findOne` }];
const READ_ARTICLES_AND_AUTHORS = [...READ_ARTICLES, { action: `${AUTHOR}.find` }];

describe('content API memo (server/src/lib/content-api-memo.ts)', () => {
  it('strapi.contentAPI.permissions.engine.generateAbility: one ability per permission list', async () => {
    await contract('contentAPI.permissions.engine.generateAbility', async () => {
      const { engine } = contentApi().permissions;
      const first = await engine.generateAbility(READ_ARTICLES.map((p) => ({ ...p })));
      const again = await engine.generateAbility(READ_ARTICLES.map((p) => ({ ...p })));
      const other = await engine.generateAbility(READ_ARTICLES_AND_AUTHORS);
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      expect(first.can(`${ARTICLE}.find`)).toBe(true);
      expect(first.can(`${AUTHOR}.find`)).toBe(false);
      expect(other.can(`${AUTHOR}.find`)).toBe(true);
    });
  });

  it('strapi.contentAPI.sanitize.query: per ability, handed out as copies', async () => {
    await contract('contentAPI.sanitize.query', async () => {
      const api = contentApi();
      const schema = hostStrapi().contentType(ARTICLE);
      const query = { populate: { author: true }, filters: { title: { $eq: 'Bonjour' } } };
      const withAuthors = usersPermissionsAuth(
        await api.permissions.engine.generateAbility(READ_ARTICLES_AND_AUTHORS)
      );
      const withoutAuthors = usersPermissionsAuth(
        await api.permissions.engine.generateAbility(READ_ARTICLES)
      );
      const first = (await api.sanitize.query(query, schema, { auth: withAuthors })) as {
        populate?: Record<string, unknown>;
      };
      expect(first.populate).toEqual({ author: true });
      // A caller that changes what it got does not change what the next caller gets.
      first.populate = { changed: true };
      const second = await api.sanitize.query(query, schema, { auth: withAuthors });
      expect(second).toEqual({
        populate: { author: true },
        filters: { title: { $eq: 'Bonjour' } },
      });
      // Another ability is another memo: the relation it may not read is removed.
      const restricted = (await api.sanitize.query(query, schema, {
        auth: withoutAuthors,
      })) as { populate?: Record<string, unknown> };
      expect(restricted.populate ?? {}).toEqual({});
    });
  });

  it('strapi.contentAPI.validate.query: a refused query is refused every time', async () => {
    await contract('contentAPI.validate.query', async () => {
      const api = contentApi();
      const schema = hostStrapi().contentType(ARTICLE);
      const auth = usersPermissionsAuth(
        await api.permissions.engine.generateAbility(READ_ARTICLES)
      );
      const bad = { filters: { notAnAttribute: { $eq: 1 } } };
      for (let i = 0; i < 2; i++) {
        await expect(api.validate.query(bad, schema, { auth })).rejects.toThrow(/notAnAttribute/);
      }
      await expect(
        api.validate.query({ filters: { title: { $eq: 'Bonjour' } } }, schema, { auth })
      ).resolves.toBeUndefined();
    });
  });

  it('over HTTP: a repeated query gets the same answer, a bad one the same 400', async () => {
    const path = '/api/articles?locale=fr&pagination[pageSize]=3&populate[0]=author&sort=title:asc';
    const first = await request(hostStrapiUrl()).get(path).expect(200);
    const second = await request(hostStrapiUrl()).get(path).expect(200);
    expect(second.body).toEqual(first.body);
    expect((first.body as { data: Array<{ author?: unknown }> }).data[0].author).toBeDefined();
    for (let i = 0; i < 2; i++) {
      const bad = await request(hostStrapiUrl())
        .get('/api/articles?locale=fr&filters[notAnAttribute][$eq]=1')
        .expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/notAnAttribute/);
    }
  });
});
