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
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
