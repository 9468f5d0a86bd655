// The plugins are dependencies of this app (package.json): enabling them is all it does for them
// (search needs to know what to index).
module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  graphql: { config: { endpoint: '/graphql', defaultLimit: 25, maxLimit: 100 } },
  'locale-fallback': { enabled: true },
  history: { enabled: true },
  translations: { enabled: true },
  // X-Query-Count on every answer: the tests count the SQL a request cost.
  'response-cache': { enabled: true, config: { queryCountHeader: true } },
  'api-guards': { enabled: true },
  'miss-path-speedups': { enabled: true },
  releases: { enabled: true },
  search: {
    enabled: true,
    config: {
      types: {
        'api::article.article': { fields: ['title'] },
        'api::author.author': { fields: ['name'] },
      },
    },
  },
});
