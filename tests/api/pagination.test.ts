import { anonymous } from '../helpers/api';

describe('pagination on the list routes', () => {
  it.each([
    ['pagination[pageSize]=abc', 'pagination[pageSize] must be a positive integer'],
    ['pagination[pageSize]=0', 'pagination[pageSize] must be a positive integer'],
    ['pagination[pageSize]=101', 'pagination[pageSize] must be at most 100'],
    ['pagination[page]=abc', 'pagination[page] must be a positive integer'],
    ['pagination[start]=-5', 'pagination[start] must be a non-negative integer'],
    ['pagination[limit]=x', 'pagination[limit] must be a positive integer'],
    ['pagination[withCount]=maybe', 'pagination[withCount] must be true or false'],
  ])('%s is a 400 naming the parameter', async (query, message) => {
    const res = await anonymous().get(`/api/cities?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      data: null,
      error: { status: 400, name: 'ValidationError', message },
    });
  });

  it('answers as before with good values', async () => {
    const res = await anonymous().get('/api/cities?pagination[page]=2&pagination[pageSize]=3');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(3);
    expect(res.body.meta.pagination).toMatchObject({ page: 2, pageSize: 3 });
  });

  it('says the same on the search route', async () => {
    const res = await anonymous().get('/api/search?q=a&pagination[pageSize]=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('pagination[pageSize] must be a positive integer');
  });
});
