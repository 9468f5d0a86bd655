/**
 * The output sanitizer the users-permissions plugin registers (`content-api.output`), found by
 * identity so that the output sanitizer fast path knows it applies that rule itself (a role's
 * `users` are never shown). The plugin does not export it: it lives in its `dist` at the path
 * below, which `tests/api/output-sanitizer-fast-path.contract.test.ts` checks is the one the
 * running app registered. Undefined when the file moved (an upgrade): the fast path then sees an
 * unknown sanitizer and leaves every response to Strapi.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const SANITIZERS_FILE = 'dist/server/utils/sanitize/sanitizers.js';

export function usersPermissionsOutputSanitizer(): unknown {
  try {
    const load = createRequire(__filename);
    const root = path.dirname(load.resolve('@strapi/plugin-users-permissions/package.json'));
    const sanitizers = load(path.join(root, SANITIZERS_FILE)) as {
      __require?: () => { defaultSanitizeOutput?: unknown };
    };
    return sanitizers.__require?.().defaultSanitizeOutput;
  } catch {
    return undefined;
  }
}
