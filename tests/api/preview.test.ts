/**
 * The preview of drafts on the demo site (src/preview): the admin's preview URL carries a preview
 * token, /preview/draft answers the draft only with a valid token for that page, and the public
 * API and pages stay as they are. Real admin logins, real HTTP.
 */
import request from 'supertest';
import { anonymous, baseUrl } from '../helpers/api';
import { CITY, COUNTRY, createDocument, deleteDocument, NETWORK } from '../helpers/documents';
import { getStrapi } from '../helpers/strapi';
import { EDITOR_ROLE_CODE } from '../../src/lib/admin/roles';
import { previewSecret, signPreviewToken } from '../../src/lib/preview/token';
import { PREVIEW_DRAFT_PATH } from '../../src/preview/draft-route';

const PASSWORD = 'PreviewTest2026';
const adminIds: number[] = [];
const created: Array<[string, string]> = [];
let editor: Record<string, string> = {};
let cityId = '';
let draftOnlyId = '';

async function adminLogin(email: string, roleId: number): Promise<Record<string, string>> {
  const user = await getStrapi()
    .service('admin::user')
    .create({
      email,
      firstname: 'Preview',
      lastname: 'Test',
      password: PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [roleId],
    });
  adminIds.push(user.id);
  const login = await request(baseUrl()).post('/admin/login').send({ email, password: PASSWORD });
  expect(login.status).toBe(200);
  return { Authorization: `Bearer ${login.body.data.token as string}` };
}

/** The URL the admin panel's Preview button opens, as `{ path, token }`. */
async function previewUrl(
  headers: Record<string, string>,
  uid: string,
  query: Record<string, string>
): Promise<{ status: number; path?: string; token?: string | null }> {
  const response = await request(baseUrl())
    .get(`/content-manager/preview/url/${uid}`)
    .query(query)
    .set(headers);
  if (response.status !== 200) return { status: response.status };
  const url = new URL(response.body.data.url as string);
  return { status: 200, path: url.pathname, token: url.searchParams.get('preview') };
}

const draft = (token: string, path: string) =>
  anonymous().get(PREVIEW_DRAFT_PATH).query({ token, path });

/** A token signed with the app's own secret, for claims the admin would never sign. */
function signed(claims: { uid: string; documentId: string; locale: string; exp: number }): string {
  const keys = getStrapi().config.get<string[]>('server.app.keys');
  return signPreviewToken(claims, previewSecret(keys));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const strapi = getStrapi();
  const role = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  editor = await adminLogin('redaktion@preview.test', role.id);
  // Published as "Vorschaustadt", then renamed in the draft only: what an editor does.
  cityId = await createDocument(CITY, {
    de: { name: 'Vorschaustadt', slug: 'vorschaustadt', key: 'preview-city', memberSince: 2021 },
    en: { name: 'Preview City', slug: 'preview-city', memberSince: 2021 },
  });
  await strapi.documents(CITY).update({
    documentId: cityId,
    locale: 'de',
    data: { name: 'Vorschaustadt (Entwurf)' } as never,
  });
  draftOnlyId = await createDocument(
    CITY,
    { de: { name: 'Entwurfsstadt', slug: 'entwurfsstadt', key: 'draft-only-city' } },
    ['de']
  );
  created.push([CITY, cityId], [CITY, draftOnlyId]);
});

afterAll(async () => {
  for (const [uid, documentId] of created) await deleteDocument(uid, documentId);
  for (const id of adminIds) await getStrapi().service('admin::user').deleteById(id);
});

describe('the Preview button', () => {
  it('opens the draft of the edited locale with a preview token', async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: cityId,
      locale: 'de',
      status: 'draft',
    });
    expect(url).toMatchObject({ status: 200, path: '/de/staedte/vorschaustadt' });
    expect(url.token).toMatch(/^[\w-]+\.[\w-]+$/);
    const response = await draft(url.token ?? '', url.path ?? '');
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ name: 'Vorschaustadt (Entwurf)', locale: 'de' });
    // The English version of the same document gets its own token, for its own page.
    const english = await previewUrl(editor, CITY, {
      documentId: cityId,
      locale: 'en',
      status: 'draft',
    });
    expect(english.path).toBe('/en/cities/preview-city');
    expect((await draft(english.token ?? '', english.path ?? '')).body.data.name).toBe(
      'Preview City'
    );
  });

  it('opens the published version as the public page, without a token', async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: cityId,
      locale: 'de',
      status: 'published',
    });
    expect(url).toEqual({ status: 200, path: '/de/staedte/vorschaustadt', token: null });
  });

  it('previews a never-published city under the slug of its draft', async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: draftOnlyId,
      locale: 'de',
      status: 'draft',
    });
    expect(url.path).toBe('/de/staedte/entwurfsstadt');
    const response = await draft(url.token ?? '', url.path ?? '');
    expect(response.body.data.name).toBe('Entwurfsstadt');
  });

  it('previews the network page on the home page', async () => {
    const url = await previewUrl(editor, NETWORK, { locale: 'en', status: 'draft' });
    expect(url.path).toBe('/en/');
    const response = await draft(url.token ?? '', url.path ?? '');
    expect(response.status).toBe(200);
    expect(response.body.data.title).toEqual(expect.any(String));
    expect(Array.isArray(response.body.data.links)).toBe(true);
  });

  it('gives no draft preview to an admin who may not read the type', async () => {
    const strapi = getStrapi();
    const role = await strapi
      .service('admin::role')
      .create({ name: 'Preview test without rights', description: 'no permissions' });
    try {
      const headers = await adminLogin('ohne-rechte@preview.test', role.id);
      const url = await previewUrl(headers, CITY, {
        documentId: cityId,
        locale: 'de',
        status: 'draft',
      });
      expect(url.status).toBe(204);
    } finally {
      // The role can only go once nobody holds it.
      const userId = adminIds.pop();
      await strapi.service('admin::user').deleteById(userId);
      await strapi.service('admin::role').deleteByIds([role.id]);
    }
  });
});

