/**
 * Which documents of a content type have no version in the requested locale (for the status asked
 * for) but one in a locale of the fallback chain, and from which chain locale each is served (the
 * first that has it). Asked of the database in one `NOT EXISTS` query that returns only those
 * documents' chain versions, usually a handful: reading every version's id and locale instead
 * costs one row per version and request (804 rows for 402 documents in two locales, half the
 * throughput of a fallback list in `npm run bench`). Asked once per `GET` request and question:
 * a REST list reads its page and its total (`findMany`, then `count`) with the same answer.
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { firstInChain } from '../lib/fallback';
import { rawTable, withKnex } from '../internals';

type Missing = Map<string, string[]>;

/** The answers of the `GET` request in flight (its Koa context, Strapi's request context). */
const answersOfRequest = new WeakMap<object, Map<string, Promise<Missing>>>();

/** The request's memo, for a read-only request only (a write in between would change it). */
function requestMemo(strapi: Core.Strapi): Map<string, Promise<Missing>> | undefined {
  const ctx = strapi.requestContext.get() as { method?: string } | undefined;
  if (!ctx || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return undefined;
  let memo = answersOfRequest.get(ctx);
  if (!memo) {
    memo = new Map();
    answersOfRequest.set(ctx, memo);
  }
  return memo;
}

/**
 * {@link queryMissing}, asked once per `GET` request for the same type, locale, chain and
 * status (a failed answer is not kept).
 *
 * @param chain the fallback locales, in order (one or more)
 * @returns the documents to serve from each chain locale, in chain order (locales serving none
 *   left out)
 */
export function documentsMissingIn(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  locale: string,
  chain: readonly string[],
  status: 'published' | 'draft'
): Promise<Missing> {
  const memo = requestMemo(strapi);
  if (!memo) return queryMissing(strapi, uid, locale, chain, status);
  const key = JSON.stringify([uid, locale, chain, status]);
  const known = memo.get(key);
  if (known) return known;
  const answer = queryMissing(strapi, uid, locale, chain, status);
  memo.set(key, answer);
  answer.catch(() => memo.delete(key));
  return answer;
}

/**
 * @param chain the fallback locales, in order (one or more)
 * @returns the documents to serve from each chain locale, in chain order (locales serving none
 *   left out)
 */
async function queryMissing(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  locale: string,
  chain: readonly string[],
  status: 'published' | 'draft'
): Promise<Missing> {
  const table = rawTable(strapi, uid);
  const [documentId, localeColumn, publishedAt] = [
    table.column('documentId'),
    table.column('locale'),
    table.column('publishedAt'),
  ];
  const inStatus = (query: Knex.QueryBuilder, alias: string) =>
    status === 'published'
      ? query.whereNotNull(`${alias}.${publishedAt}`)
      : query.whereNull(`${alias}.${publishedAt}`);

  return withKnex(strapi, async (knex) => {
    const fromChain = knex
      .from(table.as('f'))
      .distinct({ documentId: `f.${documentId}`, locale: `f.${localeColumn}` });
    const query = inStatus(
      chain.length === 1
        ? fromChain.where(`f.${localeColumn}`, chain[0])
        : fromChain.whereIn(`f.${localeColumn}`, [...chain]),
      'f'
    ).whereNotExists((exists) => {
      inStatus(
        exists
          .select(knex.raw('1'))
          .from(table.as('l'))
          .whereRaw('?? = ??', [`l.${documentId}`, `f.${documentId}`])
          .where(`l.${localeColumn}`, locale),
        'l'
      );
    });
    const rows = (await query) as { documentId: string; locale: string }[];
    return firstInChain(rows, chain);
  });
}
