/**
 * The editorial load: a read mix of distinct URLs on the cached instance, without writes and with a
 * city write per second, in alternating rounds (the full run and `--only editorial`).
 */
import { editorialRequests, interleave, MIX_CITY_IDS_PATH } from '../editorial-mix';
import type { MixRequest, MixResult } from '../mix-load';
import { apiToken } from '../lib/app';
import { cpuMs, mixLoad, probe } from '../lib/load';
import { DURATION, ROUNDS } from '../lib/options';

/**
 * The read mix of the editorial load: city details in both locales, list pages, fields, goals,
 * the network page and GraphQL queries, each answered 200 before the load starts.
 */
export async function editorialMix(
  base: string
): Promise<{ requests: MixRequest[]; cityIds: string[] }> {
  const ids = await probe({ name: 'ids', url: `${base}${MIX_CITY_IDS_PATH}` });
  const cityIds = (
    JSON.parse(ids.body.toString()) as { data: Array<{ documentId: string }> }
  ).data.map((city) => city.documentId);
  const answered: MixRequest[] = [];
  for (const request of editorialRequests(cityIds)) {
    const response = await probe({
      name: 'mix',
      url: `${base}${request.path}`,
      method: request.method,
      body: request.body,
    });
    if (response.status === 200) answered.push(request);
    else
      console.log(`  (left out of the mix: ${response.status} ${request.method} ${request.path})`);
  }
  return { requests: interleave(answered), cityIds };
}

export interface EditorialLoad {
  distinctUrls: number;
  /** Seconds of each run (a round is one run without writes and one with). */
  durationSeconds: number;
  /** The runs without writes, one per round. */
  withoutWrites: MixResult[];
  /** The runs with a write per second, one per round. */
  withWritesRounds: MixResult[];
  /** The runs with writes together: mean req/s, hit ratio over all their responses. */
  withWrites: MixResult;
  writes: { count: number; failed: number; p50Ms: number; maxMs: number };
  /** Read req/s under writes divided by req/s without, summed over the rounds. */
  relative: number;
  /**
   * The server's CPU time per 1000 reads without writes and with (over all rounds): what the
   * writes and the misses they cause add (`undefined` without the server's pid).
   */
  serverCpuMsPer1000Reads?: { without: number; with: number };
}

/** Several runs of the mix as one: mean req/s and latency, hits over all responses. */
export function combined(runs: MixResult[]): MixResult {
  const sum = (pick: (run: MixResult) => number) =>
    runs.reduce((total, run) => total + pick(run), 0);
  const responses = sum((run) => run.responses);
  const hits = sum((run) => run.hits);
  return {
    requestsPerSecond: Math.round(sum((run) => run.requestsPerSecond) / runs.length),
    p50Ms: Math.round(sum((run) => run.p50Ms) / runs.length),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    errors: sum((run) => run.errors),
    responses,
    hits,
    hitRatio: responses > 0 ? Number((hits / responses).toFixed(3)) : 0,
  };
}

/** One city update of the editorial load: a website, or a shared relation; throws unless 2xx. */
export async function editorialWrite(
  base: string,
  token: string,
  cityIds: string[],
  fieldIds: string[],
  n: number
): Promise<void> {
  const id = cityIds[n % Math.min(cityIds.length, 10)];
  const shared = n % 2 === 1 && fieldIds.length === 2;
  const response = await fetch(`${base}/api/cities/${id}?locale=${shared ? 'de' : 'en'}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      data: shared
        ? { creativeField: fieldIds[Math.floor(n / 20) % 2] }
        : { website: `https://example.org/bench-${n}` },
    }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`city update ${n}: ${response.status}`);
}

/**
 * The read mix in BENCH_ROUNDS alternating rounds: a run without writes, then a run with one city
 * write per second through the REST API (a token, like an editors' tool or an import), as the
 * other comparisons of this bench alternate, so that a drift of the shared machine falls on both
 * sides alike. A short run before the first round, not counted, warms the instance up (the first
 * run of a fresh instance was the slowest of every earlier measurement).
 */
