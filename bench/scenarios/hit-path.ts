/**
 * `npm run bench -- --only hit-path`: the cached anonymous REST list against a bare Node.js server
 * sending the same headers and bytes (the ceiling), in BENCH_ROUNDS alternating rounds of
 * BENCH_DURATION seconds with `wrk -t2` and with autocannon (one Node process, which tops out below
 * the ceiling's capacity); best round of each and the ratio app / ceiling, with the load average
 * before and after. The app runs as deployed (no query counter). Prints, writes nothing.
 */
import { onFreshDatabases, startApp, startCeiling } from '../lib/app';
import { autocannon, WRK, wrk } from '../lib/load';
import { CONNECTIONS, DURATION, ROUNDS } from '../lib/options';
import { LIST } from '../lib/requests';

/** Connection-level headers the ceiling leaves to Node, as the full run does. */
const NOT_REPLAYED = ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'];

const load = async () =>
  (await import('node:os'))
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

export async function hitPathMain(): Promise<void> {
  if (!WRK) throw new Error('--only hit-path needs wrk (apt-get install wrk)');
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log('Starting the app (the first boot seeds the database)…');
    const app = await startApp('cached', databaseFile, { QUERY_COUNT_HEADER: 'false' });
    const url = `${app.url}${LIST}`;
    const response = await fetch(url);
    if ((await fetch(url)).headers.get('x-cache') !== 'HIT') throw new Error('no hit');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!NOT_REPLAYED.includes(name)) headers[name] = value;
    });
    const body = Buffer.from(await response.arrayBuffer());
    const ceilingUrl = await startCeiling({ headers, body });

    const before = await load();
    const figures = {
      wrk: { app: [] as number[], ceiling: [] as number[] },
      autocannon: { app: [] as number[], ceiling: [] as number[] },
    };
    const perSecond = async (tool: 'wrk' | 'autocannon', target: string): Promise<number> => {
      const scenario = { name: tool, url: target, wrk: true };
      if (tool === 'wrk') {
        const out = wrk(scenario);
        if (!out || out.errors > 0)
          throw new Error(`wrk: ${out?.errors ?? '?'} errors on ${target}`);
        return out.requestsPerSecond;
      }
      const out = await autocannon(scenario);
      if (out.errors > 0) throw new Error(`autocannon: ${out.errors} errors on ${target}`);
      return Math.round(out.requests.average);
    };
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const tool of ['wrk', 'autocannon'] as const) {
        const appFigure = await perSecond(tool, url);
        const ceilingFigure = await perSecond(tool, ceilingUrl);
        figures[tool].app.push(appFigure);
        figures[tool].ceiling.push(ceilingFigure);
        console.log(`round ${round} ${tool}: app ${appFigure}, ceiling ${ceilingFigure} req/s`);
      }
    }
    const after = await load();
    console.log(
      `\nCached REST list \`${LIST}\` (${body.length} bytes), ${ROUNDS} alternating rounds of ${DURATION} s, -c ${CONNECTIONS}; load average ${before} before, ${after} after.\n`
    );
    console.log(
      '| Tool | app req/s (best) | ceiling req/s (best) | app / ceiling | rounds (app / ceiling) |'
    );
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const tool of ['wrk', 'autocannon'] as const) {
      const best = Math.max(...figures[tool].app);
      const top = Math.max(...figures[tool].ceiling);
      const rounds = figures[tool].app
        .map((value, i) => `${value} / ${figures[tool].ceiling[i]}`)
        .join('; ');
      console.log(`| ${tool} | ${best} | ${top} | ${(best / top).toFixed(2)} | ${rounds} |`);
    }
  });
}
