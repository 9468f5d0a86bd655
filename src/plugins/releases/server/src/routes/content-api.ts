/**
 * Served under /api/releases. An API token needs the actions `plugin::releases.release.<list|get|
 * create|update|addEntries|publish|delete>` (full access has them); Public and Authenticated get
 * 403 unless a role is given them. The reads are not called `find`/`findOne` on purpose: Strapi
 * grants actions of those names to every read-only token, and the response cache keeps what a
 * read-only token reads, which would serve a release's status from before its run.
 */
const handlers = [
  ['GET', '/', 'list'],
  ['GET', '/:id', 'get'],
  ['POST', '/', 'create'],
  ['PUT', '/:id', 'update'],
  ['POST', '/:id/entries', 'addEntries'],
  ['POST', '/:id/publish', 'publish'],
  ['DELETE', '/:id', 'delete'],
] as const;

export default {
  type: 'content-api',
  routes: handlers.map(([method, path, action]) => ({
    method,
    path,
    handler: `release.${action}`,
    config: { policies: [] },
  })),
};
