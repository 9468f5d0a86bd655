// The plugins are dependencies of this app (package.json): enabling them is all it does for them
// (search needs to know what to index).
module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  graphql: { config: { endpoint: '/graphql', defaultLimit: 25, maxLimit: 100, depthLimit: 10 } },
  'locale-fallback': { enabled: true },
  history: { enabled: true },
  translations: { enabled: true },
  // X-Query-Count on every answer: the tests count the SQL a request cost.
  'response-cache': { enabled: true, config: { queryCountHeader: true } },
  // The host's test files all read anonymously from one address within seconds: the plugin's
  // default rate limit (10/s, burst 100) and fair share would refuse whichever file runs last.
  // Like the app's test harness (tests/helpers/global-setup.ts), limit nobody by accident.
  'api-guards': {
    enabled: true,
    config: {
      missPath: {
        rateLimit: { rate: 100000, burst: 100000 },
        fairShare: { minPerWindow: 1000000 },
        tarpit: { delayMs: 0 },
      },
    },
  },
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
