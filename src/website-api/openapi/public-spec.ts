/**
 * Turns the OpenAPI document @strapi/plugin-documentation generates into the public contract of
 * the content API: only the operations the Public role may call, entry schemas built from the
 * content-type schemas (nullable where a value may be missing, every field optional except `id`
 * and `documentId` so that `fields` selections validate, populated relations typed with the
 * related type's own schema), both pagination shapes, the error bodies and no placeholders.
 * Locale and fallback rules are added afterwards by the locale-fallback plugin. Pure: the caller
 * passes the schemas and settings.
 */

export type JsonSchema = Record<string, unknown>;

/** The OpenAPI document, as far as this step reads and writes it. */
export interface OpenApiDocument {
  openapi?: string;
  info?: Record<string, unknown>;
  servers?: Array<{ url: string; description?: string }>;
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; [key: string]: unknown };
  [key: string]: unknown;
}

/** An attribute of a content type or component, as in its schema.json (after custom fields). */
export interface AttributeSpec {
  type: string;
  required?: boolean;
  private?: boolean;
  enum?: readonly string[];
  relation?: string;
  target?: string;
  component?: string;
  components?: readonly string[];
  repeatable?: boolean;
  multiple?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

export interface ContentTypeSpec {
  uid: string;
  kind: 'collectionType' | 'singleType';
  singularName: string;
  pluralName: string;
  displayName: string;
  description?: string;
  localized: boolean;
  attributes: Record<string, AttributeSpec>;
}

export interface ComponentSpec {
  uid: string;
  displayName: string;
  attributes: Record<string, AttributeSpec>;
}

/** An operation outside the generated content-type routes (e.g. a plugin's), by action. */
export interface ExtraOperation {
  path: string;
  method: 'get';
  operation: Record<string, unknown>;
  schemas?: Record<string, JsonSchema>;
  /** Description of the operation's tags (the tag list of the document shows it). */
  tagDescription?: string;
}

export interface PublicSpecInput {
  /** Actions granted to the Public role (`api::city.city.find`, `plugin::i18n.locales.listLocales`). */
  publicActions: readonly string[];
  contentTypes: readonly ContentTypeSpec[];
  components: readonly ComponentSpec[];
  /** Operations of non-content-type actions, keyed by action; unknown public actions are an error. */
  extraOperations: Readonly<Record<string, ExtraOperation>>;
  /**
   * Public actions of plugins that add their own operation to the document after this step (the
   * documentation plugin's hook chain; the search plugin's `GET /search`): left to them.
   */
  describedByPlugins?: readonly string[];
  /** Public origin the API is reached under (no trailing slash) and the REST prefix. */
  publicUrl: string;
  restPrefix: string;
  pagination: { defaultLimit: number; maxLimit: number };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** `City`, `CreativeField`, `SharedLink`: a schema name from a singular name or component uid. */
export function schemaName(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

const componentSchemaName = (uid: string): string => `${schemaName(uid)}Component`;

/** A value that is either `schema` or null, in a form OpenAPI 3.0 tools and plain Ajv 8 accept. */
function nullableRef(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'object', nullable: true, enum: [null] }] };
}

function scalarSchema(attribute: AttributeSpec): JsonSchema | undefined {
  const bounds = (schema: JsonSchema): JsonSchema => ({
    ...schema,
    ...(attribute.min !== undefined ? { minimum: attribute.min } : {}),
    ...(attribute.max !== undefined ? { maximum: attribute.max } : {}),
  });
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'uid':
    case 'password':
      return { type: 'string' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'enumeration':
      return { type: 'string', enum: [...(attribute.enum ?? [])] };
    case 'integer':
      return bounds({ type: 'integer' });
    case 'biginteger':
      // Strapi returns big integers as strings (they do not fit a JavaScript number).
      return { type: 'string', pattern: '^-?\\d+$' };
    case 'decimal':
    case 'float':
      return bounds({ type: 'number' });
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$' };
    case 'json':
      return {};
    case 'blocks':
      return {
        type: 'array',
        description: 'Rich text as Strapi blocks (paragraphs, headings, lists, links, …).',
        items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
      };
    default:
      return undefined;
  }
}

/**
 * The schema of one attribute's value in a response, or undefined when the public never sees it
 * (private fields, relations to types the public cannot read, media without the upload API).
 */
