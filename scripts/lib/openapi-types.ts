/**
 * TypeScript types of the public OpenAPI document, as openapi-typescript generates them for a
 * website (examples/openapi-fetch/api.d.ts, written by `npm run api:generate`).
 */
import openapiTS, { COMMENT_HEADER, astToString, type OpenAPI3 } from 'openapi-typescript';

/** The `.d.ts` text openapi-typescript generates for `document`. */
export async function renderOpenApiTypes(document: unknown): Promise<string> {
  // A deep copy: openapi-typescript annotates the object it is given.
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)) as OpenAPI3);
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
