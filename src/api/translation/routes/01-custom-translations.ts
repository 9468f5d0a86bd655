/**
 * Content-API routes: need an API token with these actions (full access has them); Public and
 * Authenticated get 403. The same handlers are served to admin sessions under /translations/*
 * (src/translation/register.ts).
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/translations/status',
      handler: 'translation.status',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/translations/export',
      handler: 'translation.export',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/translations/import',
      handler: 'translation.import',
      config: { policies: [] },
    },
  ],
};