function attributeSchema(
  attribute: AttributeSpec,
  publicTypes: ReadonlyMap<string, ContentTypeSpec>
): JsonSchema | undefined {
  if (attribute.private) return undefined;
  if (attribute.type === 'relation') {
    const target = attribute.target ? publicTypes.get(attribute.target) : undefined;
    if (!target) return undefined;
    const item = ref(schemaName(target.singularName));
    const many = /Many$/.test(attribute.relation ?? '') || attribute.relation === 'manyWay';
    return {
      ...(many ? { type: 'array', items: item } : nullableRef(item)),
      description: `Only with \`populate\`: the related ${target.displayName} entries.`,
    };
  }
  if (attribute.type === 'component') {
    const item = ref(componentSchemaName(attribute.component ?? ''));
    return {
      ...(attribute.repeatable ? { type: 'array', items: item } : nullableRef(item)),
      description: 'Only with `populate`.',
    };
  }
  if (attribute.type === 'dynamiczone') {
    return {
      type: 'array',
      description: 'Only with `populate`.',
      items: { anyOf: (attribute.components ?? []).map((uid) => ref(componentSchemaName(uid))) },
    };
  }
  const scalar = scalarSchema(attribute);
  if (!scalar) return undefined;
  // A value may be missing in the database unless the field is required.
  return attribute.required || !('type' in scalar) ? scalar : { ...scalar, nullable: true };
}

const ID = { type: 'integer', description: 'Row id of this locale version.' };
const DOCUMENT_ID = {
  type: 'string',
  description: 'Id of the document, the same in every locale.',
};

function entrySchema(
  type: ContentTypeSpec,
  publicTypes: ReadonlyMap<string, ContentTypeSpec>
): JsonSchema {
  const properties: Record<string, JsonSchema> = { id: ID, documentId: DOCUMENT_ID };
  for (const [name, attribute] of Object.entries(type.attributes)) {
    const schema = attributeSchema(attribute, publicTypes);
    if (schema) properties[name] = schema;
  }
  if (type.localized) {
    properties.locale = { type: 'string', description: 'Locale of this version.' };
    properties.localizations = {
      type: 'array',
      items: ref(schemaName(type.singularName)),
      description: 'Only with `populate=localizations`: the other locale versions.',
    };
  }
  return {
    type: 'object',
    description:
      `${type.displayName}${type.description ? `: ${type.description}` : ''}. ` +
      'Fields other than `id` and `documentId` are absent when `fields` leaves them out; ' +
      'relations and components appear only when populated.',
    required: ['id', 'documentId'],
    properties,
  };
}

function componentSchema(
  component: ComponentSpec,
  publicTypes: ReadonlyMap<string, ContentTypeSpec>
) {
  const properties: Record<string, JsonSchema> = { id: { type: 'integer' } };
  for (const [name, attribute] of Object.entries(component.attributes)) {
    const schema = attributeSchema(attribute, publicTypes);
    if (schema) properties[name] = schema;
  }
  // Only `id` always comes, as on entries: `populate[links][fields][0]=label` leaves out the
  // other fields, required ones included (a required field is never null, see attributeSchema).
  return { type: 'object', description: component.displayName, required: ['id'], properties };
}

