import type { UID } from '@strapi/strapi';
import { getStrapi } from './strapi';

export const CITY = 'api::city.city';
export const COUNTRY = 'api::country.country';
export const NETWORK = 'api::network.network';

type Data = Record<string, unknown>;

/**
 * Creates a document with the given locale versions through the document service, each version
 * published unless listed in `drafts`, and returns its documentId. Tests delete what they create
 * with `deleteDocument`.
 */
export async function createDocument(
  uid: string,
  versions: Record<string, Data>,
  drafts: string[] = []
): Promise<string> {
  const documents = getStrapi().documents(uid as UID.ContentType);
  let documentId: string | undefined;
  for (const [locale, data] of Object.entries(versions)) {
    const status = drafts.includes(locale) ? 'draft' : 'published';
    const params = { locale, status, data } as never;
    const created = documentId
      ? await documents.update({ ...(params as object), documentId } as never)
      : await documents.create(params);
    documentId = (created as unknown as { documentId: string }).documentId;
  }
  if (!documentId) throw new Error('createDocument needs at least one version');
  return documentId;
}

/** Deletes every locale version of a document. */
export async function deleteDocument(uid: string, documentId: string): Promise<void> {
  await getStrapi()
    .documents(uid as UID.ContentType)
    .delete({ documentId, locale: '*' } as never);
}
