/** Served under /releases/* to admin sessions with the plugin's permissions (the admin page). */
const READ = 'plugin::releases.read';
const MANAGE = 'plugin::releases.manage';

const handlers = [
  ['GET', '/', 'list', READ],
  ['GET', '/:id', 'get', READ],
  ['POST', '/', 'create', MANAGE],
  ['PUT', '/:id', 'update', MANAGE],
  ['POST', '/:id/entries', 'addEntries', MANAGE],
  ['POST', '/:id/publish', 'publish', MANAGE],
  ['DELETE', '/:id', 'delete', MANAGE],
] as const;

export default {
  type: 'admin',
  routes: handlers.map(([method, path, action, permission]) => ({
    method,
    path,
    handler: `release.${action}`,
    config: {
      policies: [
        'admin::isAuthenticatedAdmin',
        { name: 'admin::hasPermissions', config: { actions: [permission] } },
      ],
    },
  })),
};
