/**
 * `npm run test:roundtrip` (run by .ci/run): backup and restore, and the move to PostgreSQL,
 * as a user would do them (README "Backup and move to PostgreSQL"):
 *
 * 1. a fresh SQLite database is seeded, and gets a draft-only city and a city whose draft
 *    differs from its published version (so both states are exercised);
 * 2. `strapi export --no-encrypt` writes a backup;
 * 3. `strapi import` restores it into an empty SQLite database, then into an empty PostgreSQL
 *    database;
 * 4. scripts/compare-databases.ts compares each restore with the source, document by document.
 *
 * Exits 0 when both restores are identical to the source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { compileApp } from './lib/compile-app';
import { compareDatabases } from './compare-databases';
import { databaseEnv, ensureThrowAwaySecrets, runOnPostgresServer } from './lib/database-env';

const APP_DIR = path.resolve(__dirname, '..');
const BIN = path.join(APP_DIR, 'node_modules', '.bin');
const CITY = 'api::city.city';

ensureThrowAwaySecrets();
const baseEnv: NodeJS.ProcessEnv = {
  ...process.env,
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
};

function run(what: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: APP_DIR, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
  console.log(`✔ ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** `--prepare <database>`: seed (at load) and add the draft cases, in this process. */
async function prepare(database: string): Promise<void> {
  Object.assign(process.env, databaseEnv(database));
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  try {
    await strapi.documents(CITY).create({
      locale: 'de',
      data: { name: 'Nur-Entwurf-Stadt', key: 'roundtrip-draft-only' },
    } as never);
    const [published] = await strapi.documents(CITY).findMany({
      locale: 'de',
      status: 'published',
      filters: { key: 'krakow' },
    } as never);
    await strapi.documents(CITY).update({
      documentId: (published as { documentId: string }).documentId,
      locale: 'de',
      data: { name: 'Krakau (Entwurf)' },
    } as never);
  } finally {
    await strapi.destroy();
  }
}

function compare(what: string, a: string, b: string): void {
  const { differences, counts } = compareDatabases(a, b);
  if (differences.length > 0) {
    throw new Error(`${what}: the databases differ:\n${differences.join('\n')}`);
  }
  console.log(`✔ ${what}: identical (versions per type: ${counts})`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--prepare') {
    await prepare(process.argv[3]);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ccn-roundtrip-'));
  const source = `sqlite:${path.join(dir, 'source.db')}`;
  const restored = `sqlite:${path.join(dir, 'restored.db')}`;
  const pgName = `ccn_roundtrip_${process.pid}_${Date.now()}`;
  const backup = path.join(dir, 'backup');
  try {
    await compileApp({ appDir: APP_DIR });
    console.log('✔ compile');
    run(
      'seed the source database and add drafts',
      path.join(BIN, 'tsx'),
      [__filename, '--prepare', source],
      baseEnv
    );
    run(
      'strapi export --no-encrypt',
      path.join(BIN, 'strapi'),
      ['export', '--no-encrypt', '-f', backup],
      {
        ...baseEnv,
        ...databaseEnv(source),
      }
    );
    const archive = `${backup}.tar.gz`;
    if (!existsSync(archive)) throw new Error(`export wrote no ${archive}`);

    const importEnv = { ...baseEnv, SEED_ON_BOOTSTRAP: 'false' };
    run(
      'strapi import into an empty SQLite database',
      path.join(BIN, 'strapi'),
      ['import', '-f', archive, '--force'],
      {
        ...importEnv,
        ...databaseEnv(restored),
      }
    );
    compare('SQLite → SQLite', source, restored);

    await runOnPostgresServer(`CREATE DATABASE ${pgName}`);
    run(
      'strapi import into an empty PostgreSQL database',
      path.join(BIN, 'strapi'),
      ['import', '-f', archive, '--force'],
      {
        ...importEnv,
        ...databaseEnv(`postgres:${pgName}`),
      }
    );
    compare('SQLite → PostgreSQL', source, `postgres:${pgName}`);
  } finally {
    await runOnPostgresServer(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(
      () => undefined
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
