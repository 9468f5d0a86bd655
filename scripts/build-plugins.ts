/**
 * `npm run build:plugins [-- --force]`: builds the plugin workspaces that changed
 * (scripts/lib/build-plugins.ts); `--force` builds every one.
 */
import { buildPlugins } from './lib/build-plugins';

try {
  buildPlugins(undefined, { force: process.argv.includes('--force') });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
