import type { Core } from '@strapi/strapi';
import { registerGraphQLGuards } from './graphql';
import { registerGraphQLCursorPagination } from './graphql-cursor';
import { appMiddlewares } from './internals';
import { insertMiddleware } from './lib/middleware-order';
import { CURSOR_PAGINATION, registerCursorRows } from './middlewares/cursor-pagination';
import { registerDocumentGuards } from './middlewares/document-guards';
import { FILTER_LIMITS } from './middlewares/filter-limits';
import { earlyHealthCheck } from './middlewares/health';
import { IGNORED_QUERY_PARAMS } from './middlewares/ignored-query-params';
import { frontDoor } from './middlewares/front-door';
import { GRAPHQL_DOCUMENT } from './middlewares/graphql-document';
import { MISS_PATH, MISS_PATH_AFTER_BODY } from './middlewares/miss-path';
import { POPULATE_DEPTH } from './middlewares/populate-depth';
import { QUERY_TIMEOUT } from './middlewares/query-timeout';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentGuards(strapi);
  registerGraphQLGuards(strapi);
  registerCursorRows(strapi);
  registerGraphQLCursorPagination(strapi);
  // Before the app's middleware list (added at bootstrap): /_health answered first of all.
  strapi.server.use(earlyHealthCheck());
  // Credentials, anonymous GraphQL body sizes and byte budgets, ahead of a response cache that
  // registers after this plugin (middlewares/front-door.ts).
  strapi.server.use(frontDoor(strapi));
  let middlewares = appMiddlewares.get(strapi);
  // After strapi::cors: everything before it (a response cache that answers hits, the logger,
  // strapi::errors) still runs first, and refusals carry CORS headers a browser can read.
  middlewares = insertMiddleware(middlewares, MISS_PATH, ['strapi::cors', 'strapi::errors']);
  // Requests whose body had not arrived at the guard are admitted once strapi::body has read it.
  middlewares = insertMiddleware(middlewares, MISS_PATH_AFTER_BODY, [
    'strapi::body',
    'strapi::query',
  ]);
  // GraphQL documents measured once the body is parsed, before Apollo sees them.
  middlewares = insertMiddleware(middlewares, GRAPHQL_DOCUMENT, ['strapi::body', 'strapi::query']);
  // After strapi::body, where the query is parsed; strapi::errors turns the refusal into a 400.
  middlewares = insertMiddleware(middlewares, POPULATE_DEPTH, ['strapi::body', 'strapi::query']);
  // Next to it, for the same reason: filters are measured before any query runs.
  middlewares = insertMiddleware(middlewares, FILTER_LIMITS, [POPULATE_DEPTH, 'strapi::query']);
  // After the filter limits, which measure the client's filters without the keyset filter that
  // cursor pagination adds; before Strapi's query validation, which knows no pagination[cursor].
  middlewares = insertMiddleware(middlewares, CURSOR_PAGINATION, [FILTER_LIMITS, 'strapi::query']);
  // Right after strapi::errors, so a statement timeout is a 503 before it becomes a 500.
  middlewares = insertMiddleware(middlewares, QUERY_TIMEOUT, ['strapi::errors']);
  // Before strapi::query parses the query (and before every other reader of it).
  middlewares = insertMiddleware(middlewares, IGNORED_QUERY_PARAMS, ['strapi::errors']);
  appMiddlewares.set(strapi, middlewares);
};
