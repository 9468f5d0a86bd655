import { anonymous, tokenHeader } from '../helpers/api';

const TYPES = ['cities', 'countries', 'creative-fields', 'network-goals'];

async function cityCount(): Promise<number> {
  const res = await anonymous()
    .get('/api/cities')
    .query({ locale: 'de', 'pagination[pageSize]': 1 });
  return res.body.meta.pagination.total;
}

describe('public access', () => {
  it.each(TYPES)('anonymous users can read /api/%s', async (type) => {
    const list = await anonymous().get(`/api/${type}`);
    expect(list.status).toBe(200);
    const one = await anonymous().get(`/api/${type}/${list.body.data[0].documentId}`);
    expect(one.status).toBe(200);
  });

  it('anonymous users can list the locales, de being the default', async () => {
    const res = await anonymous().get('/api/i18n/locales');
    expect(res.status).toBe(200);
    expect(
      res.body.map((l: { code: string; isDefault: boolean }) => [l.code, l.isDefault]).sort()
    ).toEqual([
      ['de', true],
      ['en', false],
    ]);
  });

  describe('writes', () => {
    it('refuses an anonymous POST with 403 and creates nothing', async () => {
      const before = await cityCount();
      const res = await anonymous()
        .post('/api/cities')
        .send({ data: { name: 'Atlantis' } });
      expect(res.status).toBe(403);
      expect(await cityCount()).toBe(before);
    });

    it('refuses anonymous PUT and DELETE with 403 and changes nothing', async () => {
      const list = await anonymous()
        .get('/api/cities')
        .query({ locale: 'de', 'filters[key][$eq]': 'berlin' });
      const berlin = list.body.data[0];
      const put = await anonymous()
        .put(`/api/cities/${berlin.documentId}`)
        .send({ data: { name: 'Hacked' } });
      expect(put.status).toBe(403);
      const del = await anonymous().delete(`/api/cities/${berlin.documentId}`);
      expect(del.status).toBe(403);
      const after = await anonymous()
        .get(`/api/cities/${berlin.documentId}`)
        .query({ locale: 'de' });
      expect(after.body.data.name).toBe('Berlin');
    });

    it('refuses anonymous writes on the single type', async () => {
      const res = await anonymous()
        .put('/api/network')
        .send({ data: { title: 'Hacked' } });
      expect(res.status).toBe(403);
    });
  });

  describe('with an API token', () => {
    it('creates and deletes a city', async () => {
      const created = await anonymous()
        .post('/api/cities')
        .set(tokenHeader())
        .query({ locale: 'de' })
        .send({ data: { name: 'Testhausen', memberSince: 2025 } });
      expect(created.status).toBe(201);
      const { documentId } = created.body.data;
      const del = await anonymous()
        .delete(`/api/cities/${documentId}`)
        .set(tokenHeader())
        .query({ locale: 'de' });
      expect(del.status).toBe(204);
      expect((await anonymous().get(`/api/cities/${documentId}`)).status).toBe(404);
    });
  });
});
