/**
 * Over-long request URLs and heads: a JSON error in Strapi's error shape a website's script can
 * read (CORS headers on the 414), instead of Node's empty 431 without them.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { baseUrl } from '../../../../../tests/helpers/api';

const ORIGIN = 'https://some-website.example';

function get(
  path: string
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, baseUrl()),
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

const longName = (bytes: number) => `/api/cities?locale=en&filters[name][$eq]=${'a'.repeat(bytes)}`;

describe('over-long URLs', () => {
  it('answers a URL over 16 KB with a JSON 414 that carries CORS headers', async () => {
    const res = await get(longName(20_000));
    expect(res.status).toBe(414);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
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
      `{ cities(filters: { name: { eq: "${'a'.repeat(20_000)}" } }) { name } }`
    );
    const res = await get(`/graphql?query=${query}`);
    expect(res.status).toBe(414);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(JSON.parse(res.body)).toMatchObject({
      errors: [{ extensions: { code: 'URI_TOO_LONG' } }],
    });
  });

  it('still answers URLs up to the limit', async () => {
    const res = await get(longName(15_000));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: [] });
  });

  it('answers a request head over 64 KB with a JSON 431 instead of an empty one', async () => {
    const res = await get(longName(70_000));
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