export async function editorialLoad(
  base: string,
  { requests, cityIds }: { requests: MixRequest[]; cityIds: string[] },
  serverPid?: number
): Promise<EditorialLoad> {
  const token = await apiToken(base, 'full-access');
  const cpu = {
    without: 0,
    with: 0,
    withoutReads: 0,
    withReads: 0,
    known: serverPid !== undefined,
  };
  const measured = async (side: 'without' | 'with'): Promise<MixResult> => {
    const cpuBefore = cpuMs(serverPid);
    const result = await mixLoad(base, requests, DURATION);
    const cpuAfter = cpuMs(serverPid);
    if (cpuBefore === null || cpuAfter === null) cpu.known = false;
    else if (side === 'without') {
      cpu.without += cpuAfter - cpuBefore;
      cpu.withoutReads += result.responses;
    } else {
      cpu.with += cpuAfter - cpuBefore;
      cpu.withReads += result.responses;
    }
    return result;
  };

  const latencies: number[] = [];
  let failed = 0;
  let written = 0;
  // Every other write changes a shared relation (the city's creative field, in German: the
  // English version follows, issue 23), alternating between two fields; the others the website.
  const fields = (await (
    await fetch(`${base}/api/creative-fields?locale=de&fields[0]=key&sort=key:asc`)
  ).json()) as { data: Array<{ documentId: string }> };
  const fieldIds = fields.data.slice(0, 2).map((field) => field.documentId);
  const writeOncePerSecond = (stopped: () => boolean) =>
    (async () => {
      while (!stopped()) {
        const n = written++;
        const started = Date.now();
        try {
          await editorialWrite(base, token, cityIds, fieldIds, n);
        } catch {
          failed += 1;
        }
        latencies.push(Date.now() - started);
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started)))
        );
      }
    })();

  await mixLoad(base, requests, Math.max(2, Math.round(DURATION / 2)));
  const withoutWrites: MixResult[] = [];
  const withWritesRounds: MixResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    withoutWrites.push(await measured('without'));
    let stop = false;
    const writer = writeOncePerSecond(() => stop);
    withWritesRounds.push(await measured('with'));
    stop = true;
    await writer;
  }

  latencies.sort((a, b) => a - b);
  const total = (runs: MixResult[]) => runs.reduce((sum, run) => sum + run.requestsPerSecond, 0);
  const quiet = total(withoutWrites);
  const perThousand = (ms: number, reads: number) => Math.round((ms * 1000) / reads);
  return {
    distinctUrls: requests.length,
    durationSeconds: DURATION,
    withoutWrites,
    withWritesRounds,
    withWrites: combined(withWritesRounds),
    writes: {
      count: latencies.length,
      failed,
      p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
      maxMs: latencies[latencies.length - 1] ?? 0,
    },
    relative: quiet > 0 ? Number((total(withWritesRounds) / quiet).toFixed(2)) : 0,
    serverCpuMsPer1000Reads:
      cpu.known && cpu.withoutReads > 0 && cpu.withReads > 0
        ? {
            without: perThousand(cpu.without, cpu.withoutReads),
            with: perThousand(cpu.with, cpu.withReads),
          }
        : undefined,
  };
}

export function editorialSummary(editorial: EditorialLoad): string {
  const rounds = (runs: MixResult[]) => runs.map((run) => run.requestsPerSecond).join('/');
  const hits = (run: MixResult) => `${(run.hitRatio * 100).toFixed(1)} %`;
  const cpu = editorial.serverCpuMsPer1000Reads;
  return `Editorial load (${editorial.distinctUrls} distinct URLs, ${editorial.withoutWrites.length} alternating rounds of ${editorial.durationSeconds} s without and ${editorial.durationSeconds} s with writes): ${editorial.withWrites.requestsPerSecond} req/s with a city write per second (rounds ${rounds(editorial.withWritesRounds)}, hit ratio ${hits(editorial.withWrites)}, ${editorial.withWrites.errors} errors) vs ${Math.round(editorial.withoutWrites.reduce((sum, run) => sum + run.requestsPerSecond, 0) / editorial.withoutWrites.length)} req/s without (rounds ${rounds(editorial.withoutWrites)}, hit ratio ${hits(combined(editorial.withoutWrites))}): ${(editorial.relative * 100).toFixed(0)} % of the throughput without writes; ${editorial.writes.count} writes (${editorial.writes.failed} failed), p50 ${editorial.writes.p50Ms} ms, max ${editorial.writes.maxMs} ms${cpu ? `; server CPU per 1000 reads ${cpu.without} ms without writes, ${cpu.with} ms with` : ''}`;
}
