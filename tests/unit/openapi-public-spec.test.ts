import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EXTRA_OPERATIONS } from '../../src/website-api/openapi';
import { describeSearch } from '../../src/plugins/search/server/src/lib/openapi';
import { createAjv, type OpenApiSpec } from '../helpers/openapi';
import { OPENAPI_3_0_DOCUMENT } from '../helpers/openapi-document-schema';
import {
  buildPublicSpec,
  schemaName,
  type ContentTypeSpec,
  type PublicSpecInput,
} from '../../src/website-api/openapi/public-spec';

const BOOK = 'api::book.book';
const AUTHOR = 'api::author.author';
const SECRET = 'api::secret.secret';

const type = (
  uid: string,
  singularName: string,
  pluralName: string,
  attributes: ContentTypeSpec['attributes']
): ContentTypeSpec => ({
  uid,
  kind: 'collectionType',
  singularName,
  pluralName,
  displayName: schemaName(singularName),
  localized: true,
  attributes,
});

const input = (overrides: Partial<PublicSpecInput> = {}): PublicSpecInput => ({
  publicActions: [`${BOOK}.find`, `${BOOK}.findOne`, `${AUTHOR}.find`],
  contentTypes: [
    type(BOOK, 'book', 'books', {
      title: { type: 'string', required: true },
      subtitle: { type: 'string' },
      pages: { type: 'integer', min: 1 },
      internalNote: { type: 'text', private: true },
      author: { type: 'relation', relation: 'manyToOne', target: AUTHOR },
      secrets: { type: 'relation', relation: 'oneToMany', target: SECRET },
      createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
    }),
    type(AUTHOR, 'author', 'authors', { name: { type: 'string' } }),
    type(SECRET, 'secret', 'secrets', { value: { type: 'string' } }),
  ],
  components: [],
  extraOperations: {},
  publicUrl: 'https://example.org',
  restPrefix: '/api',
  pagination: { defaultLimit: 25, maxLimit: 100 },
  ...overrides,
});

type Schema = { properties: Record<string, Record<string, unknown>>; required: string[] };

describe('buildPublicSpec', () => {
  const spec = buildPublicSpec(
    {
      openapi: '3.0.0',
      info: { title: 'T', version: '1', termsOfService: 'YOUR_TERMS_OF_SERVICE_URL' },
      paths: { '/books': { post: {} }, '/users': { get: {} } },
    },
    input()
  );
  const schemas = spec.components?.schemas as Record<string, Schema>;

  it('documents the granted reads only, with operation ids', () => {
    expect(
      Object.entries(spec.paths ?? {}).map(([path, item]) => [
        path,
        Object.entries(item).map(
          ([method, op]) => `${method} ${(op as { operationId: string }).operationId}`
        ),
      ])
    ).toEqual([
      ['/authors', ['get listAuthors']],
      ['/books', ['get listBooks']],
      ['/books/{id}', ['get getBook']],
    ]);
    expect(spec.info).toEqual({ title: 'T', version: '1', description: undefined });
    expect(spec.servers).toEqual([{ url: 'https://example.org/api', description: 'Content API' }]);
  });

  it('requires only id and documentId and makes optional fields nullable', () => {
    const book = schemas.Book;
    expect(book.required).toEqual(['id', 'documentId']);
    expect(book.properties.title).toEqual({ type: 'string' });
    expect(book.properties.subtitle).toEqual({ type: 'string', nullable: true });
    expect(book.properties.pages).toEqual({ type: 'integer', minimum: 1, nullable: true });
  });

  it('types relations with the related schema and drops what the public cannot read', () => {
    const book = schemas.Book;
    expect(book.properties.author.anyOf).toEqual([
      { $ref: '#/components/schemas/Author' },
      { type: 'object', nullable: true, enum: [null] },
    ]);
    expect(book.properties.localizations.items).toEqual({ $ref: '#/components/schemas/Book' });
    for (const absent of ['internalNote', 'secrets', 'createdBy']) {
      expect(book.properties[absent]).toBeUndefined();
    }
    expect(schemas.Secret).toBeUndefined();
  });

  it('stops on a public action it cannot describe', () => {
    expect(() =>
      buildPublicSpec({}, input({ publicActions: ['plugin::search.search.search'] }))
    ).toThrow('no operation is described for the public action plugin::search.search.search');
    expect(() => buildPublicSpec({}, input({ publicActions: [`${BOOK}.create`] }))).toThrow(
      `the public action ${BOOK}.create is not a read`
    );
  });
});

describe("the app's extra operation (i18n locales) and the search plugin's", () => {
  it('leave search to its plugin, and build a well-formed document whose schemas compile in strict Ajv', () => {
    const spec = buildPublicSpec(
      { openapi: '3.0.0', info: { title: 'T', version: '1' } },
      input({
        publicActions: ['plugin::i18n.locales.listLocales', 'plugin::search.search.find'],
        extraOperations: EXTRA_OPERATIONS,
        describedByPlugins: ['plugin::search.search.find'],
      })
    );
    expect(Object.keys(spec.paths ?? {})).toEqual(['/i18n/locales']);
    // As the documentation plugin's hook chain runs it after this app's step.
    describeSearch(spec, { maxQueryLength: 100, maxQueryWords: 10, facets: ['country'] });
    expect(Object.keys(spec.paths ?? {})).toEqual(['/i18n/locales', '/search']);
    const responsesOf = (path: string) =>
      (spec.paths?.[path].get as { responses?: Record<string, unknown> }).responses;
    // The same error responses as the document's other lists.
    expect(Object.keys(responsesOf('/search') ?? {})).toEqual(
      Object.keys(responsesOf('/i18n/locales') ?? {})
    );
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(OPENAPI_3_0_DOCUMENT);
    expect(validate(spec) ? [] : validate.errors).toEqual([]);
    const schemas = createAjv(spec as OpenApiSpec);
    for (const name of Object.keys(spec.components?.schemas ?? {})) {
      expect(() => schemas.getSchema(name)).not.toThrow();
    }
    const hits = schemas.getSchema('SearchResponse');
    const body = {
      data: [
        {
          type: 'cities',
          documentId: 'a',
          name: 'Krakau',
          slug: 'krakau',
          locale: 'de',
          match: 'alternative',
          matchedName: 'Cracow',
        },
      ],
      meta: {
        pagination: { page: 1, pageSize: 25, pageCount: 1, total: 1 },
        facets: { country: [{ key: 'p', name: 'Polen', count: 1 }] },
      },
    };
    expect(hits?.(body)).toBe(true);
    expect(hits?.({ ...body, data: [{ type: 'cities' }] })).toBe(false);
    expect(hits?.({ ...body, data: [{ ...body.data[0], match: 'fuzzy' }] })).toBe(false);
  });
});
