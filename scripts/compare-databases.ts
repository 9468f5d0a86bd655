/**
 * `tsx scripts/compare-databases.ts <database A> <database B>`: compares the content of two
 * databases of this app, document by document. A database is `sqlite:<file>` or
 * `postgres:<database name>` (server from PGHOST/PGPORT/PGUSER/PGPASSWORD).
 *
 * Each database is read by the app itself (one child process per database, booted without
 * seeding): every document of the five content types in every locale and in both states (draft
 * and published), with its documentId, fields, timestamps, components, and relations as
 * documentId + locale. Exits 0 when both are identical, 1 with the differences otherwise.
 *
 * `--snapshot <database> <out.json>` writes one database's snapshot (used by the above).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createStrapi, type Core, type UID } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../src/lib/content-model';
import { databaseEnv, ensureThrowAwaySecrets } from './lib/database-env';

const APP_DIR = path.resolve(__dirname, '..');
const CONTENT_TYPES = CONTENT_TYPE_UIDS;
const STATES = ['draft', 'published'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** uid → "<state>:<locale>:<documentId>" → document. */
export type Snapshot = Record<string, Record<string, Json>>;

/** Drops database ids (they may differ between databases) and keeps everything else. */
function withoutIds(value: unknown): Json {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'id')
        .map(([key, item]) => [key, withoutIds(item)])
    );
  }
  return value as Json;
}

/** Populate for every relation (as documentId + locale) and component of a content type. */
function populateOf(strapi: Core.Strapi, uid: UID.ContentType): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(strapi.getModel(uid).attributes)) {
    // createdBy/updatedBy point at admin users, which an export does not carry.
    const target = 'target' in attribute ? String(attribute.target) : '';
    if (attribute.type === 'relation' && !target.startsWith('admin::')) {
      populate[name] = { fields: ['documentId', 'locale', 'publishedAt'] };
    } else if (attribute.type === 'component') {
      populate[name] = true;
    }
  }
  return populate;
}

async function takeSnapshot(strapi: Core.Strapi): Promise<Snapshot> {
  const locales: Array<{ code: string }> = await strapi.plugin('i18n').service('locales').find();
  const snapshot: Snapshot = {
    'plugin::i18n.locale': Object.fromEntries(
      locales.map((locale) => [locale.code, withoutIds(locale)])
    ),
  };
  for (const uid of CONTENT_TYPES) {
    const documents: Record<string, Json> = {};
    for (const status of STATES) {
      for (const { code } of locales) {
        const found = await strapi.documents(uid).findMany({
          locale: code,
          status,
          populate: populateOf(strapi, uid),
          sort: 'documentId:asc',
        } as never);
        for (const document of found as Array<{ documentId: string }>) {
          documents[`${status}:${code}:${document.documentId}`] = withoutIds(document);
        }
      }
    }
    snapshot[uid] = documents;
  }
  return snapshot;
}

/** Lists the differences between two snapshots, at most `limit` of them. */
export function diffSnapshots(a: Snapshot, b: Snapshot, limit = 20): string[] {
  const differences: string[] = [];
  for (const uid of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = a[uid] ?? {};
    const right = b[uid] ?? {};
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (!(key in right)) differences.push(`${uid} ${key}: only in A`);
      else if (!(key in left)) differences.push(`${uid} ${key}: only in B`);
      else if (!isDeepStrictEqual(left[key], right[key])) {
        differences.push(
          `${uid} ${key} differs:\n  A ${JSON.stringify(left[key])}\n  B ${JSON.stringify(right[key])}`
        );
      }
      if (differences.length >= limit) return differences;
    }
  }
  return differences;
}

async function snapshotMode(database: string, outFile: string): Promise<void> {
  ensureThrowAwaySecrets();
  Object.assign(process.env, databaseEnv(database), {
    SEED_ON_BOOTSTRAP: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: 'error',
  });
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  try {
    writeFileSync(outFile, JSON.stringify(await takeSnapshot(strapi)));
  } finally {
    await strapi.destroy();
  }
}

function snapshotInChild(database: string, outFile: string): Snapshot {
  const tsx = path.join(APP_DIR, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, [__filename, '--snapshot', database, outFile], {
    stdio: 'inherit',
    env: process.env,
  });
  if (run.status !== 0) throw new Error(`snapshot of ${database} failed (exit ${run.status})`);
  return JSON.parse(readFileSync(outFile, 'utf8')) as Snapshot;
}

/** Compares two databases; returns the differences (empty when identical) and document counts. */
export function compareDatabases(a: string, b: string): { differences: string[]; counts: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccn-compare-'));
  try {
    const left = snapshotInChild(a, path.join(dir, 'a.json'));
    const right = snapshotInChild(b, path.join(dir, 'b.json'));
    const counts = Object.entries(left)
      .map(([uid, documents]) => `${uid.split('.').pop()}: ${Object.keys(documents).length}`)
      .join(', ');
    return { differences: diffSnapshots(left, right), counts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--snapshot' && args.length === 3) {
    await snapshotMode(args[1], args[2]);
    return 0;
  }
  if (args.length !== 2) {
    console.error('usage: tsx scripts/compare-databases.ts <sqlite:file|postgres:name> <…>');
    return 2;
  }
  const { differences, counts } = compareDatabases(args[0], args[1]);
  if (differences.length > 0) {
    console.error(`Databases differ:\n${differences.join('\n')}`);
    return 1;
  }
  console.log(`Identical (versions per type: ${counts})`);
  return 0;
}

if (require.main === module) {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    }
  );
}
