/**
 * The structure of an OpenAPI 3.0 document, as a JSON Schema for Ajv: the parts of the OpenAPI
 * 3.0 specification this project's document uses (written from the specification's text, without
 * the official schema, which is not installed). `npx @redocly/cli lint` checks more; it is not a
 * dependency of the project.
 */
const STATUS = '^([1-5][0-9][0-9]|[1-5]XX|default)$';

const reference = {
  type: 'object',
  required: ['$ref'],
  properties: { $ref: { type: 'string', pattern: '^#/components/' } },
};

const schemaOrRef = { type: 'object' };

const parameter = {
  type: 'object',
  required: ['name', 'in'],
  properties: {
    name: { type: 'string', minLength: 1 },
    in: { enum: ['query', 'header', 'path', 'cookie'] },
    description: { type: 'string' },
    required: { type: 'boolean' },
    deprecated: { type: 'boolean' },
    style: {
      enum: ['form', 'simple', 'deepObject', 'spaceDelimited', 'pipeDelimited', 'matrix', 'label'],
    },
    explode: { type: 'boolean' },
    schema: schemaOrRef,
    example: {},
  },
  additionalProperties: false,
  // A path parameter must say `required: true`.
  if: { properties: { in: { const: 'path' } } },
  then: { required: ['required'], properties: { required: { const: true } } },
};

const mediaTypes = {
  type: 'object',
  propertyNames: { pattern: '^[a-z]+/[a-z0-9.+*-]+$' },
  additionalProperties: {
    type: 'object',
    properties: { schema: schemaOrRef, example: {} },
    additionalProperties: false,
  },
};

const response = {
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string' },
    headers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { description: { type: 'string' }, schema: schemaOrRef },
        additionalProperties: false,
      },
    },
    content: mediaTypes,
  },
  additionalProperties: false,
};

const operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    operationId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
    summary: { type: 'string' },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    parameters: { type: 'array', items: { oneOf: [parameter, reference] } },
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: STATUS },
      additionalProperties: { oneOf: [response, reference] },
    },
    deprecated: { type: 'boolean' },
    security: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};

export const OPENAPI_3_0_DOCUMENT = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.0\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: {
        title: { type: 'string', minLength: 1 },
        version: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        termsOfService: { type: 'string', format: 'uri' },
        contact: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            url: { type: 'string', format: 'uri' },
            email: { type: 'string', format: 'email' },
          },
        },
        license: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } },
        },
      },
      additionalProperties: false,
    },
    servers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri' }, description: { type: 'string' } },
        additionalProperties: false,
      },
    },
    security: { type: 'array', items: { type: 'object' } },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, description: { type: 'string' } },
        additionalProperties: false,
      },
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: {
          enum: ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'],
        },
        additionalProperties: operation,
      },
    },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', additionalProperties: { type: 'object' } },
        securitySchemes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['type'],
            properties: { type: { enum: ['apiKey', 'http', 'oauth2', 'openIdConnect'] } },
          },
        },
      },
      additionalProperties: false,
    },
    externalDocs: {
      type: 'object',
      required: ['url'],
      properties: { url: { type: 'string', format: 'uri' } },
    },
  },
  additionalProperties: false,
};
