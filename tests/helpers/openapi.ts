/**
 * Validates real responses against the served OpenAPI document with plain Ajv 8 + ajv-formats
 * (no OpenAPI-specific validator): the document's component schemas are added as one schema, a
 * response is matched to its operation by path template, method and status.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

export interface OpenApiSpec {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
  [key: string]: unknown;
}

const COMPONENT = '#/components/schemas/';

/**
 * Ajv for an OpenAPI 3.0 document (`nullable` is Ajv's own keyword; strict mode stays on): each
 * component schema is added under its name.
 */
export function createAjv(spec: OpenApiSpec): Ajv {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    ajv.addSchema(absolutise(schema) as Json, name);
  }
  return ajv;
}

/** Rewrites `#/components/schemas/X` references to the id X the schema is added under. */
function absolutise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absolutise);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT)
        ? value.slice(COMPONENT.length)
        : absolutise(value),
    ])
  );
}

export interface ResponseCheck {
  operation: string;
  errors: string[];
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly prefix: string;

  constructor(private readonly spec: OpenApiSpec) {
    this.ajv = createAjv(spec);
    this.prefix = new URL(spec.servers[0].url).pathname.replace(/\/$/, '');
  }

  /** The path template of the document that `path` (e.g. `/api/cities/abc`) matches. */
  template(path: string): string | undefined {
    if (!path.startsWith(this.prefix)) return undefined;
    const rest = path.slice(this.prefix.length);
    return Object.keys(this.spec.paths).find((template) =>
      new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(rest)
    );
  }

  /**
   * Errors of a response against the document: the operation must exist, declare the status,
   * and the body must validate against its schema. Empty when it conforms.
   */
  check(method: string, url: string, status: number, body: unknown): ResponseCheck {
    const path = new URL(url, 'http://x').pathname;
    const template = this.template(path);
    const name = `${method.toUpperCase()} ${template ?? path} → ${status}`;
    const operation = template ? this.spec.paths[template][method.toLowerCase()] : undefined;
    if (!operation) return { operation: name, errors: ['no such operation in the document'] };
    const responses = operation.responses as Record<string, Json>;
    const response = responses[String(status)];
    if (!response) return { operation: name, errors: [`status ${status} is not documented`] };
    const content = response.content as Record<string, { schema: Json }> | undefined;
    const schema = content?.['application/json']?.schema;
    if (!schema) return { operation: name, errors: ['no application/json schema'] };
    const key = `${name}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(absolutise(schema) as Json);
      this.compiled.set(key, validate);
    }
    const valid = validate(body);
    return {
      operation: name,
      errors: valid
        ? []
        : (validate.errors ?? []).map(
            (error) => `${error.instancePath || '/'} ${error.message} (${error.schemaPath})`
          ),
    };
  }
}
