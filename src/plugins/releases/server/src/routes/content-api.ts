/**
 * Served under /api/releases. An API token needs the actions `plugin::releases.release.<find|
 * findOne|create|update|addEntries|publish|delete>` (full access has them); Public and
 * Authenticated get 403 unless a role is given them.
 */
const handlers = [
  ['GET', '/', 'find'],
  ['GET', '/:id', 'findOne'],
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
