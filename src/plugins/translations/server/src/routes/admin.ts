/** Served under /translations/* to admin sessions (the home-page widget uses /status, the edit-view side panel /changes and /state). */
const adminOnly = { policies: ['admin::isAuthenticatedAdmin'] };

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/status', handler: 'translations.status', config: adminOnly },
    { method: 'GET', path: '/export', handler: 'translations.export', config: adminOnly },
    { method: 'POST', path: '/import', handler: 'translations.import', config: adminOnly },
    { method: 'PUT', path: '/state', handler: 'translations.setStateAdmin', config: adminOnly },
    { method: 'GET', path: '/tmx', handler: 'translations.tmx', config: adminOnly },
    // The edit-view side panel: per-unit state, source diff and review state of one version.
    { method: 'GET', path: '/changes', handler: 'source-diff.changes', config: adminOnly },
    { method: 'GET', path: '/tbx', handler: 'translations.tbx', config: adminOnly },
  ],
};
