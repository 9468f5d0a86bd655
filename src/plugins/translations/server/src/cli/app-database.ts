/**
 * A read-only look at the host app without booting Strapi (a boot with the app's TypeScript
 * compiled takes 10-15 s; this takes well under one): its content-type and component schemas
 * from their files (`src/api/<api>/content-types/<type>/schema.json`, `src/components/<category>/
 * <name>.json`) and a knex connection made from its `database` config, the same file Strapi
 * loads. For commands that only read; writes go through a booted Strapi (`withStrapi`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { env } from '@strapi/utils';
import knexFactory, { type Knex } from 'knex';
import merge from 'lodash/merge';
import { knexConfigOf, type SchemaFile } from '../internals';
import type { ModelSchema } from '../lib/fields';

/** A content type's schema file with its uid. */
export type AppSchema = SchemaFile & ModelSchema;

export interface AppFiles {
  /** The app's content types (`api::<api>.<type>`), by uid. */
  contentTypes: Map<string, AppSchema>;
  /** The app's components (`<category>.<name>`), by uid. */
  components: Map<string, ModelSchema>;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const directories = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];

/** The app's content-type and component schemas, read from their files. */
export function appFiles(appDir: string): AppFiles {
  const contentTypes = new Map<string, AppSchema>();
  for (const api of directories(path.join(appDir, 'src', 'api')))
    for (const type of directories(path.join(appDir, 'src', 'api', api, 'content-types'))) {
      const file = path.join(appDir, 'src', 'api', api, 'content-types', type, 'schema.json');
      if (!existsSync(file)) continue;
      const uid = `api::${api}.${type}`;
      contentTypes.set(uid, { ...(readJson(file) as Omit<AppSchema, 'uid'>), uid });
    }
  const components = new Map<string, ModelSchema>();
  for (const category of directories(path.join(appDir, 'src', 'components')))
    for (const file of readdirSync(path.join(appDir, 'src', 'components', category))) {
      if (!file.endsWith('.json')) continue;
      const uid = `${category}.${path.basename(file, '.json')}`;
      components.set(uid, {
        ...(readJson(path.join(appDir, 'src', 'components', category, file)) as object),
        uid,
      } as ModelSchema);
    }
  return { contentTypes, components };
}

interface CompilableModule {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, filename: string): void;
}

/**
 * Loads one config file as Strapi does (`dist/config/<name>.js` in a TypeScript app, else
 * `config/<name>.js`): the compiled file when it is newer than its source, else the TypeScript
 * source transpiled (with the app's own `typescript`) and run as if compiled to `dist/config`,
 * so that paths relative to `__dirname` resolve alike.
 */
function loadConfigFile(appDir: string, relative: string): unknown {
  const source = path.join(appDir, `${relative}.ts`);
  const compiled = path.join(appDir, 'dist', `${relative}.js`);
  const plain = path.join(appDir, `${relative}.js`);
  let exported: unknown;
  if (!existsSync(source)) {
    if (!existsSync(plain)) return undefined;

    exported = require(plain);
  } else if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) {
    exported = require(compiled);
  } else {
    const ts = require(require.resolve('typescript', { paths: [appDir] })) as {
      transpileModule(
        input: string,
        options: { compilerOptions: Record<string, unknown> }
      ): { outputText: string };
      ModuleKind: { CommonJS: number };
      ScriptTarget: { ES2022: number };
    };
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const loaded = new Module(compiled) as unknown as CompilableModule;
    loaded.filename = compiled;
    loaded.paths = (
      Module as unknown as { _nodeModulePaths(dir: string): string[] }
    )._nodeModulePaths(path.dirname(source));
    loaded._compile(outputText, compiled);
    exported = loaded.exports;
  }
  const config = (exported as { default?: unknown }).default ?? exported;
  return typeof config === 'function' ? (config as (params: unknown) => unknown)({ env }) : config;
}

/**
 * Opens the app's database with knex from its `database` config (with the environment's
 * override, `config/env/<NODE_ENV>/database`, and `.env` as Strapi loads it), runs `work` and
 * closes the connection.
 */
export async function withAppDatabase<T>(
  appDir: string,
  work: (knex: Knex) => Promise<T>
): Promise<T> {
  const envFile = process.env.ENV_PATH ?? path.join(appDir, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const base = loadConfigFile(appDir, path.join('config', 'database')) as
    { connection: Record<string, unknown> } | undefined;
  if (!base) throw new Error(`no database config in ${path.join(appDir, 'config')}`);
  const override = loadConfigFile(
    appDir,
    path.join('config', 'env', process.env.NODE_ENV ?? 'development', 'database')
  ) as { connection?: Record<string, unknown> } | undefined;
  // Merged deeply, as Strapi merges an environment's config over the base.
  const config = override ? merge({}, base, override) : base;
  const knex = knexFactory(knexConfigOf(config));
  try {
    return await work(knex);
  } finally {
    await knex.destroy();
  }
}
