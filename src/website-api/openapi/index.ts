/**
 * The public OpenAPI document (/openapi.json, the Swagger UI at /documentation, and the committed
 * openapi/openapi.json written by `npm run api:generate`). @strapi/plugin-documentation generates
 * it; {@link mutatePublicOpenApi} (its `mutateDocumentation` hook, set in config/plugins.ts)
 * narrows it to what the Public role can do; the locale-fallback plugin then adds `locale`,
 * `fallbackLocale` and the `fallback` flag.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { SiteConfig } from '../../../config/site';
import { ROLE_PERMISSIONS } from '../../bootstrap/public-permissions';
import {
  buildPublicSpec,
  errorResponses,
  type AttributeSpec,
  type ComponentSpec,
  type ContentTypeSpec,
  type ExtraOperation,
  type OpenApiDocument,
} from './public-spec';

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The facets config/plugins.ts gives the search plugin (the relations of City). */
const SEARCH_FACETS = ['creativeField', 'country'];

/**
 * Public actions that are not reads of a content type, with their operation: used when the
 * action is granted to the Public role in src/bootstrap/public-permissions.ts. A granted action
 * without an entry here stops the generation with an error naming it.
 */
export const EXTRA_OPERATIONS: Record<string, ExtraOperation> = {
  // The search plugin (src/plugins/search): `GET /api/search`.
  'plugin::search.search.find': {
    path: '/search',
    method: 'get',
    tagDescription: 'Search across the localized types by name, in every locale',
    operation: {
      operationId: 'search',
      summary: 'Search documents by name in every locale',
      description:
        'Case- and diacritic-insensitive, with German transliteration (`oe` finds `ö` and back), typos (one in words of 5+ letters, two in 9+) and the last word as a prefix; matches the name in any locale and the alternative names, and answers in `locale`. Ranked: exact name, alternative name, prefix, every word, typo; each hit says how it matched and which name did.',
      tags: ['Search'],
      parameters: [
        {
          name: 'q',
          in: 'query',
          required: true,
          description:
            'What to find (at least one letter or digit, at most 100 characters and 10 words).',
          schema: { type: 'string', minLength: 1, maxLength: 100 },
        },
        {
          name: 'types',
          in: 'query',
          required: false,
          description:
            'Types to search, by plural name: `types=cities,countries` or repeated. Default: all.',
          schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        },
        {
          name: 'facets',
          in: 'query',
          required: false,
          description:
            'Count the hits by these facets (`facets=creativeField,country` or repeated), answered in `meta.facets`.',
          schema: {
            oneOf: [
              { type: 'string' },
              { type: 'array', items: { type: 'string', enum: SEARCH_FACETS } },
            ],
          },
        },
        {
          name: 'pagination[page]',
          in: 'query',
          required: false,
          description: 'Page number (default 1).',
          schema: { type: 'integer', minimum: 1 },
        },
        {
          name: 'pagination[pageSize]',
          in: 'query',
          required: false,
          description: 'Page size (default and maximum as on the list routes).',
          schema: { type: 'integer', minimum: 1 },
        },
        // Described in full (known locales, fallbackLocale) by the locale-fallback plugin.
        {
          name: 'locale',
          in: 'query',
          required: false,
          description: 'Locale of the answer.',
          schema: { type: 'string' },
        },
        {
          name: 'fallbackLocale',
          in: 'query',
          required: false,
          description: 'Serve a document not published in `locale` in this locale.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schemaRef('SearchResponse') } },
        },
        ...errorResponses(false),
      },
    },
    schemas: {
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
                  SEARCH_FACETS.map((facet) => [
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
    },
  },
  'plugin::i18n.locales.listLocales': {
    path: '/i18n/locales',
    method: 'get',
    tagDescription: 'The locales content is available in',
    operation: {
      operationId: 'listLocales',
      summary: 'List the locales',
      description:
        'Every locale content may be asked for with `locale`; one has `isDefault: true`.',
      tags: ['Locales'],
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': {
              schema: { type: 'array', items: { $ref: '#/components/schemas/Locale' } },
            },
          },
        },
        ...errorResponses(false),
      },
    },
    schemas: {
      Locale: {
        type: 'object',
        required: ['id', 'documentId', 'name', 'code', 'isDefault'],
        properties: {
          id: { type: 'integer' },
          documentId: { type: 'string' },
          name: { type: 'string' },
          code: { type: 'string' },
          isDefault: { type: 'boolean' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          publishedAt: { type: 'string', format: 'date-time', nullable: true },
          locale: { type: 'string', nullable: true },
        },
      },
    },
  },
};

