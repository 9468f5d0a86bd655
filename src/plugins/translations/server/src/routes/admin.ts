/**
 * Served under /translations/* to admin sessions (the home-page widget uses /locales, the
 * edit-view side panel /changes and /state, the "Languages" page /locales).
 */
const adminOnly = { policies: ['admin::isAuthenticatedAdmin'] };

/** The locale lifecycle's changes: the permission "Manage languages" (super admins have it). */
const manageLocales = {
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'admin::hasPermissions', config: { actions: ['plugin::translations.locales.manage'] } },
  ],
};

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/status', handler: 'translations.status', config: adminOnly },
    { method: 'GET', path: '/export', handler: 'translations.export', config: adminOnly },
    { method: 'POST', path: '/import', handler: 'translations.importAdmin', config: adminOnly },
    { method: 'PUT', path: '/state', handler: 'translations.setStateAdmin', config: adminOnly },
    { method: 'GET', path: '/tmx', handler: 'translations.tmx', config: adminOnly },
    // The edit-view side panel: per-unit state, source diff and review state of one version.
    { method: 'GET', path: '/changes', handler: 'source-diff.changes', config: adminOnly },
    { method: 'GET', path: '/tbx', handler: 'translations.tbx', config: adminOnly },
    // The locale lifecycle (the "Languages" page; the list also feeds the home-page widget).
    { method: 'GET', path: '/locales', handler: 'locales.list', config: adminOnly },
    { method: 'POST', path: '/locales', handler: 'locales.add', config: manageLocales },
    {
      method: 'POST',
      path: '/locales/:code/launch',
      handler: 'locales.launch',
      config: manageLocales,
    },
    {
      method: 'POST',
      path: '/locales/:code/unlaunch',
      handler: 'locales.unlaunch',
      config: manageLocales,
    },
    {
      method: 'PUT',
      path: '/locales/:code/fallback',
      handler: 'locales.setFallback',
      config: manageLocales,
    },
    { method: 'DELETE', path: '/locales/:code', handler: 'locales.remove', config: manageLocales },
  ],
};
