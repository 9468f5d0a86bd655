/**
 * The content-manager views set up at bootstrap, read back through the admin API the admin panel
 * uses, and the rule that an editor's later customisation survives a restart.
 */
import request from 'supertest';
import { baseUrl } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';
import { ensureContentManagerViews } from '../../src/bootstrap/content-manager-views';
import { DESCRIPTIONS } from '../../src/lib/admin/content-manager-views';
import { EDITOR_ROLE_CODE } from '../../src/lib/admin/roles';

const CITY = 'api::city.city';
const PASSWORD = 'ViewTest2026';

interface ViewConfiguration {
  settings: { defaultSortBy: string; defaultSortOrder: string; mainField: string };
  metadatas: Record<string, { edit: { description: string; label: string } }>;
  layouts: { list: string[] };
}

const service = () => getStrapi().plugin('content-manager').service('content-types');
const stored = async (): Promise<ViewConfiguration> =>
  service().findConfiguration(service().findContentType(CITY));

let userId: number | undefined;
let token = '';

beforeAll(async () => {
  const strapi = getStrapi();
  // Not a super admin: the last super admin of a database cannot be deleted afterwards.
  const role = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  const user = await strapi.service('admin::user').create({
    email: 'views@views.test',
    firstname: 'View',
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  userId = user.id;
  const login = await request(baseUrl())
    .post('/admin/login')
    .send({ email: 'views@views.test', password: PASSWORD });
  token = login.body.data.token;
});

afterAll(async () => {
  if (userId) await getStrapi().service('admin::user').deleteById(userId);
});

describe('content-manager views', () => {
  it('shows cities by name, country, creative field and member since, sorted by name', async () => {
    const response = await request(baseUrl())
      .get(`/content-manager/content-types/${CITY}/configuration`)
      .set({ Authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const { settings, layouts, metadatas } = response.body.data.contentType;
    expect(layouts.list).toEqual(['name', 'country', 'creativeField', 'memberSince']);
    expect(settings).toMatchObject({ defaultSortBy: 'name', defaultSortOrder: 'ASC' });
    expect(metadatas.name.edit.description).toBe(DESCRIPTIONS.translated);
    expect(metadatas.memberSince.edit.description).toBe(DESCRIPTIONS.shared);
    expect(metadatas.country.edit.description).toBe(DESCRIPTIONS.sharedRelation);
  });

  it('changes nothing when applied again', async () => {
    const before = await stored();
    await ensureContentManagerViews(getStrapi());
    expect(await stored()).toEqual(before);
  });

  it("keeps an editor's later change of the columns and a description", async () => {
    const original = await stored();
    const contentType = service().findContentType(CITY);
    const { settings, metadatas, layouts } = structuredClone(original);
    layouts.list = ['name', 'memberSince'];
    metadatas.name.edit.description = 'Amtlicher Name der Stadt';
    try {
      await service().updateConfiguration(contentType, { settings, metadatas, layouts });
      await ensureContentManagerViews(getStrapi());
      const after = await stored();
      expect(after.layouts.list).toEqual(['name', 'memberSince']);
      expect(after.metadatas.name.edit.description).toBe('Amtlicher Name der Stadt');
      expect(after.settings.defaultSortBy).toBe('name');
    } finally {
      const { settings: s, metadatas: m, layouts: l } = original;
      await service().updateConfiguration(contentType, { settings: s, metadatas: m, layouts: l });
    }
  });
});
