/**
 * `plugin::api-guards.graphql-document`: measures every GraphQL request's document in time linear
 * in its size (../lib/document-measure.ts) before Apollo parses and validates it, and refuses
 * fragment cycles, documents over the token or expanded-field bound, documents deeper than the
 * GraphQL plugin's `depthLimit`, and variables nested deeper than `graphql.maxVariablesDepth`,
 * with a 400 naming the bound. Placed after `strapi::body`. `strapi::body` leaves the GraphQL
 * endpoint to the GraphQL plugin's own body parser, which runs later, in the route: a JSON body
 * nobody has parsed yet (a response cache parses anonymous ones) is read and parsed here, and
 * handed on (koa-bodyparser leaves a parsed body alone).
 *
 * Why a koa middleware and not an Apollo plugin hook: an error thrown from Apollo's hooks before
 * `didResolveOperation` becomes a 500 ("Unexpected error processing request"), and by
 * `didResolveOperation` the validation rules, graphql-depth-limit among them, have already
 * walked the document with every fragment expanded: exponential work for a fragment bomb.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { ApiGuardsConfig } from '../config';
import { graphqlSettings, hasGraphQL } from '../internals';
import { jsonDepth, measureDocument, type DocumentProblem } from '../lib/document-measure';
import { refuse } from './refusal';

export const GRAPHQL_DOCUMENT = 'plugin::api-guards.graphql-document';

/** Verdicts on documents seen lately (up to this size), so a repeated query is not measured again. */
const VERDICTS_KEPT = 1000;
const REMEMBERED_SOURCE_LENGTH = 8 * 1024;

/** koa-bodyparser's default JSON limit, which the GraphQL route applies otherwise. */
const MAX_JSON_BODY = 1024 * 1024;

/**
 * Reads and parses a JSON body nobody has read yet, or answers the request itself (413, 400)
 * and returns false.
 */
async function parseJsonBody(ctx: Context): Promise<boolean> {
  const request = ctx.request as { body?: unknown };
  if (request.body !== undefined || !ctx.is('application/json')) return true;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > MAX_JSON_BODY) {
      refuse(ctx, true, {
        status: 413,
        name: 'PayloadTooLargeError',
        code: 'PAYLOAD_TOO_LARGE',
        message: `A GraphQL request body may have at most ${MAX_JSON_BODY} bytes`,
      });
      return false;
    }
    chunks.push(buffer);
  }
  try {
    request.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    refuse(ctx, true, {
      status: 400,
      name: 'ValidationError',
      code: 'BAD_REQUEST',
      message: 'GraphQL request body is not valid JSON',
    });
    return false;
  }
  return true;
}

/** A GraphQL request's parts as sent: the parsed JSON body of a POST, the query string of a GET. */
function requestParts(ctx: Context): { query: unknown; variables: unknown; extensions: unknown } {
  const source = (ctx.method === 'GET' ? ctx.query : (ctx.request as { body?: unknown }).body) as
    Record<string, unknown> | undefined;
  const parse = (value: unknown) => {
    // A GET carries variables and extensions as JSON text; Apollo reports it if it is not JSON.
    if (ctx.method !== 'GET' || typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  };
  return {
    query: source?.query,
    variables: parse(source?.variables),
    extensions: parse(source?.extensions),
  };
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const verdicts = new Map<string, DocumentProblem | null>();
  let endpoint: string | undefined;

  const verdictOf = (source: string, depthLimit: number | undefined): DocumentProblem | null => {
    const known = verdicts.get(source);
    if (known !== undefined) return known;
    const config = strapi.plugin('api-guards').config('graphql') as ApiGuardsConfig['graphql'];
    const { problem } = measureDocument(source, {
      maxTokens: config.maxTokens,
      maxExpandedFields: config.maxExpandedFields,
      maxDepth: depthLimit ?? Number.POSITIVE_INFINITY,
    });
    if (source.length <= REMEMBERED_SOURCE_LENGTH) {
      if (verdicts.size >= VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value as string);
      verdicts.set(source, problem);
    }
    return problem;
  };

  return async (ctx: Context, next: Next) => {
    if (!hasGraphQL(strapi)) return next();
    const settings = graphqlSettings(strapi);
    endpoint ??= settings.endpoint;
    if (ctx.path !== endpoint || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();
    if (ctx.method === 'POST') {
      if (!(await parseJsonBody(ctx))) return;
      const body = (ctx.request as { body?: unknown }).body;
      if (
        ctx.is('application/json') &&
        (typeof body !== 'object' || body === null || Array.isArray(body))
      ) {
        return refuse(ctx, true, {
          status: 400,
          name: 'ValidationError',
          code: 'BAD_REQUEST',
          message: 'GraphQL request body must be a JSON object with a `query`',
        });
      }
    }
    const { query, variables, extensions } = requestParts(ctx);
    const { maxVariablesDepth } = strapi
      .plugin('api-guards')
      .config('graphql') as ApiGuardsConfig['graphql'];
    for (const [name, value] of [
      ['variables', variables],
      ['extensions', extensions],
    ] as const) {
      if (jsonDepth(value, maxVariablesDepth) > maxVariablesDepth) {
        return refuse(ctx, true, {
          status: 400,
          name: 'ValidationError',
          code: 'VARIABLES_TOO_DEEP',
          message: `The request's ${name} nest deeper than ${maxVariablesDepth} levels`,
        });
      }
    }
    // No query (a landing page, a persisted-query hash): Apollo answers as it does.
    if (typeof query !== 'string') return next();
    const problem = verdictOf(query, settings.depthLimit);
    if (problem) {
      return refuse(ctx, true, {
        status: 400,
        name: 'ValidationError',
        code: problem.code,
        message: problem.message,
      });
    }
    return next();
  };
};
