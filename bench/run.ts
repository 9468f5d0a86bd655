/**
 * `npm run bench`: read performance of the app against a bare Node.js ceiling, on this machine,
 * in one run. Compiles the app, starts it in production mode on a fresh SQLite database (the boot
 * seeds it: seed time and cold start are measured), starts a second instance with
 * CACHE_ENABLED=false on the same database, a stock Strapi of the same version with the same
 * content types on a copy of that database (bench/stock-app.ts), a bare `http` server serving the
 * same bytes, and runs autocannon (a separate process) against each scenario. Prints a table and
 * writes bench/results.json. Loopback only; every process it starts is stopped and every file it
 * writes is removed at the end. The cached scenarios and the ceiling are measured with `wrk`
 * (Debian package `wrk`) too when it is installed: one autocannon process tops out below what a
 * bare Node server can serve on this machine, wrk does not.
 *
 * The "editorial load" scenario reads a mix of over 100 distinct URLs on the cached instance
 * (./mix-load.ts) in alternating rounds without writes and while a city is written every second
 * through the REST API with a token, and prints the read throughput under writes relative to
 * without, the hit ratio of each and the server's CPU time per 1000 reads.
 *
 * The "read-only token" scenario reads the cached REST list, and the same mix, with a read-only
 * API token made through the admin API (such reads are cached per token), against anonymous.
 *
 * `npm run bench -- --only rest` / `--only token`: just the uncached-versus-stock REST lists, or
 * just the token-versus-anonymous cached reads (focusedMain). Alternating rounds also print the
 * server's CPU time per request, steadier than req/s on a shared machine.
 *
 * `npm run bench -- --profile`: instead of the table, CPU profiles (`node --cpu-prof`) of an
 * uncached instance under the REST list with creativeField and country populated, the GraphQL
 * list and GraphQL fields → cities, and where their time goes by area (./profile.ts).
 *
 * `npm run bench -- --only graphql`: only the uncached GraphQL scenarios (list, fields → cities)
 * against stock Strapi, as CPU time per request and in alternating rounds (a few minutes; nothing
 * written to results.json; BENCH_BASELINE adds another checkout). With `--profile`, only the
 * GraphQL profiles (`--only rest`: only the REST profile).
 *
 * `npm run bench -- --only graphql-rest`: GraphQL fields → cities against REST's populate of the
 * same fields on one uncached instance; prints the GraphQL/REST ratio (./scenarios/graphql-rest.ts).
 *
 * `npm run bench -- --only search`: only the search scenario (src/plugins/search), on an uncached
 * instance of its own, with its SQL count, the instance's CPU time per request (the figure least
 * moved by other processes on a shared machine) and the load average: a minute instead of the
 * full run.
 * With `--profile` too: the CPU profile of that scenario instead of the two above.
 *
 * `npm run bench -- --only history`: what recording the version history (src/plugins/history)
 * costs the editorial load's city updates: the server's CPU time per update with history on and
 * with HISTORY_ENABLED=false (two instances on copies of one seeded database, alternating rounds
 * of BENCH_HISTORY_WRITES updates each), and the bytes one history entry takes in SQLite.
 *
 * Compression (./compression.ts): the bytes on the wire of typical reads plain, gzip and br, and
 * the 100-city list plain against br (and gzip), cached and uncached, in alternating rounds (req/s
 * and the server's CPU per request). In the full run and alone with `--only compression`.
 *
 * `npm run bench -- --only fallback-chain`: an uncached read in a locale with a two-step stored
 * fallback chain against the same read without fallback, in alternating rounds
 * (./scenarios/fallback-chain.ts).
 *
 * `npm run bench -- --only hit-path`: the cached REST list against the bare Node ceiling alone,
 * wrk and autocannon in alternating rounds, best round each (./scenarios/hit-path.ts).
 *
 * `npm run bench -- --scale 10,100 [--db sqlite,postgres]`: the scale bench (./scenarios/scale.ts):
 * the content grown to 10× and 100× its cities per locale by bulk SQL copies
 * (./generate-content.ts), on SQLite and PostgreSQL, with what pages, search, the sitemap and
 * the translators' export cost at each step. Writes bench/<date>-scale.md.
 *
 * Layout: this file reads the command line and starts one scenario; each scenario is a module
 * under ./scenarios/ (the full run is ./scenarios/full.ts), and what they share is under ./lib/
 * (starting and stopping instances: app.ts; load and its figures: load.ts; options and requests).
 *
 * Env: BENCH_DURATION (seconds per scenario, default 8), BENCH_CONNECTIONS (default 16),
 * BENCH_ROUNDS (alternating rounds, default 3), BENCH_WARMUP_ROUNDS (untimed rounds of each
 * scenario before them, default 1), BENCH_COMPARE_ENV (`--only rest` and
 * `--only graphql`: one more uncached instance with these `NAME=value` variables, e.g. a switch
 * turned off or NODE_OPTIONS).
 */
import { stopAll } from './lib/app';
import { ONLY, PROFILE, SCALES, TIMEOUT_MS } from './lib/options';
import { compressionMain } from './scenarios/compression';
import { fallbackChainMain } from './scenarios/fallback-chain';
import { focusedMain } from './scenarios/focused';
import { main } from './scenarios/full';
import { graphqlMain } from './scenarios/graphql';
import { graphqlRestMain } from './scenarios/graphql-rest';
import { historyMain } from './scenarios/history';
import { hitPathMain } from './scenarios/hit-path';
import { profileMain } from './scenarios/profile';
import { releaseMain } from './scenarios/release';
import { scaleMain } from './scenarios/scale';
import { searchMain } from './scenarios/search';
import { xliffMain } from './scenarios/xliff';
import { USAGE } from './lib/usage';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const timer = setTimeout(() => {
  console.error(`Benchmark did not finish within ${TIMEOUT_MS / 60000} minutes: stopping.`);
  stopAll();
  process.exit(1);
}, TIMEOUT_MS);
timer.unref();

(PROFILE
  ? profileMain()
  : ONLY === 'search'
    ? searchMain()
    : ONLY === 'graphql'
      ? graphqlMain()
      : ONLY === 'graphql-rest'
        ? graphqlRestMain()
        : ONLY === 'rest' || ONLY === 'token' || ONLY === 'editorial'
          ? focusedMain(ONLY)
          : ONLY === 'xliff'
            ? xliffMain()
            : ONLY === 'history'
              ? historyMain()
              : ONLY === 'compression'
                ? compressionMain()
                : ONLY === 'release'
                  ? releaseMain()
                  : ONLY === 'hit-path'
                    ? hitPathMain()
                    : ONLY === 'fallback-chain'
                      ? fallbackChainMain()
                      : SCALES.length > 0
                        ? scaleMain()
                        : main()
).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopAll();
    process.exit(1);
  }
);
