/**
 * The `pageInfo` of a list (GraphQL `Pagination`), from its total and the transformed
 * `start`/`limit` of its arguments. Pure.
 */

export interface PageInfo {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * Page numbers as the GraphQL plugin computes them for the root `…_connection` queries; `limit`
 * -1 (no limit) is one page of everything from `start`.
 */
export function pageInfoOf(total: number, start = 0, limit = -1): PageInfo {
  if (limit < 0) return { total, page: 1, pageSize: Math.max(total - start, 0), pageCount: 1 };
  const pageSize = Math.max(limit, 1);
  return {
    total,
    page: Math.floor(start / pageSize) + 1,
    pageSize,
    pageCount: Math.ceil(total / pageSize),
  };
}
