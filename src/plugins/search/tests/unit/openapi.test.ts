import { describeSearch, type OpenApiDocument } from '../../server/src/lib/openapi';

const LIMITS = { maxQueryLength: 100, maxQueryWords: 10, facets: ['section'] };

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

type Operation = {
  tags: string[];
  parameters: Array<{ name: string }>;
  responses: Record<string, unknown>;
};
const searchOf = (document: OpenApiDocument) => document.paths?.['/search'].get as Operation;

describe('the search operation in an OpenAPI document', () => {
  it("joins a generated document in alphabetical order, with its lists' error responses and its schemas", () => {
    const document: OpenApiDocument = {
      openapi: '3.0.0',
      tags: [{ name: 'Article' }, { name: 'Tag' }],
      paths: {
        '/articles': {
          get: { responses: { '200': { description: 'OK' }, '429': error('Too Many Requests') } },
        },
        '/articles/{id}': { get: { responses: { '404': error('Not Found') } } },
        '/tags': { get: { responses: { '200': { description: 'OK' } } } },
      },
      components: { schemas: { Article: {}, Error: { type: 'object' }, Tag: {} } },
    };
    describeSearch(document, LIMITS);
    expect(Object.keys(document.paths ?? {})).toEqual([
      '/articles',
      '/articles/{id}',
      '/search',
      '/tags',
    ]);
    expect(document.tags?.map((tag) => tag.name)).toEqual(['Article', 'Search', 'Tag']);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual([
      'Article',
      'Error',
      'PagePagination',
      'SearchFacetValue',
      'SearchHit',
      'SearchResponse',
      'Tag',
    ]);
    // The document's own Error stays; the list's 429 applies to search too (not the item's 404).
    expect(document.components?.schemas?.Error).toEqual({ type: 'object' });
    const search = searchOf(document);
    expect(Object.keys(search.responses)).toEqual(['200', '429']);
    expect(search.tags).toEqual(['Search']);
    expect(search.parameters.map((parameter) => parameter.name)).toEqual([
      'q',
      'types',
      'facets',
      'pagination[page]',
      'pagination[pageSize]',
      'locale',
      'fallbackLocale',
    ]);
  });

  it('brings its own 400 and Error schema to a bare document, and replaces an earlier description', () => {
    const document: OpenApiDocument = {};
    describeSearch(document, LIMITS);
    describeSearch(document, LIMITS);
    expect(Object.keys(searchOf(document).responses)).toEqual(['200', '400']);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual([
      'Error',
      'PagePagination',
      'SearchFacetValue',
      'SearchHit',
      'SearchResponse',
    ]);
    expect(document.tags?.map((tag) => tag.name)).toEqual(['Search']);
  });
});
