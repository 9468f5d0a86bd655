export default {
  // Content API routes of plugin `search` are served under /api/search (the plugin's prefix).
  'content-api': {
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/',
        handler: 'search.find',
        config: { policies: [] },
      },
    ],
  },
};
