import type { Core } from '@strapi/strapi';
import { formats, winston } from '@strapi/logger';

/** winston's npm levels, most severe first: error, warn, info, http, verbose, debug, silly. */
const LEVELS = Object.keys(winston.config.npm.levels);

// Strapi reads this file into its winston logger (defaults: level `http`, pretty console output).
// STRAPI_LOG_LEVEL chooses the level: `http` (the default) writes a line per request through
// strapi::logger; `info` keeps start-up and operational messages and leaves request lines to the
// proxy in front; `warn` and `error` are quieter still (tests, scripts). winston formats a message
// (timestamp, colours) before its transports compare levels, so the messages below the level are
// dropped first, by the level filter: a request line then costs no formatting either.
const config = ({ env }: Core.Config.Shared.ConfigParams) => {
  const level = env('STRAPI_LOG_LEVEL', 'http');
  const index = LEVELS.indexOf(level);
  const shown = index >= 0 ? LEVELS.slice(0, index + 1) : LEVELS;
  return {
    level,
    format: winston.format.combine(formats.levelFilter(...shown), formats.prettyPrint()),
  };
};

export default config;
