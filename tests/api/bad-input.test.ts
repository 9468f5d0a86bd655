/**
 * Bad input gets a 4xx that says what is wrong, never a 500, and changes nothing: Strapi's own
 * validation of queries and write bodies. What the API guards add (malformed filters, rich text,
 * relations, unknown locales, and a property test over generated input) is tested in
 * tests/api/plugins/api-guards/bad-input.test.ts.
 */
import request from 'supertest';
import { anonymous, baseUrl, tokenHeader } from '../helpers/api';
import { getStrapi } from '../helpers/strapi';
import { settledContentSnapshot } from '../helpers/security';

const CITY = 'api::city.city';

let dataBefore: Awaited<ReturnType<typeof settledContentSnapshot>>;
let berlin: string;

beforeAll(async () => {
  dataBefore = await settledContentSnapshot(getStrapi());
  const res = await anonymous().get('/api/cities?filters[slug][$eq]=berlin').expect(200);
  berlin = res.body.data[0].documentId;
});

describe('malformed queries get a 400 naming the problem', () => {
  it.each([
    ['filters[nope]=x', /Invalid key nope/],
    ['filters[name][$foo]=x', /Invalid key \$foo/],
    ['sort=nope', /Invalid key nope/],
    ['sort=name:sideways', /Invalid order/],
    ['fields=nope', /Invalid key nope/],
    ['populate=nope', /Invalid key nope/],
    ['pagination[page]=abc', /^pagination\[page\] must be a positive integer$/],
    ['pagination[page]=1&pagination[start]=0', /Cannot use both page & offset/],
    ['status=weird', /Expected 'published' or 'draft'/],
    ['locale[$eq]=x', /Invalid locale: expected one locale code.*Available locales: de, en/],
    ['%E0%A4%A=1', /Invalid key/],
  ])('GET /api/cities?%s', async (query, message) => {
    const res = await anonymous().get(`/api/cities?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('bad writes (API token) get a 4xx naming the problem and store nothing', () => {
  const post = (body: string, query = '') =>
    request(baseUrl())
      .post(`/api/cities${query}`)
      .set(tokenHeader())
      .set('Content-Type', 'application/json')
      .send(body);

  it.each([
    [
      'wrong type',
      '{"data":{"name":"Probe","memberSince":"abc"}}',
      /memberSince must be a `number`/,
    ],
    ['fraction for an integer', '{"data":{"name":"Probe","memberSince":2020.5}}', /integer/],
    ['number out of range', '{"data":{"name":"Probe","latitude":1000}}', /latitude must be less/],
    ['invalid JSON', '{"data":', /JSON/],
    ['not JSON at all', 'not json', /JSON/],
    ['missing data', '{}', /Missing "data" payload/],
    ['data not an object', '{"data":[]}', /must be a `object`/],
    ['unknown field', '{"data":{"name":"Probe","nope":1}}', /Invalid key nope/],
    ['id in the body', '{"data":{"name":"Probe","id":5}}', /Invalid key id/],
    ['createdBy in the body', '{"data":{"name":"Probe","createdBy":1}}', /Invalid key createdBy/],
    ['oversized string', `{"data":{"name":"${'x'.repeat(5000)}"}}`, /name must be at most 120/],
    ['missing required name', '{"data":{"memberSince":2010}}', /name must be a `string`/],
    [
      'unknown block type',
      '{"data":{"name":"Probe","description":[{"type":"bogus"}]}}',
      /Block node is of invalid type/,
    ],
    [
      'children not a list',
      '{"data":{"name":"Probe","description":[{"type":"paragraph","children":"x"}]}}',
      /children must be a `array`/,
    ],
    [
      'text node without text',
      '{"data":{"name":"Probe","description":[{"type":"paragraph","children":[{"type":"text"}]}]}}',
      /Text must be defined/,
    ],
    [
      'heading level 9',
      '{"data":{"name":"Probe","description":[{"type":"heading","level":9,"children":[{"type":"text","text":"x"}]}]}}',
      /level must be one of/,
    ],
    ['relation to a missing document', '{"data":{"name":"Probe","country":"nope"}}', /not found/],
    ['slug with spaces', '{"data":{"name":"Probe","slug":"has spaces!"}}', /slug must match/],
    ['duplicate unique key', '{"data":{"name":"Probe","key":"berlin"}}', /must be unique/],
  ])('%s', async (_name, body, message) => {
    const before = await getStrapi().db.query(CITY).count();
    const res = await post(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(message);
    expect(await getStrapi().db.query(CITY).count()).toBe(before);
  });

  it('a bad update leaves the document as it was', async () => {
    const res = await request(baseUrl())
      .put(`/api/cities/${berlin}`)
      .set(tokenHeader())
      .send({ data: { name: 'Berlin 2', memberSince: 'abc' } });
    expect(res.status).toBe(400);
    const after = await anonymous().get(`/api/cities/${berlin}`).expect(200);
    expect(after.body.data.name).toBe('Berlin');
    expect(after.body.data.memberSince).toBe(2005);
  });
});

describe('afterwards', () => {
  // Last in the file: every test above must leave the data exactly as it found it.
  it('the data is unchanged', async () => {
    expect(await settledContentSnapshot(getStrapi())).toEqual(dataBefore);
  });
});
