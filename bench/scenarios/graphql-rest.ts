/**
 * `--only graphql-rest`: GraphQL `creativeFields { name cities { name country { name } } }`
 * against REST's populate of the same fields (bench/lib/requests.ts), uncached, on one instance,
 * anonymous, in alternating rounds; prints the GraphQL/REST ratio by req/s and by the server's
 * CPU time per request (the steadier figure on a shared machine). Checks first that both answers
 * hold the same names in the same order. With BENCH_COMPARE_ENV, a second instance with those
 * variables (e.g. `GRAPHQL_FIELD_FAST_PATH=false`) measured the same way in the same run.
 */
import { onFreshDatabases, startApp, type App } from '../lib/app';
import { alternate, probe, type Scenario } from '../lib/load';
import { compareEnv } from '../lib/options';
import { GRAPHQL_FIELDS, REST_FIELDS } from '../lib/requests';

interface Named {
  name: string;
  cities: Array<{ name: string; country: { name: string } | null }>;
}

/** The names of both answers, as one comparable string (ids and envelopes differ by design). */
function namesOf(entries: Named[]): string {
  return JSON.stringify(
    entries.map(({ name, cities }) => [name, cities.map((city) => [city.name, city.country?.name])])
  );
}

async function ratioOn(label: string, app: App): Promise<string> {
  const graphql: Scenario = {
    name: 'GraphQL fields → cities',
    url: `${app.url}/graphql`,
    method: 'POST',
    body: GRAPHQL_FIELDS(),
    pid: app.child.pid,
  };
  const rest: Scenario = {
    name: 'REST populate of the same fields',
    url: `${app.url}${REST_FIELDS}`,
    pid: app.child.pid,
  };
  const graphqlAnswer = await probe(graphql);
  const restAnswer = await probe(rest);
  if (graphqlAnswer.status !== 200 || restAnswer.status !== 200)
    throw new Error(
      `${label}: status ${graphqlAnswer.status} (GraphQL), ${restAnswer.status} (REST)`
    );
  const fromGraphql = namesOf(
    (JSON.parse(graphqlAnswer.body.toString()) as { data: { creativeFields: Named[] } }).data
      .creativeFields
  );
  const fromRest = namesOf((JSON.parse(restAnswer.body.toString()) as { data: Named[] }).data);
  if (fromGraphql !== fromRest) throw new Error(`${label}: GraphQL and REST answers differ`);
  for (let i = 0; i < 10; i++) await Promise.all([probe(graphql), probe(rest)]);
  console.log(`${label}: alternating rounds…`);
  const rounds = await alternate(graphql, rest);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const meanCpu = (values: Array<number | null>) =>
    sum(values.filter((value): value is number => value !== null)) / Math.max(1, values.length);
  const byRequests = sum(rounds.a) / Math.max(1, sum(rounds.b));
  const byCpu = meanCpu(rounds.cpuB) / Math.max(0.01, meanCpu(rounds.cpuA));
  return [
    `${label}:`,
    `  GraphQL ${rounds.a.join('/')} req/s, ${meanCpu(rounds.cpuA).toFixed(1)} CPU ms/request`,
    `  REST    ${rounds.b.join('/')} req/s, ${meanCpu(rounds.cpuB).toFixed(1)} CPU ms/request`,
    `  GraphQL/REST: ${byRequests.toFixed(2)} by req/s, ${byCpu.toFixed(2)} by CPU per request`,
  ].join('\n');
}

export async function graphqlRestMain(): Promise<void> {
  await onFreshDatabases(async ({ databaseFile }) => {
    const uncachedEnv = { CACHE_ENABLED: 'false', QUERY_COUNT_HEADER: 'false' };
    console.log('Starting an uncached instance on an empty database (seeds it)…');
    const instances = [
      { label: 'uncached', app: await startApp('uncached', databaseFile, uncachedEnv) },
    ];
    const compare = compareEnv();
    if (compare) {
      const app = await startApp('compare', databaseFile, { ...uncachedEnv, ...compare.env });
      instances.push({ label: `with ${compare.text}`, app });
    }
    const lines: string[] = [];
    for (const { label, app } of instances) lines.push(await ratioOn(label, app));
    console.log(`\n${lines.join('\n')}`);
    const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2));
    console.log(`Load average (1, 5, 15 min) at the end: ${load.join(', ')}`);
  });
}
