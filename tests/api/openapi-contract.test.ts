/**
 * The public OpenAPI document is the contract: real anonymous responses, in every variant a
 * website uses, validate against the document the app serves (plain Ajv 8 + ajv-formats).
 */
import { anonymous } from '../helpers/api';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createAjv, ResponseValidator, type OpenApiSpec } from '../helpers/openapi';
import { OPENAPI_3_0_DOCUMENT } from '../helpers/openapi-document-schema';
import { ROLE_PERMISSIONS } from '../../src/bootstrap/public-permissions';

/** The search plugin's route, when the Public role may use it. */
const SEARCH = ROLE_PERMISSIONS.public.includes('plugin::search.search.find');

const COLLECTIONS = ['cities', 'countries', 'creative-fields', 'network-goals'];
const LOCALES = ['de', 'en'];

let spec: OpenApiSpec;
let validator: ResponseValidator;
const documentIds: Record<string, string> = {};

beforeAll(async () => {
  const res = await anonymous().get('/openapi.json');
  expect(res.status).toBe(200);
  spec = res.body as OpenApiSpec;
  validator = new ResponseValidator(spec);
  for (const collection of COLLECTIONS) {
    const list = await anonymous().get(`/api/${collection}?pagination[pageSize]=1&locale=de`);
    documentIds[collection] = list.body.data[0].documentId;
  }
});

interface Case {
  url: string | (() => string);
  status: number;
}

const cases: Array<[string, Case]> = [];
const add = (name: string, url: Case['url'], status = 200) => cases.push([name, { url, status }]);

for (const locale of LOCALES) {
  for (const collection of COLLECTIONS) {
    add(`${collection} list (${locale})`, `/api/${collection}?locale=${locale}`);
    add(
      `${collection} detail (${locale})`,
      () => `/api/${collection}/${documentIds[collection]}?locale=${locale}`
    );
  }
  add(`network (${locale})`, `/api/network?locale=${locale}`);
  add(`network with links (${locale})`, `/api/network?locale=${locale}&populate=links`);
}
for (const collection of COLLECTIONS) {
  add(`${collection} with fallback`, `/api/${collection}?locale=en&fallbackLocale=de`);
  add(`${collection} populate=*`, `/api/${collection}?populate=*&pagination[pageSize]=5`);
}
add('network with fallback', '/api/network?locale=en&fallbackLocale=de&populate=*');
add(
  'city detail with fallback',
  () => `/api/cities/${documentIds.cities}?locale=en&fallbackLocale=de`
);
add('cities fields[0]=slug', '/api/cities?fields[0]=slug');
add(
  'cities fields=name,website',
  '/api/cities?fields[0]=name&fields[1]=website&fields[2]=unescoUrl'
);
add('city detail fields', () => `/api/cities/${documentIds.cities}?fields[0]=slug`);
add(
  'cities populate country name',
  '/api/cities?populate[country][fields][0]=name&populate[creativeField][fields][0]=slug'
);
add(
  'cities populate two levels',
  '/api/cities?populate[country][populate][0]=cities&pagination[pageSize]=3'
);
add('cities populate=localizations', '/api/cities?populate=localizations&pagination[pageSize]=5');
add(
  'city detail localizations',
  () => `/api/cities/${documentIds.cities}?populate[0]=localizations&populate[1]=country`
);
add(
  'fallback with populate',
  '/api/cities?locale=en&fallbackLocale=de&populate=*&pagination[pageSize]=5'
);
add('creative field with its cities', '/api/creative-fields?populate[cities][fields][0]=name');
add('start/limit', '/api/cities?pagination[start]=5&pagination[limit]=3');
add(
  'start/limit without count',
  '/api/cities?pagination[start]=0&pagination[limit]=2&pagination[withCount]=false'
);
add(
  'page without count',
  '/api/cities?pagination[page]=2&pagination[pageSize]=10&pagination[withCount]=false'
);
add('last page', '/api/cities?pagination[page]=1000&pagination[pageSize]=100');
add('cursor, first page', '/api/cities?sort=name&pagination[cursor]=&pagination[pageSize]=3');
add(
  'cursor, last page',
  '/api/creative-fields?locale=en&pagination[cursor]=&pagination[pageSize]=20'
);
add('filters and sort', '/api/cities?filters[country][isoCode][$eq]=DE&sort=name:desc');
add('empty result', '/api/cities?filters[name][$eq]=nowhere-at-all');
add('locales', '/api/i18n/locales');
add('tracking parameters are ignored', '/api/cities?utm_source=newsletter&gclid=1&_=123');
if (SEARCH) {
  add('search', '/api/search?q=krakow&locale=de');
  add('search with fallback', '/api/search?q=a&locale=en&fallbackLocale=de&types=cities');
  add('search, second page', '/api/search?q=a&pagination[page]=2&pagination[pageSize]=5');
  add('search 400', '/api/search?q=a&types=nope', 400);
  add('search, typo and facets', '/api/search?q=heidleberg&facets=creativeField,country');
  add('search, alternative name', '/api/search?q=cracow&locale=en&facets=country');
  add('search, facets repeated', '/api/search?q=san&facets=country&facets=creativeField');
  add('search, unknown facet 400', '/api/search?q=san&facets=city', 400);
}
add('component field selection', '/api/network?locale=de&populate[links][fields][0]=label');
add('status=published', '/api/cities?status=published&pagination[pageSize]=2');
add('status=draft is refused to the public', '/api/cities?status=draft', 403);
add('400 bad pageSize', '/api/cities?pagination[pageSize]=abc', 400);
add('400 pageSize over the limit', '/api/cities?pagination[pageSize]=101', 400);
add('400 unknown parameter', '/api/cities?foo=1', 400);
add('400 unknown locale', '/api/cities?locale=xx', 400);
add('400 fallbackLocale equal to locale', '/api/cities?locale=de&fallbackLocale=de', 400);
add('400 unknown filter field', '/api/cities?filters[nope][$eq]=1', 400);
add('400 malformed page', '/api/cities?pagination[page]=x', 400);
add('400 malformed cursor', '/api/cities?pagination[cursor]=x', 400);
add('400 on a detail', () => `/api/cities/${documentIds.cities}?locale=xx`, 400);
add('403 drafts', '/api/cities?status=draft', 403);
add('404 detail', '/api/cities/no-such-document', 404);
add(
  '400 unknown field on a detail',
  () => `/api/countries/${documentIds.countries}?fields[0]=x`,
  400
);
add('400 populate of what is not public', '/api/cities?populate[createdBy]=true', 400);

