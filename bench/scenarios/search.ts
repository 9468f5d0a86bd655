/**
 * `--only search`: a seeded database, an instance counting SQL (it seeds) and an uncached one
 * without the counter, then the search scenario as in the full run. Prints its figures and the
 * load average; writes nothing under bench/.
 */
import { apiToken, onFreshDatabases, startApp } from '../lib/app';
import { cpuMs, measure } from '../lib/load';
import { CONNECTIONS, DURATION, SCALE } from '../lib/options';
import {
  FORGIVING_SEARCH_PATH,
  FORGIVING_SEARCH_SCENARIO,
  SEARCH_PATH,
  SEARCH_SCENARIO,
} from '../lib/requests';
import { growCities } from '../scale';
export async function searchMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log('Starting an instance that counts SQL (seeds the database) and an uncached one…');
    const counting = await startApp('counting', databaseFile, { CACHE_ENABLED: 'false' });
    if (SCALE > 1) {
      console.log(`Growing the content to ${SCALE}× its cities per locale through the REST API…`);
      const token = await apiToken(counting.url, 'full-access', 'bench scale');
      const growth = await growCities(counting.url, token, SCALE);
      console.log(
        `Cities per locale: ${growth.before} → ${growth.after} in ${growth.seconds} s (German and English versions written)`
      );
    }
    const uncached = await startApp('uncached', databaseFile, {
      CACHE_ENABLED: 'false',
      QUERY_COUNT_HEADER: 'false',
    });
    const os = await import('node:os');
    const loadBefore = os.loadavg().map((value) => value.toFixed(2));
    console.log(`Load: autocannon -c ${CONNECTIONS} -d ${DURATION}`);
    const searches = [
      { name: SEARCH_SCENARIO, path: SEARCH_PATH },
      { name: FORGIVING_SEARCH_SCENARIO, path: FORGIVING_SEARCH_PATH },
    ];
    for (const search of searches) {
      const cpuBefore = cpuMs(uncached.child.pid);
      const result = await measure({
        name: search.name,
        url: `${uncached.url}${search.path}`,
        countUrl: `${counting.url}${search.path}`,
      });
      const cpuAfter = cpuMs(uncached.child.pid);
      // CPU time of the instance per request: unlike req/s and latency, barely moved by other
      // processes competing for the cores.
      const requests = result.requestsPerSecond * DURATION;
      const cpuPerRequest =
        cpuBefore !== null && cpuAfter !== null && requests > 0
          ? `${((cpuAfter - cpuBefore) / requests).toFixed(2)} ms`
          : '?';
      console.log(`\n${result.scenario}: ${cpuPerRequest} CPU of the instance per request`);
      console.log(
        `${result.scenario}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors, ${result.queriesPerRequest} SQL/request (first ${result.queriesFirstRequest})`
      );
    }
    const loadAfter = os.loadavg().map((value) => value.toFixed(2));
    console.log(
      `Load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${loadAfter.join(', ')} after (${os.cpus().length} CPUs)`
    );
  });
}
