/**
 * Tracking parameters on API URLs (config/plugins.ts IGNORED_QUERY_PARAMS): api-guards removes
 * them before Strapi validates the query, the response cache leaves them out of its key; any
 * other unknown parameter stays a 400.
 */
import { anonymous } from '../helpers/api';

let counter = 0;
/** A filter that matches every city but makes a cache key no other test uses. */
function fresh(): string {
  counter += 1;
  return `filters[documentId][$ne]=tracking-${Date.now()}-${counter}`;
}

describe('tracking parameters', () => {
  it.each([
    'utm_source=newsletter',
    'utm_medium=email&utm_campaign=winter&utm_term=x&utm_content=y',
    'gclid=abc',
    'fbclid=abc',
    'mc_cid=1&mc_eid=2',
    '_=1732960000000',
    'utm_source[x]=1',
  ])('?%s is answered like the URL without it', async (tracking) => {
    const base = `/api/cities?locale=en&fields[0]=name&sort=name&${fresh()}`;
    const plain = await anonymous().get(base);
    const tracked = await anonymous().get(`${base}&${tracking}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toEqual(plain.body);
  });

  it('are ignored on detail and single-type URLs too', async () => {
    const list = await anonymous().get('/api/countries?pagination[pageSize]=1');
    const id = list.body.data[0].documentId;
    expect((await anonymous().get(`/api/countries/${id}?utm_source=x`)).status).toBe(200);
    expect((await anonymous().get('/api/network?locale=de&gclid=1&_=2')).status).toBe(200);
    expect((await anonymous().get('/api/i18n/locales?fbclid=1')).status).toBe(200);
  });

  it('share one cache entry: a HIT for utm_source=a after utm_source=b', async () => {
    const base = `/api/cities?${fresh()}`;
    const first = await anonymous().get(`${base}&utm_source=b`);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await anonymous().get(`${base}&utm_source=a`);
    expect(second.headers['x-cache']).toBe('HIT');
    const without = await anonymous().get(base);
    expect(without.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('any other unknown parameter stays a 400', async () => {
    for (const query of ['foo=1', 'utm=1', 'gclid2=1', '__=1', 'foo=1&utm_source=a']) {
      const res = await anonymous().get(`/api/cities?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.name).toBe('ValidationError');
    }
    const res = await anonymous().get('/api/cities?foo=1');
    expect(res.body.error.message).toBe('Invalid key foo');
  });
});
