/**
 * Content API under /api/history/* (API tokens: full access, read-only for reading, or custom
 * with `plugin::history.versions.*`; Public and Authenticated get 403), admin routes under
 * /history/* for the edit-view side panel.
 */
const adminOnly = { policies: ['admin::isAuthenticatedAdmin'] };

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/versions', handler: 'versions.find', config: { policies: [] } },
      {
        method: 'GET',
        path: '/versions/:id',
        handler: 'versions.findOne',
        config: { policies: [] },
      },
      {
        method: 'POST',
        path: '/versions/:id/restore',
        handler: 'versions.restore',
        config: { policies: [] },
      },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/versions', handler: 'admin.find', config: adminOnly },
      { method: 'GET', path: '/versions/:id/compare', handler: 'admin.compare', config: adminOnly },
      {
        method: 'POST',
        path: '/versions/:id/restore',
        handler: 'admin.restore',
        config: adminOnly,
      },
    ],
  },
};
