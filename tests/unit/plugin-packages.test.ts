/**
 * The plugin template (docs/development.md#plugin-packages): every workspace in src/plugins is a
 * package of the same shape, built by Strapi's plugin SDK, and its server entry exports the same
 * keys in the same order. A new plugin that skips a part of the template fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PLUGINS_DIR = path.resolve(__dirname, '..', '..', 'src', 'plugins');
const PLUGINS = readdirSync(PLUGINS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What `index.ts` exports, in the order of Strapi's plugin template. */
const SERVER_KEYS = [
  'register',
  'bootstrap',
  'destroy',
  'config',
  'controllers',
  'routes',
  'services',
  'contentTypes',
  'policies',
  'middlewares',
];

interface PackageJson {
  name: string;
  private?: boolean;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  strapi: { kind: string; name: string };
}

const typedExport = (bundle: string, source: string) => ({
  types: `./dist/${bundle}/src/index.d.ts`,
  source,
  import: `./dist/${bundle}/index.mjs`,
  require: `./dist/${bundle}/index.js`,
  default: `./dist/${bundle}/index.js`,
});

describe.each(PLUGINS)('plugin %s', (name) => {
  const dir = path.join(PLUGINS_DIR, name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

  it('is a publishable Strapi plugin package named after its folder', () => {
    expect(pkg.name).toBe(`strapi-plugin-${name}`);
    expect(pkg.private).toBeUndefined();
    expect(pkg.strapi).toMatchObject({ kind: 'plugin', name });
    expect(pkg.files).toContain('dist');
    expect(pkg.peerDependencies['@strapi/strapi']).toBe('^5.54.0');
    expect(pkg.scripts).toMatchObject({
      build: 'strapi-plugin build',
      verify: 'strapi-plugin verify',
    });
  });

  it('exports its server (and admin, where it has one) typed, for import and require', () => {
    expect(pkg.exports['./strapi-server']).toEqual(typedExport('server', './server/src/index.ts'));
    if (existsSync(path.join(dir, 'admin'))) {
      expect(pkg.exports['./strapi-admin']).toEqual(typedExport('admin', './admin/src/index.ts'));
    }
    expect(pkg.exports['./package.json']).toBe('./package.json');
  });

  it('extends the shared tsconfig', () => {
    const tsconfig = JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')) as {
      extends: string;
    };
    expect(tsconfig.extends).toBe('../tsconfig.base.json');
  });

  it('has the one index.ts shape, and an internals.ts fence', async () => {
    const { default: plugin } = (await import(path.join(dir, 'server', 'src', 'index.ts'))) as {
      default: Record<string, unknown>;
    };
    expect(Object.keys(plugin)).toEqual(SERVER_KEYS);
    expect(existsSync(path.join(dir, 'server', 'src', 'internals.ts'))).toBe(true);
  });
});
