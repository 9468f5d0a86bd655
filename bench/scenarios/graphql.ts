/**
 * `--only graphql`: the uncached GraphQL scenarios of the full run (list, fields → cities) on an
 * uncached instance against stock Strapi on a copy of the same database, and their SQL per
 * request on a counting instance. Prints, writes nothing. Two measures:
 *
 * - CPU milliseconds per request: the server's CPU time (/proc/<pid>/stat) over `BENCH_CPU_REQUESTS`
 *   requests sent four at a time. It hardly depends on what else the machine runs, so it is the
 *   figure to compare on a shared machine; 1000 / it is what one core could serve.
 * - req/s under autocannon in `ROUNDS` alternating rounds, as in the full run.
 *
 * `BENCH_BASELINE=<dir>`: another checkout of this app, already compiled (`npm run build:plugins`
 * and a run of the bench there), started as a third instance on the same database: before and
 * after a change in one run.
 */
import path from 'node:path';
import { onFreshDatabases, startApp, startStockOnCopy } from '../lib/app';
import { autocannon, cpuMs, probe, type Scenario } from '../lib/load';
import { compareEnv, DURATION, ROUNDS } from '../lib/options';
import { GRAPHQL_FIELDS, GRAPHQL_LIST } from '../lib/requests';
export async function graphqlMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile, stockDatabaseFile }) => {
    const cpuRequests = Number(process.env.BENCH_CPU_REQUESTS ?? 60);
    const baselineDir = process.env.BENCH_BASELINE;
    const uncachedEnv = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
    console.log('Starting an uncached instance on an empty database (seeds it), one counting SQL…');
    const uncached = await startApp('uncached', databaseFile, uncachedEnv);
    const counting = await startApp('counting', databaseFile, { CACHE_ENABLED: 'false' });
    const instances = [{ label: 'uncached', app: uncached }];
    const compare = compareEnv();
    if (compare) {
      const app = await startApp('compare', databaseFile, { ...uncachedEnv, ...compare.env });
      instances.push({ label: `with ${compare.text}`, app });
    }
    if (baselineDir) {
      console.log(`Starting the baseline (${baselineDir}) on the same database…`);
      const app = await startApp('baseline', databaseFile, uncachedEnv, path.resolve(baselineDir));
      instances.push({ label: 'baseline', app });
    }
    const stock = await startStockOnCopy(databaseFile, stockDatabaseFile);
    instances.push({ label: 'stock', app: stock });
    // Stock reads fields → cities with some 400 queries: fewer requests for the CPU time.
    const pairs = [
      { name: 'GraphQL list', body: GRAPHQL_LIST(25), requests: cpuRequests },
      {
        name: 'GraphQL fields → cities',
        body: GRAPHQL_FIELDS(),
        requests: Math.ceil(cpuRequests / 3),
      },
    ];
    const lines: string[] = [];
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    for (const { name, body, requests } of pairs) {
      const at = (base: string): Scenario => ({
        name,
        url: `${base}/graphql`,
        method: 'POST',
        body,
      });
      const expected = (await probe(at(stock.url))).body.toString();
      for (const { label, app } of instances) {
        const answer = await probe(at(app.url));
        if (answer.status !== 200) throw new Error(`${name}: status ${answer.status} (${label})`);
        if (answer.body.toString() !== expected)
          console.log(`  (${name}: the ${label} answer differs from stock's)`);
        for (let i = 0; i < 5; i++) await probe(at(app.url));
      }
      await probe(at(counting.url));
      const counted = await probe(at(counting.url));

      console.log(`${name}: CPU time of ${requests} requests on each instance…`);
      const cpu: Record<string, number> = {};
      for (const { label, app } of instances) {
        const before = cpuMs(app.child.pid) ?? 0;
        for (let sent = 0; sent < requests; sent += 4)
          await Promise.all(
            Array.from({ length: Math.min(4, requests - sent) }, () => probe(at(app.url)))
          );
        cpu[label] = ((cpuMs(app.child.pid) ?? 0) - before) / requests;
      }
      console.log(`${name}: ${ROUNDS} alternating rounds of ${DURATION} s…`);
      const rounds: Record<string, number[]> = {};
      for (let round = 0; round < ROUNDS; round++)
        for (const { label, app } of instances)
          (rounds[label] ??= []).push(
            Math.round((await autocannon({ ...at(app.url), duration: DURATION })).requests.average)
          );
      const figures = instances.map(({ label }) => {
        const versusStock = (sum(rounds[label]) / Math.max(1, sum(rounds.stock))).toFixed(2);
        const cpuVersusStock = (cpu.stock / Math.max(0.01, cpu[label])).toFixed(2);
        return `  ${label}: ${cpu[label].toFixed(1)} CPU ms/request (${cpuVersusStock}× stock), ${rounds[label].join('/')} req/s (${versusStock}× stock)`;
      });
      const result = [`${name} (${counted.queries ?? '?'} SQL queries per request):`, ...figures];
      console.log(result.join('\n'));
      lines.push(...result);
    }
    console.log(`\n${lines.join('\n')}`);
    const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2));
    console.log(`Load average (1, 5, 15 min) at the end: ${load.join(', ')}`);
  });
}
