import type { Core } from '@strapi/strapi';

// Strapi reads this file into its winston logger (defaults: level `http`, pretty console output).
// STRAPI_LOG_LEVEL chooses the level: `http` (the default) writes a line per request through
// strapi::logger; `info` keeps start-up and operational messages but leaves request lines to the
// proxy in front, which saves formatting and writing a line on every uncached request; `warn`
// and `error` are quieter still (tests, scripts).
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('STRAPI_LOG_LEVEL', 'http'),
});

export default config;
