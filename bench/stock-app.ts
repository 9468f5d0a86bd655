/**
 * The "stock Strapi" of the benchmark: a throw-away JavaScript Strapi 5.54 app in a temporary
 * directory with this project's content-type schemas and components and nothing else of it:
 * scaffold-default config (middlewares, api, server, admin, database), core controllers, routes
 * and services from the factories, an empty `src/index.js`, and only the plugins needed to serve
 * the same reads (users-permissions, i18n, GraphQL with its default config). `node_modules` is a
 * symlink to the project's, so it runs the very same Strapi version.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { YEAR_FIELD_NAME } from '../src/custom-fields/year';

/** What `npx create-strapi-app` writes, as CommonJS so `strapi start` needs no build. */
const CONFIG: Record<string, string> = {
  'server.js': `module.exports = ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
});
`,
  'admin.js': `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  // Like the other benchmark instances: no admin bundle is built.
  serveAdminPanel: false,
});
`,
  // The logger of the app under test (its config/logger.ts): both write request lines, or neither
  // formats them.
  'logger.js': `const { formats, winston } = require('@strapi/logger');
const LEVELS = Object.keys(winston.config.npm.levels);
module.exports = ({ env }) => {
  const level = env('STRAPI_LOG_LEVEL', 'http');
  const index = LEVELS.indexOf(level);
  const shown = index >= 0 ? LEVELS.slice(0, index + 1) : LEVELS;
  return { level, format: winston.format.combine(formats.levelFilter(...shown), formats.prettyPrint()) };
};
`,
  'api.js': `module.exports = {
  rest: { defaultLimit: 25, maxLimit: 100, withCount: true },
};
`,
  'middlewares.js': `module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`,
  // The scaffold's SQLite settings; the file is given by absolute path.
  'database.js': `module.exports = ({ env }) => ({
  connection: {
    client: 'sqlite',
    connection: { filename: env('DATABASE_FILENAME') },
    useNullAsDefault: true,
  },
});
`,
};

const CORE_FILES = (uid: string): Record<string, string> => ({
  controllers: `module.exports = require('@strapi/strapi').factories.createCoreController('${uid}');\n`,
  routes: `module.exports = require('@strapi/strapi').factories.createCoreRouter('${uid}');\n`,
  services: `module.exports = require('@strapi/strapi').factories.createCoreService('${uid}');\n`,
});

/**
 * Writes the stock app into a new temporary directory and returns its path. The caller starts
 * `strapi start` there with DATABASE_FILENAME pointing at a copy of the seeded database, and
 * removes the directory afterwards.
 */
/** The app's custom fields (`global::<name>`) with their database types, as registered there. */
const CUSTOM_FIELDS = [{ name: YEAR_FIELD_NAME, type: 'integer' }];

export function createStockApp(projectRoot: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ccn-bench-stock-'));
  const { version } = JSON.parse(
    readFileSync(
      path.join(projectRoot, 'node_modules', '@strapi', 'strapi', 'package.json'),
      'utf8'
    )
  ) as { version: string };
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'ccn-bench-stock',
        private: true,
        version: '0.0.0',
        // Strapi enables the plugins it finds among the dependencies (i18n is built in).
        dependencies: {
          '@strapi/strapi': version,
          '@strapi/plugin-users-permissions': version,
          '@strapi/plugin-graphql': version,
          'better-sqlite3': '*',
        },
      },
      null,
      2
    )}\n`
  );
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  mkdirSync(path.join(dir, 'config'));
  for (const [file, text] of Object.entries(CONFIG))
    writeFileSync(path.join(dir, 'config', file), text);
  mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  cpSync(path.join(projectRoot, 'favicon.png'), path.join(dir, 'favicon.png'));
  mkdirSync(path.join(dir, 'src', 'api'), { recursive: true });
  // The app's custom fields, registered as the app does (src/custom-fields/): the schemas use
  // them, and stock Strapi refuses a schema whose custom field is unknown.
  writeFileSync(
    path.join(dir, 'src', 'index.js'),
    `module.exports = {\n  register({ strapi }) {\n${CUSTOM_FIELDS.map((field) => `    strapi.customFields.register(${JSON.stringify(field)});\n`).join('')}  },\n  bootstrap() {},\n};\n`
  );
  cpSync(path.join(projectRoot, 'src', 'components'), path.join(dir, 'src', 'components'), {
    recursive: true,
    filter: (source) => !/\.(ts|js)$/.test(source),
  });

  const apiRoot = path.join(projectRoot, 'src', 'api');
  for (const api of readdirSync(apiRoot)) {
    const typesDir = path.join(apiRoot, api, 'content-types');
    let types: string[];
    try {
      types = readdirSync(typesDir);
    } catch {
      continue; // an API without content types (custom routes only) does not exist in stock
    }
    for (const type of types) {
      const target = path.join(dir, 'src', 'api', api, 'content-types', type);
      mkdirSync(target, { recursive: true });
      cpSync(path.join(typesDir, type, 'schema.json'), path.join(target, 'schema.json'));
      for (const [kind, text] of Object.entries(CORE_FILES(`api::${api}.${type}`))) {
        mkdirSync(path.join(dir, 'src', 'api', api, kind), { recursive: true });
        writeFileSync(path.join(dir, 'src', 'api', api, kind, `${type}.js`), text);
      }
    }
  }
  return dir;
}
