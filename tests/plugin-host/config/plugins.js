// Enabling the plugins by path is all this app does for them (search needs to know what to index).
const plugin = (name) => ({ enabled: true, resolve: `../../src/plugins/${name}` });

module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  graphql: { config: { endpoint: '/graphql', defaultLimit: 25, maxLimit: 100 } },
  'locale-fallback': plugin('locale-fallback'),
  history: plugin('history'),
  translations: plugin('translations'),
  'response-cache': plugin('response-cache'),
  'api-guards': plugin('api-guards'),
  'miss-path-speedups': plugin('miss-path-speedups'),
  search: {
    ...plugin('search'),
    config: {
      types: {
        'api::article.article': { fields: ['title'] },
        'api::author.author': { fields: ['name'] },
      },
    },
  },
});
