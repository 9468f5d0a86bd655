/**
 * A fresh database seeded with TRANSLATION_REQUIRE_REVIEW=true: the seed's translations are the
 * project's curated content, recorded as reviewed before they are published, so publishing every
 * English version succeeds although review is required (`npm run seed` as a child process
 * against a throw-away SQLite file).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { seedData, seedVersionCount } from '../helpers/seed-data';

const APP_DIR = path.resolve(__dirname, '..', '..');

describe('seed with TRANSLATION_REQUIRE_REVIEW=true on a fresh database', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'seed-review-'));
  const databaseFile = path.join(directory, 'fresh.db');

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('publishes every English version, each recorded as reviewed and then published', () => {
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/seed.ts'], {
      cwd: APP_DIR,
      env: {
        ...process.env,
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: databaseFile,
        SEED_ON_BOOTSTRAP: 'false',
        TRANSLATION_REQUIRE_REVIEW: 'true',
      },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/Translation review required/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Seed: ${seedVersionCount()} created, 0 updated, 0 unchanged`);

    const db = new Database(databaseFile, { readonly: true });
    try {
      const cities = db
        .prepare(
          "SELECT COUNT(*) AS n FROM cities WHERE locale = 'en' AND published_at IS NOT NULL"
        )
        .get() as { n: number };
      expect(cities.n).toBe(seedData().cities.length);
      const states = db
        .prepare(
          "SELECT state, COUNT(*) AS n FROM translation_reviews WHERE locale = 'en' GROUP BY state"
        )
        .all() as Array<{ state: string; n: number }>;
      expect(states).toEqual([{ state: 'published', n: seedVersionCount() / 2 }]);
    } finally {
      db.close();
    }
  }, 900_000);
});
