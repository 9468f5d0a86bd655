/**
 * `--profile`: an uncached instance per scenario, started under `node --cpu-prof`, loaded for
 * twice BENCH_DURATION and stopped with SIGINT (Strapi exits cleanly, V8 writes the profile);
 * prints the breakdown of the samples taken under load and the functions with most self time.
 * Profiles stay in .tmp/bench-profiles/ (open them in Chrome DevTools or speedscope); the
 * breakdowns go to bench/profile.json.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileApp } from '../../scripts/lib/compile-app';
import { breakdown, breakdownTable, topFunctions, type CpuProfile } from '../profile';
import { startApp, stopAll } from '../lib/app';
import { autocannon, probe, type Scenario } from '../lib/load';
import { CONNECTIONS, DURATION, ONLY, ROOT } from '../lib/options';
import {
  GRAPHQL_FIELDS,
  GRAPHQL_LIST,
  POPULATED_LIST,
  REST_FIELDS,
  SEARCH_PATH,
  SEARCH_SCENARIO,
} from '../lib/requests';
export async function profileMain(): Promise<void> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const databaseFile = path.join(ROOT, '.tmp', `bench-${process.pid}.db`);
  const profileDir = path.join(ROOT, '.tmp', 'bench-profiles');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const removeDatabase = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  };
  removeDatabase();
  console.log('Compiling the app (TypeScript → dist)…');
  await compileApp({ appDir: ROOT });
  const uncachedEnv = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
  const allScenarios: Array<Omit<Scenario, 'url'> & { path: string; file: string }> = [
    {
      name: 'REST list + creativeField, country, uncached',
      path: POPULATED_LIST,
      file: 'rest-list',
    },
    {
      name: 'GraphQL list, uncached',
      path: '/graphql',
      method: 'POST',
      body: GRAPHQL_LIST(25),
      file: 'graphql-list',
    },
    {
      name: 'GraphQL fields → cities, uncached',
      path: '/graphql',
      method: 'POST',
      body: GRAPHQL_FIELDS(),
      file: 'graphql-fields',
    },
    {
      name: 'REST populate of the same fields (creative fields → cities → country), uncached',
      path: REST_FIELDS,
      file: 'rest-fields',
    },
  ];
  const scenarios: Array<Omit<Scenario, 'url'> & { path: string; file: string }> =
    ONLY === 'search'
      ? [{ name: SEARCH_SCENARIO, path: SEARCH_PATH, file: 'search' }]
      : allScenarios.filter((scenario) =>
          ONLY === 'graphql'
            ? scenario.method === 'POST'
            : ONLY === 'graphql-rest'
              ? scenario.file === 'graphql-fields' || scenario.file === 'rest-fields'
              : ONLY === 'rest'
                ? scenario.method !== 'POST'
                : true
        );
  const report: Record<string, unknown> = { date: new Date().toISOString() };
  try {
    console.log('Seeding a fresh database…');
    const seeder = await startApp('seed', databaseFile, uncachedEnv);
    seeder.child.kill('SIGTERM');
    await new Promise((resolve) => seeder.child.once('exit', resolve));
    for (const scenario of scenarios) {
      const dir = path.join(profileDir, scenario.file);
      mkdirSync(dir, { recursive: true });
      const app = await startApp(`profile ${scenario.file}`, databaseFile, uncachedEnv, ROOT, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
      ]);
      const loaded = { ...scenario, url: `${app.url}${scenario.path}`, duration: 2 * DURATION };
      for (let i = 0; i < 30; i++) await probe(loaded);
      const loadStart = Date.now();
      const out = await autocannon(loaded);
      const loadEnd = Date.now();
      const exited = new Promise((resolve) => app.child.once('exit', resolve));
      app.child.kill('SIGINT');
      await exited;
      const exitAt = Date.now();
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${scenario.name}: no .cpuprofile written in ${dir}`);
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
      // The profile's clock is not the wall clock: place the load window back from its end.
      const fromUs = profile.endTime - (exitAt - loadStart) * 1000;
      const toUs = profile.endTime - (exitAt - loadEnd) * 1000;
      const result = breakdown(profile, fromUs, toUs);
      const top = topFunctions(profile, 15, fromUs, toUs);
      console.log(
        `\n${breakdownTable(`${scenario.name} (${Math.round(out.requests.average)} req/s under autocannon -c ${CONNECTIONS})`, result)}`
      );
      console.log('\nMost self time:');
      for (const fn of top) console.log(`  ${fn.ms} ms  ${fn.name}`);
      console.log(`Profile: ${path.relative(ROOT, path.join(dir, file))}`);
      report[scenario.file] = {
        scenario: scenario.name,
        requestsPerSecond: Math.round(out.requests.average),
        ...result,
        topFunctions: top,
      };
    }
    report.loadAverage = (await import('node:os'))
      .loadavg()
      .map((value) => Number(value.toFixed(2)));
    // A partial run does not overwrite the profile of the full one.
    const reportFile = ONLY ? `profile-${ONLY}.json` : 'profile.json';
    writeFileSync(path.join(ROOT, 'bench', reportFile), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten bench/${reportFile}`);
  } finally {
    stopAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    removeDatabase();
  }
}
