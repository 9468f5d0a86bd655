/** `--only compression` and the full run's compression figures (bytes per coding: ../compression.ts). */
import { onFreshDatabases, startApp, type App } from '../lib/app';
import { alternate, probe } from '../lib/load';
import { loadAverage } from '../lib/report';
import { wireBytes, wireBytesTable, type WireBytes } from '../compression';

export interface CompressionFigures {
  wire: WireBytes[];
  /** req/s and CPU ms per request, plain against a coding, per instance. */
  load: Array<{
    instance: string;
    coding: string;
    plainRps: number[];
    codedRps: number[];
    plainCpuMs: Array<number | null>;
    codedCpuMs: Array<number | null>;
  }>;
}

/** The 100-city list: the largest read a website makes on every visit of the city index. */
const COMPRESSION_LIST = '/api/cities?locale=en&pagination[pageSize]=100';

/**
 * Bytes on the wire per coding, then the 100-city list plain against br and gzip on the cached
 * instance (hits replay stored variants) and against br on the uncached one (compressed per
 * request), in alternating rounds.
 */
export async function compressionFigures(cached: App, uncached: App): Promise<CompressionFigures> {
  const wire = await wireBytes(cached.url);
  console.log(`\nBytes on the wire (body, per Accept-Encoding):\n${wireBytesTable(wire)}\n`);
  const load: CompressionFigures['load'] = [];
  for (const [app, codings] of [
    [cached, ['br', 'gzip']],
    [uncached, ['br']],
  ] as const) {
    const url = `${app.url}${COMPRESSION_LIST}`;
    for (const coding of codings) {
      for (let i = 0; i < 20; i++)
        await probe({ name: 'warm', url, headers: { 'accept-encoding': coding } });
      const rounds = await alternate(
        { name: 'plain', url, pid: app.child.pid },
        { name: coding, url, headers: { 'accept-encoding': coding }, pid: app.child.pid }
      );
      load.push({
        instance: app.name,
        coding,
        plainRps: rounds.a,
        codedRps: rounds.b,
        plainCpuMs: rounds.cpuA,
        codedCpuMs: rounds.cpuB,
      });
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      console.log(
        `100-city list, ${app.name}: ${coding} ${rounds.b.join('/')} req/s vs plain ${rounds.a.join('/')} (${(sum(rounds.b) / sum(rounds.a)).toFixed(2)}); CPU ms/request ${rounds.cpuB.join('/')} vs ${rounds.cpuA.join('/')}`
      );
    }
  }
  return { wire, load };
}

/** `--only compression`: the compression figures alone, on a cached and an uncached instance. */
export async function compressionMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    console.log(`Load average at the start: ${(await loadAverage()).join(', ')}`);
    console.log(
      'Starting the app on an empty database (seeds it), and one with CACHE_ENABLED=false…'
    );
    const cached = await startApp('cached', databaseFile, { QUERY_COUNT_HEADER: 'false' });
    const uncached = await startApp('uncached', databaseFile, {
      CACHE_ENABLED: 'false',
      QUERY_COUNT_HEADER: 'false',
    });
    await compressionFigures(cached, uncached);
    console.log(`Load average at the end: ${(await loadAverage()).join(', ')}`);
  });
}
