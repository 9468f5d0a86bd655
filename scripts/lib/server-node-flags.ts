/**
 * The Node.js flags the production server runs with (`npm start`, and the benchmark and soak,
 * which start the server the same way). One place, so that what is measured is what runs;
 * tests/unit/server-node-flags.test.ts checks that `npm start` passes them.
 *
 * `--max-semi-space-size=64` (MB; V8's default is 16): a large uncached GraphQL answer builds
 * some megabytes of short-lived objects per request, and with a few requests in flight a young
 * generation of 16 MB fills every few milliseconds while most of it is still alive, so each
 * scavenge copies it and promotes it to the old generation. With 64 MB most of it dies before
 * the next scavenge. Measured on fields → cities (403 cities): 32.5 → 22.5 CPU ms per request,
 * 30 → 50 req/s (docs/performance.md). It costs up to some 150 MB more memory under load.
 *
 * `--max-old-space-size=1536` (MB): with a heap limit of 2 GB or more (V8's default on a machine
 * with this much memory) V8 lets the old generation grow up to four times its live size before a
 * full collection; below 2 GB it caps that factor near 1.8. Under the hostile soak's floods the
 * heap grew to 1159 MB reserved around a live set of about 250 MB and RSS passed 1.3 GB; with the
 * limit the same phases stayed at 393 MB of heap and 517–536 MB RSS (bench/2026-12-07-hostile-soak.md),
 * for 9 % fewer cached hits per second in one short run and none in the full soak (every phase
 * under 850 MB). A live set past 1.5 GB (far past the
 * 1 GB target of issue 22) ends the process, which a process manager restarts.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=64',
  '--max-old-space-size=1536',
];