function paginationSchemas(maxLimit: number): Record<string, JsonSchema> {
  return {
    PagePagination: {
      type: 'object',
      description:
        'With `pagination[page]` / `pagination[pageSize]` (the default). `pageCount` and `total` are left out with `pagination[withCount]=false`.',
      required: ['page', 'pageSize'],
      properties: {
        page: { type: 'integer', minimum: 1 },
        pageSize: { type: 'integer', minimum: 1, maximum: maxLimit },
        pageCount: { type: 'integer', minimum: 0 },
        total: { type: 'integer', minimum: 0 },
      },
      additionalProperties: false,
    },
    OffsetPagination: {
      type: 'object',
      description:
        'With `pagination[start]` / `pagination[limit]`. `total` is left out with `pagination[withCount]=false`.',
      required: ['start', 'limit'],
      properties: {
        start: { type: 'integer', minimum: 0 },
        limit: { type: 'integer', minimum: 1, maximum: maxLimit },
        total: { type: 'integer', minimum: 0 },
      },
      additionalProperties: false,
    },
    CursorPagination: {
      type: 'object',
      description:
        'With `pagination[cursor]` (keyset pagination): no count; `nextCursor` is the `pagination[cursor]` of the next page, `null` on the last page.',
      required: ['pageSize', 'nextCursor'],
      properties: {
        pageSize: { type: 'integer', minimum: 1, maximum: maxLimit },
        nextCursor: { type: 'string', nullable: true },
      },
      additionalProperties: false,
    },
    ListMeta: {
      type: 'object',
      required: ['pagination'],
      properties: {
        pagination: {
          oneOf: [ref('PagePagination'), ref('OffsetPagination'), ref('CursorPagination')],
        },
      },
    },
  };
}

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Every error of the content API (Strapi 5 error format).',
  required: ['data', 'error'],
  properties: {
    data: { type: 'object', nullable: true, enum: [null], description: 'Always null.' },
    error: {
      type: 'object',
      required: ['status', 'name', 'message'],
      properties: {
        status: { type: 'integer' },
        name: {
          type: 'string',
          description:
            '`ValidationError` (400), `ForbiddenError` / `PolicyError` (403), `NotFoundError` (404), `RateLimitError` (429), `ServiceUnavailableError` (503).',
        },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
};

/** The error responses every public read may give. */
export function errorResponses(withNotFound: boolean): Record<string, unknown> {
  return {
    '400': errorResponse(
      'Bad Request: an unknown query parameter, filter, field or populate key, or a malformed value (ValidationError).'
    ),
    '403': errorResponse(
      'Forbidden: populating or filtering on what the public may not read, or asking for drafts.'
    ),
    ...(withNotFound
      ? { '404': errorResponse('Not Found: no published entry with this id.') }
      : {}),
    '429': {
      ...errorResponse('Too Many Requests: the client exceeded its rate limit.'),
      headers: RETRY_AFTER,
    },
    '503': {
      ...errorResponse('Service Unavailable: the server is busy; retry later.'),
      headers: RETRY_AFTER,
    },
  };
}

const queryParam = (
  name: string,
  description: string,
  schema: JsonSchema,
  extra: JsonSchema = {}
) => ({ name, in: 'query', required: false, description, schema, ...extra });

const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

function readParameters(list: boolean, localized: boolean, maxLimit: number, defaultLimit: number) {
  const parameters = [
    queryParam(
      'fields',
      'Fields to return (`fields[0]=name&fields[1]=slug`); `id` and `documentId` always come.',
      stringOrList
    ),
    queryParam(
      'populate',
      'Relations and components to return: `*`, a list, or an object (`populate[country][fields][0]=name`).',
      {
        oneOf: [
          { type: 'string' },
          { type: 'array', items: { type: 'string' } },
          { type: 'object', additionalProperties: true },
        ],
      },
      { style: 'deepObject', explode: true }
    ),
  ];
  if (list) {
    parameters.push(
      queryParam(
        'filters',
        'Filters (`filters[name][$eqi]=graz`, `filters[country][isoCode][$eq]=AT`).',
        { type: 'object', additionalProperties: true },
        { style: 'deepObject', explode: true }
      ),
      queryParam('sort', 'Sort order: `name`, `name:desc`, or a list.', stringOrList),
      queryParam('pagination[page]', 'Page number (default 1).', { type: 'integer', minimum: 1 }),
      queryParam(
        `pagination[pageSize]`,
        `Page size (default ${defaultLimit}, at most ${maxLimit}).`,
        {
          type: 'integer',
          minimum: 1,
          maximum: maxLimit,
        }
      ),
      queryParam('pagination[start]', 'Offset (instead of page).', { type: 'integer', minimum: 0 }),
      queryParam(
        'pagination[limit]',
        `Number of entries (default ${defaultLimit}, at most ${maxLimit}).`,
        {
          type: 'integer',
          minimum: 1,
          maximum: maxLimit,
        }
      ),
      queryParam('pagination[withCount]', 'Count the total (default true).', { type: 'boolean' }),
      queryParam(
        'pagination[cursor]',
        "Keyset pagination instead of page or start: empty for the first page, then the `nextCursor` of the page before. Deep pages cost what the first one costs. Works with `sort` on the type's own text, number, date and boolean fields (`documentId` breaks ties), `filters`, `locale`, `fallbackLocale` and `populate`; a cursor is valid for a day and only for the query (path, sort, filters, locale, status, page size) that issued it, else a 400. Not combinable with `pagination[page]`, `pagination[start]`, `pagination[limit]` or `pagination[withCount]=true`.",
        { type: 'string' }
      )
    );
  }
  parameters.push(
    queryParam(
      'status',
      'Which versions: `published` (the default) or `draft`. Drafts need an API token allowed to read them; the Public role gets a 403.',
      { type: 'string', enum: ['published', 'draft'] }
    )
  );
  if (localized) {
    // Described in full (known locales, fallbackLocale) by the locale-fallback plugin.
    parameters.push(queryParam('locale', 'Locale of the versions to return.', { type: 'string' }));
  }
  return parameters;
}

/**
 * Builds the public document from the generated one: keeps `info.title`, `info.description`,
 * `info.version`, replaces the rest.
 */
export function buildPublicSpec(
  generated: OpenApiDocument,
  input: PublicSpecInput
): OpenApiDocument {
  const granted = new Set(input.publicActions);
  const byUid = new Map(input.contentTypes.map((type) => [type.uid, type]));
  const publicTypes = new Map(
    input.contentTypes
      .filter((type) => granted.has(`${type.uid}.find`) || granted.has(`${type.uid}.findOne`))
      .map((type) => [type.uid, type])
  );

  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = {
    Error: ERROR_SCHEMA,
    ...paginationSchemas(input.pagination.maxLimit),
  };
  const tags: Array<{ name: string; description?: string }> = [];
  const { defaultLimit, maxLimit } = input.pagination;

  for (const action of [...granted].sort()) {
    const dot = action.lastIndexOf('.');
    const uid = action.slice(0, dot);
    const verb = action.slice(dot + 1);
    const type = byUid.get(uid);
    if (!type) {
      if (input.describedByPlugins?.includes(action)) continue;
      const extra = input.extraOperations[action];
      if (!extra) {
        throw new Error(
          `OpenAPI: no operation is described for the public action ${action} (add it to the extra operations)`
        );
      }
      (paths[extra.path] ??= {})[extra.method] = extra.operation;
      Object.assign(schemas, extra.schemas);
      for (const tag of (extra.operation.tags as string[] | undefined) ?? []) {
        if (!tags.some((known) => known.name === tag)) {
          tags.push({ name: tag, description: extra.tagDescription });
        }
      }
      continue;
    }
    const name = schemaName(type.singularName);
    const plural = schemaName(type.pluralName);
    if (!tags.some((tag) => tag.name === type.displayName)) {
      tags.push({ name: type.displayName, description: type.description });
    }
    const single = type.kind === 'singleType';
    if (verb === 'find' && !single) {
      paths[`/${type.pluralName}`] = {
        get: {
          operationId: `list${plural}`,
          summary: `List ${type.displayName} entries`,
          tags: [type.displayName],
          parameters: readParameters(true, type.localized, maxLimit, defaultLimit),
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: ref(`${name}ListResponse`) } },
            },
            ...errorResponses(false),
          },
        },
      };
      schemas[`${name}ListResponse`] = {
        type: 'object',
        required: ['data', 'meta'],
        properties: { data: { type: 'array', items: ref(name) }, meta: ref('ListMeta') },
      };
    } else if (verb === 'findOne' || (verb === 'find' && single)) {
      const path = single ? `/${type.singularName}` : `/${type.pluralName}/{id}`;
      paths[path] = {
        get: {
          operationId: `get${name}`,
          summary: single
            ? `Get the ${type.displayName}`
            : `Get a ${type.displayName} by documentId`,
          tags: [type.displayName],
          parameters: [
            ...(single
              ? []
              : [
                  {
                    name: 'id',
                    in: 'path',
                    required: true,
                    description: 'The `documentId`.',
                    schema: { type: 'string' },
                  },
                ]),
            ...readParameters(false, type.localized, maxLimit, defaultLimit),
          ],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: ref(`${name}Response`) } },
            },
            ...errorResponses(true),
          },
        },
      };
      schemas[`${name}Response`] = {
        type: 'object',
        required: ['data', 'meta'],
        properties: { data: ref(name), meta: { type: 'object' } },
      };
    } else {
      throw new Error(`OpenAPI: the public action ${action} is not a read this step describes`);
    }
    schemas[name] = entrySchema(type, publicTypes);
  }

  const usedComponents = new Set<string>();
  const collect = (attributes: Record<string, AttributeSpec>) => {
    for (const attribute of Object.values(attributes)) {
      for (const uid of [attribute.component, ...(attribute.components ?? [])]) {
        if (uid && !usedComponents.has(uid)) {
          usedComponents.add(uid);
          const component = input.components.find((item) => item.uid === uid);
          if (component) collect(component.attributes);
        }
      }
    }
  };
  for (const type of publicTypes.values()) collect(type.attributes);
  for (const component of input.components) {
    if (usedComponents.has(component.uid)) {
      schemas[componentSchemaName(component.uid)] = componentSchema(component, publicTypes);
    }
  }

  const info = generated.info ?? {};
  return {
    openapi: generated.openapi ?? '3.0.0',
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
    },
    servers: [{ url: `${input.publicUrl}${input.restPrefix}`, description: 'Content API' }],
    security: [{}, { bearerAuth: [] }],
    tags: tags.sort((a, b) => a.name.localeCompare(b.name)),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Optional: an API token. Every operation here works without one.',
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
