import { anonymous } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';

describe('seed', () => {
  it('is visible to the booted app', async () => {
    expect(await getStrapi().db.query('api::city.city').count()).toBeGreaterThan(0);
    const res = await anonymous().get('/api/cities?locale=de&pagination[pageSize]=1');
    expect(res.body.meta.pagination.total).toBe(402);
  });
});
