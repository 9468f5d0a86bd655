/**
 * The search route in an OpenAPI 3.0 document: `GET <rest prefix>/search`, its `SearchResponse`,
 * `SearchHit` and `SearchFacetValue` schemas and its `Search` tag, added to the document
 * @strapi/plugin-documentation generates (../register.ts hooks it in). Pure.
 *
 * The operation fits the document it joins: it declares the error responses the document's other
 * list operations declare (a host that documents its 403, 429 or 503 gets them on search too; a
 * bare document gets a 400), it uses the document's `PagePagination` and `Error` schemas when
 * there are such (else it adds its own), and it is inserted in alphabetical order, as the keys of
 * a generated document are. `locale` and `fallbackLocale` are described briefly: the
 * locale-fallback plugin, when enabled, describes them in full (after this, from its bootstrap).
 */

type Json = Record<string, unknown>;

interface Operation extends Json {
  responses?: Record<string, unknown>;
}

/** The parts of an OpenAPI document read and written here. */
export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  tags?: Array<{ name: string; description?: string }>;
  [key: string]: unknown;
}

const TAG = 'Search';
const TAG_DESCRIPTION = 'Search across the localized types by name, in every locale';
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Used when the document has none of its own. */
const FALLBACK_SCHEMAS: Record<string, unknown> = {
  Error: {
    type: 'object',
    required: ['data', 'error'],
    properties: {
      data: { nullable: true },
      error: {
        type: 'object',
        required: ['status', 'name', 'message'],
        properties: {
          status: { type: 'integer' },
          name: { type: 'string' },
          message: { type: 'string' },
          details: { type: 'object' },
        },
      },
    },
  },
  PagePagination: {
    type: 'object',
    required: ['page', 'pageSize', 'pageCount', 'total'],
    properties: {
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      pageCount: { type: 'integer' },
      total: { type: 'integer' },
    },
  },
};

/** What the description takes from the plugin's config. */
export interface SearchLimits {
  maxQueryLength: number;
  maxQueryWords: number;
  /** Every facet name of the configured types, in config order. */
  facets: readonly string[];
}

function searchSchemas(facets: readonly string[]): Record<string, unknown> {
  return {
    SearchResponse: {
      type: 'object',
      required: ['data', 'meta'],
      properties: {
        data: { type: 'array', items: schemaRef('SearchHit') },
        meta: {
          type: 'object',
          required: ['pagination'],
          properties: {
            pagination: schemaRef('PagePagination'),
            facets: {
              type: 'object',
              description: 'Per facet asked for in `facets`: its values, most hits first.',
              properties: Object.fromEntries(
                facets.map((facet) => [
                  facet,
                  { type: 'array', items: schemaRef('SearchFacetValue') },
                ])
              ),
              additionalProperties: false,
            },
          },
        },
      },
    },
    SearchHit: {
      type: 'object',
      required: ['type', 'documentId', 'name', 'locale', 'match', 'matchedName'],
      properties: {
        type: { type: 'string', description: 'Plural name of the type, as in `types`.' },
        documentId: { type: 'string' },
        name: { type: 'string' },
        slug: { type: 'string', nullable: true },
        locale: { type: 'string' },
        match: {
          type: 'string',
          enum: ['exact', 'alternative', 'prefix', 'word', 'typo'],
          description:
            'How the hit matched, best first: a name equal to `q`, an alternative name equal to it, a name starting with it, every word found, found with typos ("did you mean").',
        },
        matchedName: {
          type: 'string',
          description:
            'The name that matched: the own name, a name in another locale, or an alternative name.',
        },
      },
    },
    SearchFacetValue: {
      type: 'object',
      required: ['key', 'name', 'count'],
      properties: {
        key: { type: 'string', description: 'documentId of the related document.' },
        name: { type: 'string', description: 'Its name in `locale`.' },
        count: { type: 'integer', minimum: 1 },
      },
    },
  };
}

const query = (name: string, required: boolean, description: string, schema: Json): Json => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

