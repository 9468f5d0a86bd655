/** What `npm run bench -- --help` prints: every mode in a line, the options and the variables. */
export const USAGE = `npm run bench [-- <mode>] — read performance against a ceiling measured in the same run

Modes (one at a time; without one: the full run, which writes bench/results.json):
  --only rest            uncached REST lists against stock Strapi of the same version
  --only token           cached reads with a read-only API token against anonymous
  --only editorial       the 110-URL website mix while a city is written every second
  --only graphql         uncached GraphQL list and fields → cities against stock Strapi
  --only graphql-rest    GraphQL fields → cities against REST populate of the same fields
  --only search          the search plugin on an uncached instance (with --scale N: N× cities)
  --only xliff           the translators' full XLIFF export with the translation memory
  --only history         what recording version history costs a city update
  --only compression     bytes on the wire plain, gzip and br; cached and uncached br
  --only release         116 city versions published as one release against one by one
  --only hit-path        the cached REST list against the bare Node ceiling (wrk, autocannon)
  --only fallback-chain  a read in a locale with a two-step fallback chain against none
  --scale 10,100         the scale bench: content grown 10× and 100× (--db sqlite,postgres)
  --profile              CPU profiles instead of figures (with --only search|graphql|graphql-rest|rest)

Environment: BENCH_DURATION (seconds per scenario, 8), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3),
BENCH_COMPARE_ENV ("NAME=value …": one more instance, --only rest|graphql),
BENCH_TIMEOUT_MINUTES (15; 60 for --scale).
Loopback only; every process started and every file written is removed at the end.
See bench/run.ts and docs/performance.md.`;
