/**
 * Over-long request URLs and heads, in the plugin host (tests/plugin-host): a JSON error in
 * Strapi's error shape a website's script can read (the same CORS headers as any answer on the
 * 414), instead of Node's empty 431 without them.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { pluginHost } from '../../../../../tests/helpers/host';

const host = pluginHost();

const ORIGIN = 'https://some-website.example';

function get(
  path: string
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, host.url),
      { headers: { Origin: ORIGIN }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    req.end();
  });
}

const longTitle = (bytes: number) =>
  `/api/articles?locale=it&filters[title][$eq]=${'a'.repeat(bytes)}`;

describe('over-long URLs', () => {
  /** What the host's CORS middleware answers this origin on a URL within the limit. */
  const allowedOrigin = async () =>
    (await get(longTitle(10))).headers['access-control-allow-origin'] as string;

  it('answers a URL over 16 KB with a JSON 414 that carries CORS headers', async () => {
    const res = await get(longTitle(20_000));
    expect(res.status).toBe(414);
    expect(res.headers['access-control-allow-origin']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBe(await allowedOrigin());
    expect(JSON.parse(res.body)).toEqual({
      data: null,
      error: {
        status: 414,
        name: 'URITooLongError',
        message: expect.stringMatching(/^The URL has 200\d\d bytes; at most 16384 are allowed/),
        details: {},
      },
    });
  });

  it('answers a GraphQL GET over the limit in GraphQL error shape', async () => {
    const query = encodeURIComponent(
      `{ articles(filters: { title: { eq: "${'a'.repeat(20_000)}" } }) { title } }`
    );
    const res = await get(`/graphql?query=${query}`);
    expect(res.status).toBe(414);
    expect(res.headers['access-control-allow-origin']).toBe(await allowedOrigin());
    expect(JSON.parse(res.body)).toMatchObject({
      errors: [{ extensions: { code: 'URI_TOO_LONG' } }],
    });
  });

  it('still answers URLs up to the limit', async () => {
    const res = await get(longTitle(15_000));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: [] });
  });

  it('answers a request head over 64 KB with a JSON 431 instead of an empty one', async () => {
    const res = await get(longTitle(70_000));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      data: null,
      error: {
        status: 431,
        name: 'RequestHeaderFieldsTooLargeError',
        message: 'The request line and headers are larger than 65536 bytes',
        details: { maxBytes: 65536 },
      },
    });
  });
});
