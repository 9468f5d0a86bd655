/**
 * search in the plugin host (tests/plugin-host): articles and authors indexed, fallback to fr.
 */
import request from 'supertest';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();
const get = (path: string) => request(host.url).get(path);

describe('search in the plugin host', () => {
  it('finds an author by a name without its accent and answers in the requested locale', async () => {
    const res = await get('/api/search?q=francais&locale=it&fallbackLocale=fr');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        type: 'articles',
        name: 'Seulement en français',
        locale: 'fr',
        fallback: true,
      }),
    ]);
  });
});
