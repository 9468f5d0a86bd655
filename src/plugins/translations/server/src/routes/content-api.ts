/**
 * Served under /api/translations/*. An API token needs the actions
 * `plugin::translations.translations.<status|export|import>` (full access has them); Public and
 * Authenticated get 403 unless a role is given them.
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/status', handler: 'translations.status', config: { policies: [] } },
    { method: 'GET', path: '/export', handler: 'translations.export', config: { policies: [] } },
    { method: 'POST', path: '/import', handler: 'translations.import', config: { policies: [] } },
    { method: 'PUT', path: '/state', handler: 'translations.setState', config: { policies: [] } },
    { method: 'GET', path: '/tmx', handler: 'translations.tmx', config: { policies: [] } },
    { method: 'GET', path: '/tbx', handler: 'translations.tbx', config: { policies: [] } },
  ],
};
