/**
 * `npm run test:packages`: the plugins as a stranger gets them from npm. For each plugin workspace:
 * build it (`strapi-plugin build`), verify it (`strapi-plugin verify`), refuse an import its
 * package.json does not declare (scripts/lib/undeclared-imports.ts), pack it (`npm pack`), and
 * pack the packages the plugins share (packages/<name>, built with `tsc -b`). Then
 * install the tarballs into a copy of the plugin host (tests/plugin-host) outside this repository,
 * so that nothing resolves from the root node_modules, and run the plugins' host tests against
 * it: jest project `host` (src/plugins/<name>/tests/host, over HTTP to the host in a child
 * process) and `host-internals` (the contract tests of Strapi internals there, `*.contract.test.ts`,
 * against the host booted in the jest process with the host's own Strapi). Extra arguments are passed to jest;
 * KEEP_PACKED=1 keeps the folder of tarballs and host (its path is printed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  APP_DIR,
  buildPlugins,
  pluginWorkspaces,
  runPluginSdk,
  sharedPackages,
} from './lib/build-plugins';
import { undeclaredImports } from './lib/undeclared-imports';

const REPO_HOST_DIR = path.join(APP_DIR, 'tests', 'plugin-host');

function step(title: string): () => void {
  const started = Date.now();
  console.log(`\n--- ${title}`);
  return () => console.log(`    (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Builds and verifies every plugin, and stops on an import a package.json does not declare. */
async function buildAndCheck(): Promise<void> {
  let done = step('build (strapi-plugin build, where sources changed)');
  buildPlugins();
  done();
  done = step('verify (strapi-plugin verify) and undeclared imports');
  const undeclared: string[] = [];
  for (const plugin of pluginWorkspaces()) {
    runPluginSdk(APP_DIR, plugin, 'verify');
    for (const { packageName, importer } of await undeclaredImports(plugin.dir)) {
      undeclared.push(`${plugin.name}: ${importer} imports "${packageName}"`);
    }
  }
  if (undeclared.length > 0) {
    throw new Error(
      `Imports that the plugin's package.json does not declare (add each to its dependencies or peerDependencies):\n  ${undeclared.join('\n  ')}`
    );
  }
  done();
}

/**
 * `npm pack` of each plugin workspace and of each package they share (packages/<name>, which a
 * plugin's dependencies name): the tarballs, by package name.
 */
function pack(destination: string): Map<string, string> {
  const done = step('npm pack');
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const plugin of [...sharedPackages(), ...pluginWorkspaces()]) {
    const output = execFileSync(
      'npm',
      ['pack', '--json', '--pack-destination', destination, '--workspace', plugin.dir],
      { cwd: APP_DIR, encoding: 'utf8' }
    );
    const [{ filename, files }] = JSON.parse(output) as { filename: string; files: unknown[] }[];
    tarballs.set(plugin.name, path.join(destination, filename));
    console.log(`    ${filename} (${files.length} files)`);
  }
  done();
  return tarballs;
}

const npmInstall = (cwd: string, packages: string[] = []): void => {
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
      ...packages,
    ],
    { cwd, stdio: 'inherit' }
  );
};

/**
 * A copy of the plugin host whose plugins are the tarballs, installed the way a stranger adds a
 * plugin to an app: the app with Strapi first, then `npm install` of the plugins. (All at once,
 * without a lockfile, npm may satisfy a plugin's peer `@strapi/utils ^5.54.0` with a newer
 * version than the one Strapi pins for itself; Strapi would not recognise the plugin's errors.)
 * Install scripts are skipped: the one that matters, better-sqlite3's native build, is copied
 * from this checkout (same version, same Node), which saves compiling it again.
 */
function installHost(hostDir: string, tarballs: Map<string, string>): void {
  const done = step(`install the tarballs into a copy of the plugin host (${hostDir})`);
  cpSync(REPO_HOST_DIR, hostDir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.tmp|dist)$/.test(source),
  });
  const manifestFile = path.join(hostDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of tarballs.keys()) delete manifest.dependencies[name];
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  npmInstall(hostDir);
  npmInstall(hostDir, [...tarballs.values()]);
  const sqliteBuild = path.join('node_modules', 'better-sqlite3', 'build');
  const version = (dir: string) =>
    (
      JSON.parse(
        readFileSync(path.join(dir, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')
      ) as { version: string }
    ).version;
  if (existsSync(path.join(APP_DIR, sqliteBuild)) && version(APP_DIR) === version(hostDir)) {
    cpSync(path.join(APP_DIR, sqliteBuild), path.join(hostDir, sqliteBuild), { recursive: true });
  } else {
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: hostDir, stdio: 'inherit' });
  }
  done();
}

function runHostTests(hostDir: string): number {
  const done = step(
    "the plugins' host tests against it (jest --selectProjects host host-internals)"
  );
  const jest = path.join(APP_DIR, 'node_modules', '.bin', 'jest');
  const run = spawnSync(
    jest,
    ['--runInBand', ...process.argv.slice(2), '--selectProjects', 'host', 'host-internals'],
    { cwd: APP_DIR, stdio: 'inherit', env: { ...process.env, PLUGIN_HOST_DIR: hostDir } }
  );
  done();
  return run.status ?? 1;
}

async function main(): Promise<number> {
  await buildAndCheck();
  const work = mkdtempSync(path.join(os.tmpdir(), 'packed-plugins-'));
  try {
    const tarballs = pack(path.join(work, 'tarballs'));
    const hostDir = path.join(work, 'plugin-host');
    installHost(hostDir, tarballs);
    return runHostTests(hostDir);
  } finally {
    if (process.env.KEEP_PACKED) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
