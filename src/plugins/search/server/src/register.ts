import type { Core } from '@strapi/strapi';
import type { SearchConfig } from './config';
import { registerSearchQuery } from './graphql';
import { onOpenApiGeneration } from './internals';
import { describeSearch, type OpenApiDocument } from './lib/openapi';

/** Document Service actions after which a document's published versions may differ. */
const WRITE_ACTIONS = new Set([
  'create',
  'update',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
  'clone',
]);

const documentIdOf = (params: unknown, result: unknown): string | undefined => {
  const fromResult = (result as { documentId?: unknown } | null | undefined)?.documentId;
  if (typeof fromResult === 'string') return fromResult;
  const fromParams = (params as { documentId?: unknown } | undefined)?.documentId;
  return typeof fromParams === 'string' ? fromParams : undefined;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Every write goes through the Document Service (admin, REST, GraphQL, imports, seeds): the
  // document's entries are replaced in the same transaction as the write, so a response cache
  // invalidated after the commit never sees content and index disagree.
  strapi.documents.use(async (context, next) => {
    const plugin = strapi.plugin('search');
    if (!WRITE_ACTIONS.has(context.action) || !plugin.service('catalog').byUid(context.uid)) {
      return next();
    }
    const indexer = plugin.service('indexer');
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context.params, result);
      if (documentId) await indexer.reindexDocument(context.uid, documentId);
      return result;
    });
  });
  registerSearchQuery(strapi);
  // In register, so that the locale-fallback plugin (its hook is set in its bootstrap) describes
  // this operation's `locale` and `fallbackLocale` as it does the content types'.
  const plugin = strapi.plugin('search');
  if (plugin.config<SearchConfig['openapi']>('openapi') && strapi.plugin('documentation')) {
    const types = plugin.config<SearchConfig['types']>('types');
    const limits = {
      maxQueryLength: plugin.config<number>('maxQueryLength'),
      maxQueryWords: plugin.config<number>('maxQueryWords'),
      facets: [...new Set(Object.values(types).flatMap((type) => type.facets ?? []))],
    };
    onOpenApiGeneration(strapi, (draft: OpenApiDocument) => describeSearch(draft, limits));
  }
};