interface SchemaLike {
  uid: string;
  kind?: string;
  info: { singularName?: string; pluralName?: string; displayName: string; description?: string };
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, AttributeSpec>;
}

function describeContentTypes(strapi: Core.Strapi): ContentTypeSpec[] {
  return Object.values(strapi.contentTypes as unknown as Record<string, SchemaLike>)
    .filter((type) => type.uid.startsWith('api::'))
    .map((type) => ({
      uid: type.uid,
      kind: type.kind === 'singleType' ? 'singleType' : 'collectionType',
      singularName: type.info.singularName ?? type.uid,
      pluralName: type.info.pluralName ?? type.uid,
      displayName: type.info.displayName,
      description: type.info.description,
      localized: type.pluginOptions?.i18n?.localized === true,
      attributes: type.attributes,
    }));
}

function describeComponents(strapi: Core.Strapi): ComponentSpec[] {
  return Object.values(strapi.components as unknown as Record<string, SchemaLike>).map(
    (component) => ({
      uid: component.uid,
      displayName: component.info.displayName,
      attributes: component.attributes,
    })
  );
}

/**
 * `x-strapi-config.mutateDocumentation` of the documentation plugin: replaces the generated
 * document (an immer draft, changed in place so that hooks chained after it see the result) by
 * the public one.
 */
export function mutatePublicOpenApi(draft: OpenApiDocument): void {
  const site = strapi.config.get('site') as SiteConfig;
  const spec = buildPublicSpec(draft, {
    publicActions: ROLE_PERMISSIONS.public,
    contentTypes: describeContentTypes(strapi),
    components: describeComponents(strapi),
    extraOperations: EXTRA_OPERATIONS,
    publicUrl: site.publicUrl,
    restPrefix: String(strapi.config.get('api.rest.prefix', '/api')),
    pagination: {
      defaultLimit: Number(strapi.config.get('api.rest.defaultLimit', 25)),
      maxLimit: Number(strapi.config.get('api.rest.maxLimit', 100)),
    },
  });
  for (const key of Object.keys(draft)) delete draft[key];
  // A copy: the documentation plugin freezes the document it produced (immer), which would
  // freeze the constants it shares (EXTRA_OPERATIONS), and the locale-fallback plugin's hook
  // changes operations in place at the next generation.
  Object.assign(draft, structuredClone(spec));
}

interface DocumentationService {
  getFullDocumentationPath(): string;
  getDocumentationVersion(): string;
  generateFullDoc(version?: string): Promise<void>;
}

const documentation = (strapi: Core.Strapi): DocumentationService =>
  strapi.plugin('documentation').service('documentation') as DocumentationService;

/**
 * Generates the document again once the locales exist (the documentation plugin's own run at
 * start comes before the app's bootstrap, and it skips production), so that what is served
 * names the locales and is the same at every start.
 */
export async function generateOpenApi(strapi: Core.Strapi): Promise<void> {
  await strapi.plugin('locale-fallback').service('locales').known();
  await documentation(strapi).generateFullDoc();
}

/** The OpenAPI document as served at /openapi.json. */
export async function servedOpenApiText(strapi: Core.Strapi): Promise<string> {
  const service = documentation(strapi);
  const file = path.join(
    service.getFullDocumentationPath(),
    service.getDocumentationVersion(),
    'full_documentation.json'
  );
  return readFile(file, 'utf8');
}

export async function servedOpenApi(strapi: Core.Strapi): Promise<unknown> {
  return JSON.parse(await servedOpenApiText(strapi));
}
