/** `--only rest`, `--only token`, `--only editorial`: one comparison of the full run alone. */
import { apiToken, onFreshDatabases, startApp, startStockOnCopy } from '../lib/app';
import { alternate, cpuRatio, mixLoad, probe, warm } from '../lib/load';
import { compareEnv, DURATION, ROUNDS } from '../lib/options';
import { loadAverage } from '../lib/report';
import { LIST, POPULATED_LIST } from '../lib/requests';
import { editorialLoad, editorialMix, editorialSummary } from './editorial';

/**
 * `--only rest`: the uncached instance against stock Strapi on the REST list, plain and with
 * creativeField and country populated, in BENCH_ROUNDS alternating rounds (what a change to the
 * miss path is judged by). `--only token`: the cached REST list and the editorial read mix,
 * anonymous against a read-only API token. A minute or two each instead of the whole bench's ten;
 * prints, writes nothing.
 */
export async function focusedMain(only: string): Promise<void> {
  if (only !== 'rest' && only !== 'token' && only !== 'editorial')
    throw new Error(`--only takes "rest", "token" or "editorial", not "${only}"`);
  await onFreshDatabases(async ({ databaseFile, stockDatabaseFile }) => {
    const ratio = (a: number[], b: number[]) => {
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      return sum(b) > 0 ? (sum(a) / sum(b)).toFixed(2) : '?';
    };
    const warmUp = async (...urls: Array<{ url: string; headers?: Record<string, string> }>) => {
      for (const { url, headers } of urls)
        for (let i = 0; i < 20; i++) await probe({ name: 'warm', url, headers });
    };
    console.log(`Load average at the start: ${(await loadAverage()).join(', ')}`);
    if (only === 'rest') {
      console.log('Starting the app with CACHE_ENABLED=false on an empty database (seeds it)…');
      const uninstrumented = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
      const variants = [
        { label: 'uncached', app: await startApp('uncached', databaseFile, uninstrumented) },
      ];
      // BENCH_COMPARE_ENV="NAME=value …": one more uncached instance with these variables, e.g.
      // a switch of the miss path turned off, measured in the same run (before/after).
      const compare = compareEnv();
      if (compare) {
        variants.push({
          label: `uncached with ${compare.text}`,
          app: await startApp('compare', databaseFile, { ...uninstrumented, ...compare.env }),
        });
      }
      const stock = await startStockOnCopy(databaseFile, stockDatabaseFile);
      for (const [name, urlPath] of [
        ['REST list', LIST],
        ['REST list + creativeField, country', POPULATED_LIST],
      ]) {
        for (const { label, app } of variants) {
          await warmUp({ url: `${app.url}${urlPath}` }, { url: `${stock.url}${urlPath}` });
          const rounds = await alternate(
            { name, url: `${app.url}${urlPath}`, pid: app.child.pid },
            { name, url: `${stock.url}${urlPath}`, pid: stock.child.pid }
          );
          console.log(
            `${name}, ${label} vs stock: ${ratio(rounds.a, rounds.b)} by req/s (rounds ${rounds.a.join('/')} vs ${rounds.b.join('/')}, ${ROUNDS} × ${DURATION} s each), ${cpuRatio(rounds) ?? '?'} by CPU time per request (${rounds.cpuA.join('/')} vs ${rounds.cpuB.join('/')} ms)`
          );
        }
      }
    } else if (only === 'editorial') {
      console.log('Starting the app on an empty database (seeds it)…');
      const cached = await startApp('cached', databaseFile, {});
      const editorial = await editorialLoad(
        cached.url,
        await editorialMix(cached.url),
        cached.child.pid
      );
      console.log(editorialSummary(editorial));
    } else {
      console.log('Starting the app on an empty database (seeds it)…');
      const cached = await startApp('cached', databaseFile, {});
      const readOnly = { authorization: `Bearer ${await apiToken(cached.url, 'read-only')}` };
      const url = `${cached.url}${LIST}`;
      await warmUp({ url }, { url, headers: readOnly });
      const rounds = await alternate(
        { name: 'anonymous', url },
        { name: 'read-only token', url, headers: readOnly }
      );
      console.log(
        `REST list, cached: read-only token vs anonymous ${ratio(rounds.b, rounds.a)} (rounds ${rounds.b.join('/')} vs ${rounds.a.join('/')} req/s)`
      );
      const { requests } = await editorialMix(cached.url);
      await warm(cached.url, requests, readOnly);
      const anonymous = await mixLoad(cached.url, requests, 2 * DURATION);
      const token = await mixLoad(cached.url, requests, 2 * DURATION, readOnly);
      console.log(
        `Mix of ${requests.length} URLs, cached: read-only token ${token.requestsPerSecond} req/s (hit ratio ${(token.hitRatio * 100).toFixed(1)} %, ${token.errors} errors) vs anonymous ${anonymous.requestsPerSecond} req/s (hit ratio ${(anonymous.hitRatio * 100).toFixed(1)} %): ${ratio([token.requestsPerSecond], [anonymous.requestsPerSecond])}`
      );
    }
    console.log(`Load average at the end: ${(await loadAverage()).join(', ')}`);
  });
}
