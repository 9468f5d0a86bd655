/**
 * Describes the plugin's locale rules in the OpenAPI document @strapi/plugin-documentation
 * generates: the strict `locale` parameter, `fallbackLocale`, the 400 for unknown locales and
 * the `fallback` flag on entries. Works on the plain document (the plugin's
 * `mutateDocumentation` hook hands over a mutable draft).
 */

export interface OpenApiParameter {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  schema?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  responses?: Record<string, { description?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  $ref?: string;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema>; [key: string]: unknown };
  [key: string]: unknown;
}

/** The locales as known when the document is generated (they may change later). */
export interface DocumentedLocales {
  codes: readonly string[];
  defaultLocale: string;
}

export function localeDescription(locales?: DocumentedLocales): string {
  const known = locales
    ? `default \`${locales.defaultLocale}\`; at generation time: ${locales.codes.map((code) => `\`${code}\``).join(', ')}; `
    : 'default: the default locale; ';
  return `Locale of the versions to return (${known}every locale listed by GET /api/i18n/locales). An unknown or malformed locale is a 400 ValidationError that names the existing locales.`;
}

export const FALLBACK_LOCALE_DESCRIPTION =
  'Serve documents that have no published version in `locale` in this locale instead; such entries carry `"fallback": true` (the others `"fallback": false`). Empty translated fields of the entries served are filled from it and listed in `fallbackFields`. Pagination counts documents. Must be an existing locale different from `locale`, else 400.';

export const BAD_REQUEST_DESCRIPTION =
  'Bad Request, e.g. an unknown `locale` or `fallbackLocale`, or `fallbackLocale` equal to `locale` (ValidationError naming the existing locales)';

const example = (value: string | undefined) => (value ? { example: value } : {});

const localeParam = (locales?: DocumentedLocales): OpenApiParameter => ({
  name: 'locale',
  in: 'query',
  description: localeDescription(locales),
  deprecated: false,
  required: false,
  schema: {
    type: 'string',
    ...example(locales?.codes.find((code) => code !== locales.defaultLocale)),
  },
});

const fallbackParam = (locales?: DocumentedLocales): OpenApiParameter => ({
  name: 'fallbackLocale',
  in: 'query',
  description: FALLBACK_LOCALE_DESCRIPTION,
  deprecated: false,
  required: false,
  schema: { type: 'string', ...example(locales?.defaultLocale) },
});

const refName = (schema: OpenApiSchema | undefined): string | undefined =>
  schema?.$ref?.split('/').pop();

/** The entry schema of a `…Response` / `…ListResponse` schema, by name. */
function entrySchemaName(document: OpenApiDocument, responseName: string | undefined) {
  const data = responseName
    ? document.components?.schemas?.[responseName]?.properties?.data
    : undefined;
  return refName(data?.items ?? data);
}

function setParam(operation: OpenApiOperation, param: OpenApiParameter): void {
  const parameters = (operation.parameters ??= []);
  const index = parameters.findIndex((p) => p.name === param.name && p.in === param.in);
  if (index >= 0) parameters[index] = param;
  else parameters.push(param);
}

/**
 * Adds the locale rules to every read operation of a localized type. Localized types are
 * recognised by the `locale` parameter the plugin puts on their list (or single type) route;
 * their `/{id}` route gets the same parameters.
 *
 * @param locales the locales to name, when known
 * @returns the paths it changed
 */
export function describeLocaleParams(
  document: OpenApiDocument,
  locales?: DocumentedLocales
): string[] {
  const paths = document.paths ?? {};
  const localized = Object.keys(paths).filter((path) =>
    paths[path].get?.parameters?.some((p) => p.name === 'locale' && p.in === 'query')
  );
  const changed = [
    ...localized,
    ...localized.map((path) => `${path}/{id}`).filter((path) => paths[path]?.get),
  ];

  for (const path of changed) {
    const operation = paths[path].get;
    setParam(operation, localeParam(locales));
    setParam(operation, fallbackParam(locales));
    const responses = (operation.responses ??= {});
    responses['400'] = { ...responses['400'], description: BAD_REQUEST_DESCRIPTION };

    const okSchema = (responses['200'] as { content?: Record<string, { schema?: OpenApiSchema }> })
      ?.content?.['application/json']?.schema;
    const entry = entrySchemaName(document, refName(okSchema));
    const entrySchema = entry ? document.components?.schemas?.[entry] : undefined;
    if (entrySchema) {
      entrySchema.properties = {
        ...entrySchema.properties,
        fallback: {
          type: 'boolean',
          description:
            'Only with `fallbackLocale`: true when the entry is served in the fallback locale.',
        },
        fallbackFields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description:
            'Only under fallback, and only when a field was filled: the translated fields that were empty in the version served (null, blank text, blocks without text), each with the locale of the fallback chain its value came from, e.g. `{ "description": "en" }`.',
        },
      };
    }
  }
  return changed;
}
