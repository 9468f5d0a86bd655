/**
 * Apollo Server's CSRF prevention (`csrfPrevention`, on by default in Apollo Server 4), as the
 * cache must apply it to a GraphQL `GET` it answers itself: Apollo refuses a request that a
 * browser could send cross-site without a preflight — no `Content-Type` other than the three
 * "simple" ones and none of the headers a simple request cannot carry. A hit served without the
 * check would answer a request Apollo refuses. Pure.
 */
const SIMPLE_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

export function passesCsrfPrevention(
  headers: Record<string, string | string[] | undefined>
): boolean {
  const contentType = headers['content-type'];
  if (typeof contentType === 'string' && contentType !== '') {
    const essence = contentType.split(';')[0].trim().toLowerCase();
    if (!SIMPLE_CONTENT_TYPES.includes(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === 'string' ? value !== '' : Array.isArray(value) && value.length > 0;
  });
}
