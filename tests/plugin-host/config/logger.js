// STRAPI_LOG_LEVEL chooses the level, as the app's config/logger.ts does (default `http`, Strapi's
// own): the test harnesses set `warn` (tests/helpers/plugin-host.ts, and
// tests/helpers/plugin-host-in-process.ts unless STRAPI_LOG_LEVEL is set), so a request line is
// not written into jest's output for every call of a host test. Strapi merges this over its
// default logger (pretty console output).
module.exports = ({ env }) => ({ level: env('STRAPI_LOG_LEVEL', 'http') });
