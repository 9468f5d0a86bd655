/**
 * `npm run build:plugins`: each plugin workspace (src/plugins/<name>) built as its package is
 * published, by Strapi's plugin SDK (`strapi-plugin build`: the `exports` of its package.json,
 * bundled into dist/ with typings). A build takes seconds per plugin, and every script that boots
 * the app runs this first, so a plugin whose sources did not change since its last build here is
 * skipped: the digest of its sources is kept in node_modules/.cache (gone after `npm ci`). The
 * packages the plugins share (packages/<name>) are built first, with `tsc -b`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const APP_DIR = path.resolve(__dirname, '..', '..');

/** What a plugin's build reads, besides what its package.json names. */
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'server', 'admin', 'bin'];
/** The tsconfig every plugin extends. */
const SHARED_TSCONFIG = 'tsconfig.base.json';

export interface PluginWorkspace {
  /** The package name (`strapi-plugin-search`). */
  name: string;
  dir: string;
}

/** The plugin workspaces, in folder order. */
export function pluginWorkspaces(appDir = APP_DIR): PluginWorkspace[] {
  const pluginsDir = path.join(appDir, 'src', 'plugins');
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(pluginsDir, entry.name))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name: string;
      };
      return { name, dir };
    });
}

/** Files under `target`, tests and build output left out, as sorted paths. */
function sourceFiles(target: string): string[] {
  if (!existsSync(target)) return [];
  if (statSync(target).isFile()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .filter((entry) => !['tests', 'dist', 'node_modules'].includes(entry.name))
    .flatMap((entry) => sourceFiles(path.join(target, entry.name)))
    .sort();
}

function sourceDigest(plugin: PluginWorkspace): string {
  const hash = createHash('sha256');
  const files = [
    path.join(plugin.dir, '..', SHARED_TSCONFIG),
    ...BUILD_INPUTS.flatMap((input) => sourceFiles(path.join(plugin.dir, input))),
  ];
  for (const file of files) {
    hash.update(path.relative(plugin.dir, file)).update('\0').update(readFileSync(file));
  }
  return hash.digest('hex');
}

function digestFile(appDir: string, plugin: PluginWorkspace): string {
  return path.join(appDir, 'node_modules', '.cache', 'strapi-plugin-builds', plugin.name);
}

/** Runs Strapi's plugin SDK in a plugin's folder; its output is shown only when it fails. */
export function runPluginSdk(appDir: string, plugin: PluginWorkspace, command: string): void {
  const bin = path.join(appDir, 'node_modules', '@strapi', 'sdk-plugin', 'bin', 'strapi-plugin.js');
  const run = spawnSync(process.execPath, [bin, command], { cwd: plugin.dir, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`strapi-plugin ${command} failed for ${plugin.name} (${plugin.dir})`);
  }
}

/** The workspaces the plugins share (packages/<name>: plain TypeScript libraries), in folder order. */
export function sharedPackages(appDir = APP_DIR): PluginWorkspace[] {
  const packagesDir = path.join(appDir, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(packagesDir, entry.name))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name: string;
      };
      return { name, dir };
    });
}

/**
 * Builds the shared packages (`tsc -b packages`, which skips what is up to date): the plugins'
 * builds read their typings, and the built plugins require them at run time.
 */
export function buildSharedPackages(appDir = APP_DIR): void {
  const tsc = path.join(appDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', 'packages'], {
    cwd: appDir,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error('tsc -b packages failed (the packages the plugins share)');
  }
}

/**
 * Builds the shared packages, then every plugin whose sources changed since its last build (all
 * with `force`).
 */
export function buildPlugins(appDir = APP_DIR, options: { force?: boolean } = {}): void {
  buildSharedPackages(appDir);
  for (const plugin of pluginWorkspaces(appDir)) {
    const stamp = digestFile(appDir, plugin);
    const digest = sourceDigest(plugin);
    const built = existsSync(path.join(plugin.dir, 'dist'));
    if (!options.force && built && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
      continue;
    }
    const started = Date.now();
    runPluginSdk(appDir, plugin, 'build');
    mkdirSync(path.dirname(stamp), { recursive: true });
    writeFileSync(stamp, digest);
    console.error(`built ${plugin.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