describe('real responses validate against /openapi.json', () => {
  it('covers at least 40 responses', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, { url, status }) => {
    const path = typeof url === 'function' ? url() : url;
    const res = await anonymous().get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    expect(validator.check('get', path, res.status, res.body)).toEqual({
      operation: expect.any(String),
      errors: [],
    });
  });
});

describe('the variants the schemas must allow', () => {
  it('a null website and unescoUrl validate (they are nullable), a number does not', async () => {
    const res = await anonymous().get('/api/cities?pagination[pageSize]=1');
    const [city] = res.body.data;
    const withNulls = { ...res.body, data: [{ ...city, website: null, unescoUrl: null }] };
    expect(validator.check('get', '/api/cities', 200, withNulls).errors).toEqual([]);
    const broken = { ...res.body, data: [{ ...city, website: 42 }] };
    expect(validator.check('get', '/api/cities', 200, broken).errors.join('\n')).toMatch(
      /website must be string/
    );
  });

  it('populated relations are checked against the related type', async () => {
    const res = await anonymous().get('/api/cities?populate[country][fields][0]=name');
    const [city] = res.body.data;
    expect(city.country).toMatchObject({
      documentId: expect.any(String),
      name: expect.any(String),
    });
    const broken = { ...res.body, data: [{ ...city, country: { ...city.country, name: 7 } }] };
    expect(validator.check('get', '/api/cities', 200, broken).errors.join('\n')).toMatch(
      /country\/name must be string/
    );
  });
});

describe('the document', () => {
  it('is a well-formed OpenAPI 3.0 document', () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(OPENAPI_3_0_DOCUMENT);
    expect(validate(spec) ? [] : validate.errors).toEqual([]);
    // Every {name} in a path is a declared path parameter, and the other way round.
    for (const [path, item] of Object.entries(spec.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      for (const operation of Object.values(item)) {
        const declared = ((operation.parameters ?? []) as Array<{ name: string; in: string }>)
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name)
          .sort();
        expect({ path, declared }).toEqual({ path, declared: inPath });
      }
    }
  });

  it('describes only reads the Public role may make', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
    );
    expect(operations.sort()).toEqual([
      'GET /cities',
      'GET /cities/{id}',
      'GET /countries',
      'GET /countries/{id}',
      'GET /creative-fields',
      'GET /creative-fields/{id}',
      'GET /glossary-terms',
      'GET /glossary-terms/{id}',
      'GET /i18n/locales',
      'GET /network',
      'GET /network-goals',
      'GET /network-goals/{id}',
      ...(SEARCH ? ['GET /search'] : []),
    ]);
    const text = JSON.stringify(spec);
    for (const absent of [
      'resetPasswordToken',
      'createdBy',
      'Users-Permissions',
      'UploadFile',
      '/auth/',
      'YOUR_TERMS_OF_SERVICE_URL',
      'contact-email@something.io',
      'mywebsite.io',
      'x-generation-date',
    ]) {
      expect({ absent, found: text.includes(absent) }).toEqual({ absent, found: false });
    }
  });

  it('names the public site URL as server', () => {
    const site = (process.env.PUBLIC_SITE_URL ?? 'http://localhost:1337').replace(/\/+$/, '');
    expect(spec.servers).toEqual([{ url: `${site}/api`, description: expect.any(String) }]);
  });

  it('gives every operation a summary and a unique, valid operationId', () => {
    const operations = Object.values(spec.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(operation.summary).toEqual(expect.any(String));
      expect(Object.keys(operation.responses as object)).toEqual(
        expect.arrayContaining(['200', '400', '403', '429'])
      );
    }
  });

  it('compiles every component schema with plain Ajv 8 (strict mode)', () => {
    const ajv = createAjv(spec);
    for (const name of Object.keys(spec.components.schemas)) {
      expect(() => ajv.getSchema(name)).not.toThrow();
    }
  });

  it('has no pagination bounds that real responses break', () => {
    const { PagePagination } = spec.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >;
    expect(PagePagination.properties.pageSize.minimum).toBe(1);
    expect(PagePagination.properties.pageCount.maximum).toBeUndefined();
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const target = ref.slice('"$ref":"#/'.length, -1).split('/');
      const found = target.reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        spec
      );
      expect({ ref, found: found !== undefined }).toEqual({ ref, found: true });
    }
  });
});
