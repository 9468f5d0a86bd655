import { anonymous } from '../helpers/api';

/**
 * superagent sends `Accept-Encoding: gzip, deflate` with a GET but none with a HEAD: both say the
 * same here, so that both ask for the same representation (each coding has its own ETag).
 */
const ENCODING = { 'Accept-Encoding': 'gzip, deflate' };

describe('HEAD is GET without the body', () => {
  it.each(['/api/cities?locale=en&pagination[pageSize]=2', '/api/network?locale=de'])(
    'HEAD %s: the same status and headers, ETag included',
    async (path) => {
      const get = await anonymous().get(path);
      const head = await anonymous().head(path).set(ENCODING);
      expect(head.status).toBe(200);
      expect(head.text ?? '').toBe('');
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.headers['cache-control']).toBe(get.headers['cache-control']);
      const revalidated = await anonymous()
        .head(path)
        .set(ENCODING)
        .set('If-None-Match', get.headers.etag);
      expect(revalidated.status).toBe(304);
    }
  );
});

describe('/sitemap.xml and /openapi.json carry validators', () => {
  it.each(['/sitemap.xml', '/openapi.json'])(
    '%s: ETag, Cache-Control, 304 and HEAD',
    async (path) => {
      const get = await anonymous().get(path);
      expect(get.status).toBe(200);
      expect(get.headers.etag).toMatch(/^"[\w-]+"$/);
      // The response cache serves them like the API's reads (its Cache-Control, its ETag).
      const api = await anonymous().get('/api/i18n/locales');
      expect(get.headers['cache-control']).toBe(api.headers['cache-control']);
      const again = await anonymous().get(path).set('If-None-Match', `W/${get.headers.etag}`);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(get.headers.etag);
      const other = await anonymous().get(path).set('If-None-Match', '"other"');
      expect(other.status).toBe(200);
      const head = await anonymous().head(path).set(ENCODING);
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
    }
  );
});
