/**
 * `--only fallback-chain`: what a locale's stored two-step fallback chain costs an uncached read
 * (issue 27: at most 1.3× the same read without fallback). A seeded database gets a third locale
 * `fr`, launched, with the chain fr → en → de and no `fr` content, written into the database the
 * way `npm run i18n:locale` stores them (the i18n locale row, the locale-fallback core-store row)
 * before an uncached instance starts on it. Then, in `ROUNDS` alternating rounds, the city list
 * with its country populated in `fr` (every city served from the chain: en, else de) against the
 * same list in `en` with `fallbackLocale=none` (the same versions, no fallback). Prints req/s and
 * the server's CPU time per request of each and their ratio, and the SQL per request of each;
 * writes nothing under bench/.
 */
import Database from 'better-sqlite3';
import { onFreshDatabases, startApp } from '../lib/app';
import { alternate, cpuRatio, probe, type Scenario } from '../lib/load';
import { CONNECTIONS, DURATION, ROUNDS } from '../lib/options';
import { loadAverage } from '../lib/report';

const CHAIN_LOCALE = 'fr';
const CHAIN = ['en', 'de'];
// `locale` selected so that both reads say which version each entry is (the plain read printed
// blanks without it).
const QUERY =
  'populate[country][fields][0]=name&fields[0]=name&fields[1]=slug&fields[2]=locale&sort=name:asc';

/** Adds the locale `fr` (copied from the `en` row) and its settings to a stopped app's database. */
function addChainLocale(databaseFile: string): void {
  const database = new Database(databaseFile);
  try {
    const columns = (
      database.prepare('PRAGMA table_info(i18n_locale)').all() as Array<{ name: string }>
    )
      .map((column) => column.name)
      .filter((name) => name !== 'id');
    const quoted = columns.map((name) => `"${name}"`).join(', ');
    const values = columns
      .map((name) =>
        name === 'code' ? '?' : name === 'name' ? '?' : name === 'document_id' ? '?' : `"${name}"`
      )
      .join(', ');
    const bindings = columns.flatMap((name) =>
      name === 'code'
        ? [CHAIN_LOCALE]
        : name === 'name'
          ? ['Französisch (fr)']
          : name === 'document_id'
            ? [`bench-locale-${CHAIN_LOCALE}`]
            : []
    );
    database
      .prepare(
        `INSERT INTO i18n_locale (${quoted}) SELECT ${values} FROM i18n_locale WHERE code = 'en'`
      )
      .run(...bindings);
    const key = 'plugin_locale-fallback_locales';
    database.prepare('DELETE FROM strapi_core_store_settings WHERE key = ?').run(key);
    database
      .prepare("INSERT INTO strapi_core_store_settings (key, value, type) VALUES (?, ?, 'object')")
      .run(key, JSON.stringify({ [CHAIN_LOCALE]: { launched: true, fallback: CHAIN } }));
  } finally {
    database.close();
  }
}

export async function fallbackChainMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log('Seeding a database (an instance starts on it and stops)…');
    const seeding = await startApp('seeding', databaseFile, { CACHE_ENABLED: 'false' });
    await new Promise<void>((resolve) => {
      seeding.child.once('exit', () => resolve());
      seeding.child.kill('SIGTERM');
    });
    addChainLocale(databaseFile);
    console.log(
      `Locale ${CHAIN_LOCALE} added with the chain ${[CHAIN_LOCALE, ...CHAIN].join(' → ')}`
    );
    const uncached = await startApp('uncached', databaseFile, {
      CACHE_ENABLED: 'false',
      QUERY_COUNT_HEADER: 'true',
      // One instance on SQLite, without a bus: the timed re-read of the locales (1 s by default,
      // three queries once a second) would land in the probes' SQL counts at random.
      LOCALE_SETTINGS_RECHECK_MS: '3600000',
    });
    const chain: Scenario = {
      name: `list in ${CHAIN_LOCALE} (chain ${CHAIN.join(', ')})`,
      url: `${uncached.url}/api/cities?locale=${CHAIN_LOCALE}&${QUERY}`,
      pid: uncached.child.pid,
    };
    const plain: Scenario = {
      name: 'the same list in en, fallbackLocale=none',
      url: `${uncached.url}/api/cities?locale=en&fallbackLocale=none&${QUERY}`,
      pid: uncached.child.pid,
    };
    for (const scenario of [chain, plain]) {
      const first = await probe(scenario);
      const { data } = JSON.parse(first.body.toString()) as {
        data: Array<{ locale: string; fallback?: boolean }>;
      };
      if (first.status !== 200) throw new Error(`${scenario.name}: status ${first.status}`);
      const locales = data.map((entry) => entry.locale).join(' ');
      console.log(
        `${scenario.name}: ${first.queries ?? '?'} SQL per request, ${data.length} entries (${locales.slice(0, 60)}…)`
      );
    }
    const loadBefore = await loadAverage();
    console.log(`Load: autocannon -c ${CONNECTIONS} -d ${DURATION}, ${ROUNDS} alternating rounds…`);
    const rounds = await alternate(chain, plain);
    const loadAfter = await loadAverage();
    console.log(
      `${chain.name}: req/s ${rounds.a.join(', ')}; CPU ms/request ${rounds.cpuA.join(', ')}`
    );
    console.log(
      `${plain.name}: req/s ${rounds.b.join(', ')}; CPU ms/request ${rounds.cpuB.join(', ')}`
    );
    const ratio = cpuRatio(rounds);
    console.log(
      `Chain read / plain read, server CPU per request: ${ratio === null ? '?' : (1 / ratio).toFixed(2)}× (target ≤ 1.3×)`
    );
    console.log(
      `Load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after`
    );
  });
}
