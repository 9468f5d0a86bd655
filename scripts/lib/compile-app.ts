/**
 * What every script that boots the app in-process does first (tests, seed, i18n CLI, bench, soak,
 * round trip): build the local plugins (Strapi loads their server code from each plugin's dist/),
 * drop a stale server build, and compile the app with Strapi's own compiler.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';

export const APP_DIR = path.resolve(__dirname, '..', '..');

/** `npm run build:plugins`: an incremental `tsc -b` of every plugin (fast when nothing changed). */
export function buildPlugins(appDir = APP_DIR): void {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.plugins.json'],
    { cwd: appDir, stdio: 'inherit' }
  );
}

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
