/**
 * What every script that boots the app in-process does first (tests, seed, i18n CLI, bench, soak,
 * round trip): build the plugin workspaces (Strapi loads each plugin's server code from its
 * package's dist/), drop a stale server build, and compile the app with Strapi's own compiler.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';
import { buildPlugins } from './build-plugins';

export const APP_DIR = path.resolve(__dirname, '..', '..');

/**
 * `compileStrapi` adds to dist/ without removing what a deleted file left there (`strapi develop`
 * cleans it first): a stale content type would still load. Keeps only the admin build.
 */
function removeStaleServerBuild(appDir: string): void {
  const dist = path.join(appDir, 'dist');
  if (!existsSync(dist)) return;
  for (const entry of readdirSync(dist)) {
    if (entry !== 'build') rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
}

export async function compileApp(
  options: { appDir?: string; ignoreDiagnostics?: boolean } = {}
): ReturnType<typeof compileStrapi> {
  const appDir = options.appDir ?? APP_DIR;
  buildPlugins(appDir);
  removeStaleServerBuild(appDir);
  return compileStrapi({ appDir, ignoreDiagnostics: options.ignoreDiagnostics ?? false });
}