function searchOperation(errorResponses: Record<string, unknown>, limits: SearchLimits): Operation {
  return {
    operationId: 'search',
    summary: 'Search documents by name in every locale',
    description:
      'Case- and diacritic-insensitive, with German transliteration (`oe` finds `ö` and back), typos (one in words of 5+ letters, two in 9+) and the last word as a prefix; matches the name in any locale and the alternative names, and answers in `locale`. Ranked: exact name, alternative name, prefix, every word, typo; each hit says how it matched and which name did.',
    tags: [TAG],
    parameters: [
      query(
        'q',
        true,
        `What to find (at least one letter or digit, at most ${limits.maxQueryLength} characters and ${limits.maxQueryWords} words).`,
        { type: 'string', minLength: 1, maxLength: limits.maxQueryLength }
      ),
      query(
        'types',
        false,
        'Types to search, by plural name: `types=cities,countries` or repeated. Default: all.',
        { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }
      ),
      query(
        'facets',
        false,
        `Count the hits by these facets (\`facets=${limits.facets.join(',')}\` or repeated), answered in \`meta.facets\`.`,
        {
          oneOf: [
            { type: 'string' },
            { type: 'array', items: { type: 'string', enum: [...limits.facets] } },
          ],
        }
      ),
      query('pagination[page]', false, 'Page number (default 1).', {
        type: 'integer',
        minimum: 1,
      }),
      query(
        'pagination[pageSize]',
        false,
        'Page size (default and maximum as on the list routes).',
        { type: 'integer', minimum: 1 }
      ),
      query('locale', false, 'Locale of the answer.', { type: 'string' }),
      query('fallbackLocale', false, 'Serve a document not published in `locale` in this locale.', {
        type: 'string',
      }),
    ],
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: schemaRef('SearchResponse') } },
      },
      ...errorResponses,
    },
  };
}

/**
 * The error responses (every status but 2xx) of the document's first GET operation on a path
 * without parameters (a list), copied; a 400 with the `Error` schema when there is none.
 */
function listErrorResponses(document: OpenApiDocument): Record<string, unknown> {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const responses = (item.get as Operation | undefined)?.responses;
    if (path.includes('{') || !responses) continue;
    const errors = Object.entries(responses).filter(([status]) => !status.startsWith('2'));
    if (errors.length > 0) return structuredClone(Object.fromEntries(errors));
  }
  return {
    '400': {
      description: 'Bad Request: an invalid parameter (ValidationError).',
      content: { 'application/json': { schema: schemaRef('Error') } },
    },
  };
}

/** `record` with `key` set to `value`, placed before the first key that sorts after it. */
function withSortedKey<T>(record: Record<string, T>, key: string, value: T): Record<string, T> {
  const entries = Object.entries(record).filter(([existing]) => existing !== key);
  const at = entries.findIndex(([existing]) => existing.localeCompare(key) > 0);
  entries.splice(at === -1 ? entries.length : at, 0, [key, value]);
  return Object.fromEntries(entries);
}

/** Adds the search operation, its schemas and its tag to `document` (in place). */
export function describeSearch(document: OpenApiDocument, limits: SearchLimits): void {
  const operation = searchOperation(listErrorResponses(document), limits);
  document.paths = withSortedKey(document.paths ?? {}, '/search', {
    ...document.paths?.['/search'],
    get: operation,
  });

  const components = (document.components ??= {});
  let schemas = components.schemas ?? {};
  for (const [name, schema] of Object.entries(FALLBACK_SCHEMAS)) {
    if (!(name in schemas)) schemas = withSortedKey(schemas, name, structuredClone(schema));
  }
  for (const [name, schema] of Object.entries(searchSchemas(limits.facets))) {
    schemas = withSortedKey(schemas, name, schema);
  }
  components.schemas = schemas;

  const tags = (document.tags ?? []).filter((tag) => tag.name !== TAG);
  const at = tags.findIndex((tag) => tag.name.localeCompare(TAG) > 0);
  tags.splice(at === -1 ? tags.length : at, 0, { name: TAG, description: TAG_DESCRIPTION });
  document.tags = tags;
}
