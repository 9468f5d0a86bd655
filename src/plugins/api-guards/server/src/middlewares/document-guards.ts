/**
 * A document-service middleware that closes gaps stock Strapi 5.54 leaves in its content API.
 * It sits in the document service, so REST, GraphQL and any other caller get the same rules:
 *
 * - Drafts are not public: a read with `status: 'draft'` by the users-permissions strategy
 *   (the Public and Authenticated roles) is refused with 403. API tokens and admins may.
 * - Malformed filters (wrong types, `$between` with one value, …), a non-text `_q` and empty
 *   field names are a 400, not a 500.
 * - Writes into a locale that does not exist, rich-text fields given something other than a
 *   list of blocks, and relations given something other than document references are a 400
 *   instead of being stored, silently dropped, or a 500.
 * - A read the database stopped at its statement timeout (PostgreSQL) becomes a
 *   {@link QueryTimeoutError} naming the cause, instead of an internal error.
 */
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  findFilterProblem,
  findPopulateFilterProblem,
  type AttributeShape,
  type AttributesOf,
} from '../lib/filters';
import { findReadParamsProblem } from '../lib/params';
import { findBlocksProblem, findRelationProblem } from '../lib/write-data';
import { authStrategyName, localeExists } from '../internals';
import { isStatementTimeout, QUERY_TIMEOUT_MESSAGE } from '../lib/statement-timeout';

/**
 * A read the database stopped at its statement timeout. An ApplicationError, so GraphQL answers
 * it with its message (`extensions.code` `STRAPI_QUERY_TIMEOUT_ERROR`); the REST content API
 * answers 503 (middlewares/query-timeout.ts).
 */
export class QueryTimeoutError extends errors.ApplicationError<'QueryTimeoutError'> {
  constructor() {
    super(QUERY_TIMEOUT_MESSAGE);
    this.name = 'QueryTimeoutError';
  }
}

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITE_ACTIONS = new Set(['create', 'update']);

/** The part of every action's params these checks read. */
interface GuardedParams {
  _q?: unknown;
  fields?: unknown;
  status?: unknown;
  filters?: unknown;
  populate?: unknown;
  locale?: unknown;
  data?: unknown;
}

/** Registers the guards; call from `register` (document middlewares must exist before use). */
export function registerDocumentGuards(strapi: Core.Strapi): void {
  const attributesOf: AttributesOf = (uid) =>
    strapi.getModel(uid as UID.Schema)?.attributes as Record<string, AttributeShape> | undefined;

  strapi.documents.use(async (context, next) => {
    const params = (context.params ?? {}) as GuardedParams;

    if (READ_ACTIONS.has(context.action)) {
      if (params.status === 'draft' && authStrategyName(strapi) === 'users-permissions') {
        // PolicyError: a ForbiddenError whose message Strapi passes through to the client.
        throw new errors.PolicyError(
          'Drafts are not public: status=draft needs an API token with access to drafts'
        );
      }
      const problem =
        findReadParamsProblem(params) ??
        findFilterProblem(params.filters, context.uid, attributesOf) ??
        findPopulateFilterProblem(params.populate, context.uid, attributesOf);
      if (problem) throw new errors.ValidationError(problem);
      try {
        return await next();
      } catch (error) {
        if (isStatementTimeout(error)) throw new QueryTimeoutError();
        throw error;
      }
    }

    if (WRITE_ACTIONS.has(context.action)) {
      const pluginOptions = context.contentType.pluginOptions as
        { i18n?: { localized?: boolean } } | undefined;
      const localized = pluginOptions?.i18n?.localized;
      if (localized && typeof params.locale === 'string') {
        if (!(await localeExists(strapi, params.locale))) {
          throw new errors.ValidationError(`Unknown locale "${params.locale}"`);
        }
      }
      const attributes = attributesOf(context.uid) ?? {};
      const problem =
        findBlocksProblem(params.data, attributes) ?? findRelationProblem(params.data, attributes);
      if (problem) throw new errors.ValidationError(problem);
    }

    return next();
  });
}
