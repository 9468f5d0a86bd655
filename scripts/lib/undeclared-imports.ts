/**
 * What a plugin imports without declaring it. Strapi's plugin SDK keeps the `dependencies` and
 * `peerDependencies` of a package out of its bundle and inlines everything else it finds in
 * node_modules: an import the package.json forgot would not fail the build, it would ship a
 * private copy (a second `@strapi/utils` whose errors Strapi no longer recognises). Bundling each
 * entry again with esbuild, with the declared packages and Node's built-ins external, shows what
 * the SDK would have inlined: every module read from node_modules is an undeclared import.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

interface PackageJson {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports?: Record<string, string | { source?: string }>;
}

export interface UndeclaredImport {
  /** The package as it would be named in package.json. */
  packageName: string;
  /** The plugin's file (relative to the plugin) that imports it. */
  importer: string;
}

/** `lodash/fp` → `lodash`, `@strapi/strapi/admin` → `@strapi/strapi`. */
function packageNameOf(modulePath: string): string {
  const inNodeModules = modulePath.split('node_modules/').pop() ?? modulePath;
  const parts = inNodeModules.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The undeclared imports of a plugin package, one per package and importing file. */
export async function undeclaredImports(pluginDir: string): Promise<UndeclaredImport[]> {
  const pkg = JSON.parse(readFileSync(path.join(pluginDir, 'package.json'), 'utf8')) as PackageJson;
  const declared = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ];
  const entryPoints = Object.values(pkg.exports ?? {})
    .map((target) => (typeof target === 'string' ? undefined : target.source))
    .filter((source): source is string => source !== undefined)
    .map((source) => path.join(pluginDir, source));
  const result = await build({
    entryPoints,
    absWorkingDir: pluginDir,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    outdir: 'undeclared-imports-check',
    logLevel: 'silent',
    jsx: 'automatic',
    external: [
      ...declared.flatMap((name) => [name, `${name}/*`]),
      ...builtinModules.flatMap((name) => [name, `node:${name}`]),
    ],
  });
  const found = new Map<string, UndeclaredImport>();
  for (const [importer, input] of Object.entries(result.metafile.inputs)) {
    if (importer.includes('node_modules/')) continue;
    for (const imported of input.imports) {
      if (imported.external || !imported.path.includes('node_modules/')) continue;
      const packageName = packageNameOf(imported.path);
      found.set(`${packageName} ${importer}`, { packageName, importer });
    }
  }
  return [...found.values()];
}
