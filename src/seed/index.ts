import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { readSeed } from '../lib/seed/read-seed';
import { syncSeed, type SeedReport } from './sync-seed';

/** The reviewable seed files, relative to the project root. */
export const SEED_DIRECTORY = path.join('database', 'seed');

interface HistoryActors {
  runAs<T>(actor: { kind: 'system'; name: string }, fn: () => Promise<T>): Promise<T>;
}

/** Runs `work` with its writes recorded in the version history as by "seed". */
function asSeed<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  const actors = strapi.plugin('history')?.service('actor') as HistoryActors | undefined;
  return actors ? actors.runAs({ kind: 'system', name: 'seed' }, work) : work();
}

/** Reads `database/seed/` and syncs it into the database (see {@link syncSeed}). */
export async function runSeed(strapi: Core.Strapi): Promise<SeedReport> {
  const seed = readSeed(path.join(strapi.dirs.app.root, SEED_DIRECTORY));
  const started = Date.now();
  const report = await asSeed(strapi, () => syncSeed(strapi, seed));
  strapi.log.info(
    `[seed] ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ` +
      `${report.kept} with an editor's change kept, in ${Date.now() - started} ms`
  );
  return report;
}

/** True when the database holds no city yet, i.e. a fresh install. */
export async function isEmptyDatabase(strapi: Core.Strapi): Promise<boolean> {
  return (await strapi.db.query('api::city.city').count()) === 0;
}
