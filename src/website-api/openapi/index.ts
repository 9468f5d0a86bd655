/**
 * The public OpenAPI document (/openapi.json, the Swagger UI at /documentation, and the committed
 * openapi/openapi.json written by `npm run api:generate`). @strapi/plugin-documentation generates
 * it; {@link mutatePublicOpenApi} (its `mutateDocumentation` hook, set in config/plugins.ts)
 * narrows it to what the Public role can do; the search plugin then adds `GET /search`, and the
 * locale-fallback plugin `locale`, `fallbackLocale` and the `fallback` flag.
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

/**
 * Public actions that are not reads of a content type, with their operation: used when the
 * action is granted to the Public role in src/bootstrap/public-permissions.ts. A granted action
 * without an entry here, of no plugin that describes its own (see {@link describedByPlugins}),
 * stops the generation with an error naming it.
 */
export const EXTRA_OPERATIONS: Record<string, ExtraOperation> = {
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

/**
 * Whether `action` belongs to a plugin that adds its own operation to the document, after this
 * app's hook, through the documentation plugin's hook chain: one whose config says `openapi: true`
 * (the search plugin's `GET /search`).
 */
function describedByPlugins(strapi: Core.Strapi, action: string): boolean {
  const plugin = /^plugin::([^.]+)\./.exec(action)?.[1];
  return plugin !== undefined && strapi.plugin(plugin)?.config('openapi') === true;
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
 * The API's public origin for `servers`: `PUBLIC_API_URL` (Strapi's `server.url`) when it is an
 * absolute URL, else the website's origin (`PUBLIC_SITE_URL`; by default the demo site and the
 * API share one server).
 */
function publicApiUrl(site: SiteConfig): string {
  const url = String(strapi.config.get('server.url', ''));
  return /^https?:\/\//.test(url) ? url.replace(/\/+$/, '') : site.publicUrl;
}

/**
 * `x-strapi-config.mutateDocumentation` of the documentation plugin: replaces the generated
 * document (an immer draft, changed in place so that hooks chained after it see the result) by
 * the public one.
 */
export function mutatePublicOpenApi(draft: OpenApiDocument): void {
  const site = strapi.config.get('site') as SiteConfig;
  const publicActions = ROLE_PERMISSIONS.public;
  const spec = buildPublicSpec(draft, {
    publicActions,
    contentTypes: describeContentTypes(strapi),
    components: describeComponents(strapi),
    extraOperations: EXTRA_OPERATIONS,
    describedByPlugins: publicActions.filter((action) => describedByPlugins(strapi, action)),
    publicUrl: publicApiUrl(site),
    restPrefix: String(strapi.config.get('api.rest.prefix', '/api')),
    pagination: {
      defaultLimit: Number(strapi.config.get('api.rest.defaultLimit', 25)),
      maxLimit: Number(strapi.config.get('api.rest.maxLimit', 100)),
    },
  });
  for (const key of Object.keys(draft)) delete draft[key];
  // A copy: the documentation plugin freezes the document it produced (immer), which would
  // freeze the constants it shares (EXTRA_OPERATIONS), and the plugins' hooks after this one
  // (search adds its operation, locale-fallback describes the locale parameters) change
  // operations in place at the next generation.
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