describe('preview responses', () => {
  it('are private, not stored, not indexed and carry no cache tags (page and draft)', async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: cityId,
      locale: 'de',
      status: 'draft',
    });
    for (const response of [
      await anonymous().get(`${url.path}?preview=${url.token}`),
      await draft(url.token ?? '', url.path ?? ''),
      await draft('forged.token', url.path ?? ''),
    ]) {
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['x-robots-tag']).toBe('noindex');
      for (const header of ['surrogate-key', 'cache-tag', 'surrogate-control', 'etag']) {
        expect(response.headers[header]).toBeUndefined();
      }
    }
    // The public page stays cacheable as before.
    const page = await anonymous().get(url.path ?? '');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-robots-tag']).toBeUndefined();
  });
});

describe('without a valid preview token', () => {
  it('the API answers the published version, and drafts stay refused', async () => {
    const published = await anonymous().get('/api/cities').query({
      locale: 'de',
      'filters[key][$eq]': 'preview-city',
    });
    expect(published.body.data.map((city: { name: string }) => city.name)).toEqual([
      'Vorschaustadt',
    ]);
    const neverPublished = await anonymous().get('/api/cities').query({
      locale: 'de',
      'filters[key][$eq]': 'draft-only-city',
    });
    expect(neverPublished.body.data).toEqual([]);
    expect((await anonymous().get('/api/cities').query({ status: 'draft' })).status).toBe(403);
  });

  it('refuses an expired token with 401 saying so', async () => {
    const token = signed({ uid: CITY, documentId: cityId, locale: 'de', exp: nowSeconds() - 1 });
    const response = await draft(token, '/de/staedte/vorschaustadt');
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ name: 'UnauthorizedError' });
    expect(response.body.error.message).toMatch(/expired at .*press Preview again/);
    expect(response.body.data).toBeNull();
  });

  it('refuses an altered or foreign-signed token with 401', async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: cityId,
      locale: 'de',
      status: 'draft',
    });
    const token = url.token ?? '';
    const [payload, signature] = token.split('.');
    const otherPayload = signed({
      uid: CITY,
      documentId: draftOnlyId,
      locale: 'de',
      exp: nowSeconds() + 60,
    }).split('.')[0];
    const foreign = signPreviewToken(
      { uid: CITY, documentId: cityId, locale: 'de', exp: nowSeconds() + 60 },
      previewSecret(['not-this-app'])
    );
    for (const bad of [`${otherPayload}.${signature}`, `${payload}.${signature}x`, foreign]) {
      const response = await draft(bad, url.path ?? '');
      expect(response.status).toBe(401);
      expect(response.body.error.message).toMatch(/not valid/);
    }
  });

  it("refuses another document's token with 403", async () => {
    const url = await previewUrl(editor, CITY, {
      documentId: draftOnlyId,
      locale: 'de',
      status: 'draft',
    });
    const response = await draft(url.token ?? '', '/de/staedte/vorschaustadt');
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/another page/);
  });

  it('refuses a token for a type without a page with 400, and a request without one', async () => {
    const country = await getStrapi()
      .documents(COUNTRY)
      .findFirst({ locale: 'de', filters: { isoCode: 'PL' } });
    const token = signed({
      uid: COUNTRY,
      documentId: country?.documentId ?? '',
      locale: 'de',
      exp: nowSeconds() + 60,
    });
    const response = await draft(token, '/de/');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(`${COUNTRY} has no page on the site to preview.`);
    const missing = await anonymous().get(PREVIEW_DRAFT_PATH).query({ path: '/de/' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/needs one `token` and one `path`/);
  });

  it('answers 404 for a document deleted since the token was made', async () => {
    const id = await createDocument(
      CITY,
      { de: { name: 'Gelöschte Stadt', slug: 'geloeschte-stadt', key: 'deleted-preview-city' } },
      ['de']
    );
    const url = await previewUrl(editor, CITY, { documentId: id, locale: 'de', status: 'draft' });
    expect((await draft(url.token ?? '', url.path ?? '')).body.data.name).toBe('Gelöschte Stadt');
    await deleteDocument(CITY, id);
    const response = await draft(url.token ?? '', url.path ?? '');
    expect(response.status).toBe(404);
  });
});
