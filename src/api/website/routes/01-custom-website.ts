/** Public, non-content routes for websites, outside the /api prefix. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/sitemap.xml',
      handler: 'website.sitemap',
      config: { auth: false, prefix: '' },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      handler: 'website.openapi',
      config: { auth: false, prefix: '' },
    },
  ],
};
