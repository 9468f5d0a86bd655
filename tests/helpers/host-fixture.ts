/**
 * The plugin host's content types for the contract tests that run in it, and more of its content
 * for those that read lists: the host's fixture (tests/plugin-host/src/index.js) has two
 * articles in fr. `addArticles` adds published fr articles, each written by the fixture's first
 * fr author, for the test file's `beforeAll`; the returned function deletes them (`afterAll`).
 */
import type { Core, UID } from '@strapi/strapi';

// The host's types are not among this app's generated ones (types/generated): typed as a content
// type uid of some app, which is what Strapi's functions take.
export const ARTICLE = 'api::article.article' as UID.ContentType;
export const AUTHOR = 'api::author.author' as UID.ContentType;

type Params = Record<string, unknown>;
type Entry = { id: number; documentId: string } & Record<string, unknown>;

/** The Document Service of a host type, with parameters as plain objects (see above). */
export interface HostDocuments {
  findMany(params: Params): Promise<Entry[]>;
  findFirst(params: Params): Promise<Entry | null>;
  findOne(params: Params): Promise<Entry | null>;
  count(params: Params): Promise<number>;
  create(params: Params): Promise<Entry>;
  update(params: Params): Promise<Entry | null>;
  delete(params: Params): Promise<unknown>;
}

export function hostDocuments(strapi: Core.Strapi, uid: UID.ContentType): HostDocuments {
  return strapi.documents(uid) as unknown as HostDocuments;
}

export async function addArticles(
  strapi: Core.Strapi,
  titles: string[]
): Promise<() => Promise<void>> {
  const [author] = await hostDocuments(strapi, AUTHOR).findMany({ locale: 'fr', limit: 1 });
  const added: string[] = [];
  for (const title of titles) {
    const article = await hostDocuments(strapi, ARTICLE).create({
      locale: 'fr',
      data: { title, author: { connect: [{ documentId: author.documentId, locale: 'fr' }] } },
      status: 'published',
    });
    added.push(article.documentId);
  }
  return async () => {
    for (const documentId of added) await hostDocuments(strapi, ARTICLE).delete({ documentId });
  };
}
