/**
 * api-guards in the plugin host (tests/plugin-host): the guards hold for another content model.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);

describe('api-guards in the plugin host', () => {
  it('refuses a filter on a private field', async () => {
    const res = await get('/api/articles?filters[editorNote][$eq]=secret');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('editorNote');
  });

  it('refuses drafts to anonymous readers', async () => {
    const res = await get('/api/articles?status=draft');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Drafts are not public/);
  });

  it('refuses a populate nested deeper than the default limit', async () => {
    const res = await get(
      '/api/articles?populate[author][populate][articles][populate][author][populate]=articles'
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/populate nests 4 levels deep/);
  });

  it('refuses a GraphQL query over the cost budget before running it', async () => {
    const aliases = Array.from(
      { length: 3 },
      (_, i) =>
        `a${i}: articles(pagination: { pageSize: 100 }) { title author { name articles(pagination: { pageSize: 100 }) { title } } }`
    ).join(' ');
    const res = await request(host.url)
      .post('/graphql')
      .send({ query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});
