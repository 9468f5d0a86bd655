/**
 * A child process of the hostile soak: runs attacks, or the website mix, for one phase and
 * prints what it saw as JSON. Separate from the prober, so that the attackers' own work does not
 * delay the probes' timings. Argument: the path of a JSON file holding a `LoadJob`.
 */
import { readFileSync } from 'node:fs';
import { ATTACKS, type Connection } from './attacks';
import { agentFrom, send } from './http-client';
import { emptyTally, mergeTallies, record, type Tally } from './tally';
import type { MixRequest } from '../../bench/mix-load';

export interface LoadJob {
  port: number;
  seconds: number;
  connections: number;
  /** Attack names (all of them at once when more than one), or empty for the mix alone. */
  attacks: string[];
  /** Source addresses the attack connections share. */
  addresses: string[];
  slowHeaderSockets: number;
  ratePerAddress: number;
  orderReferences: Record<string, string>;
  /** The website mix: each of its connections from an address of its own. */
  mix?: { requests: MixRequest[]; connections: number; addresses: string[] };
}

/** Requests of one kind (`GET 200 HIT`, `POST 429`, `GET timeout`) and the time they took in all. */
export interface Wait {
  requests: number;
  ms: number;
}

export interface LoadResult {
  attacks: Record<string, Tally>;
  /**
   * `waits`: where the mix's connections spent the phase, by method and answer. A connection
   * sends its next request only when the last is answered, so its throughput is the inverse of
   * these times: a few answers held for a second cost as much as thousands of quick ones.
   */
  mix?: Tally & { seconds: number; waits: Record<string, Wait> };
  /**
   * CPU seconds this load process used: on a small machine the load tools compete with the
   * server for the same cores, and a share lost to them is not the server's doing.
   */
  cpuSeconds?: number;
}

async function runAttacks(job: LoadJob, deadline: number): Promise<Record<string, Tally>> {
  const attacks = job.attacks.map((name) => {
    const attack = ATTACKS.find((known) => known.name === name);
    if (!attack) throw new Error(`unknown attack ${name}`);
    return attack;
  });
  // Every attack gets at least one connection; together they make `connections`.
  const total = Math.max(job.connections, attacks.length);
  const runs: Array<Promise<Tally>> = [];
  const byAttack = new Map<string, Array<Promise<Tally>>>();
  attacks.forEach((attack, a) => {
    const count = Math.floor(total / attacks.length) + (a < total % attacks.length ? 1 : 0);
    const addresses = job.addresses.slice(0, attack.maxAddresses ?? job.addresses.length);
    const perAddress = Math.ceil(count / addresses.length);
    const tallies: Array<Promise<Tally>> = [];
    for (let i = 0; i < count; i++) {
      const connection: Connection = {
        port: job.port,
        deadline,
        address: addresses[i % addresses.length],
        perAddress,
        slowHeaderSockets: Math.ceil(job.slowHeaderSockets / count),
        ratePerAddress: job.ratePerAddress,
        orderReferences: job.orderReferences,
        tally: emptyTally(),
      };
      const run = attack.run(connection).then(
        () => connection.tally,
        (error: unknown) => {
          connection.tally.errors[`tool error: ${String(error)}`] = 1;
          return connection.tally;
        }
      );
      tallies.push(run);
      runs.push(run);
    }
    byAttack.set(attack.name, tallies);
  });
  const result: Record<string, Tally> = {};
  for (const [name, tallies] of byAttack) result[name] = mergeTallies(await Promise.all(tallies));
  return result;
}

async function runMix(job: LoadJob, deadline: number): Promise<LoadResult['mix']> {
  const mix = job.mix;
  if (!mix) return undefined;
  let next = 0;
  const started = Date.now();
  const waits: Record<string, Wait> = {};
  const tallies = await Promise.all(
    Array.from({ length: mix.connections }, async (_, i) => {
      const tally = emptyTally();
      const agent = agentFrom(mix.addresses[i % mix.addresses.length], 1);
      while (Date.now() < deadline) {
        const request = mix.requests[next];
        next = (next + 1) % mix.requests.length;
        const answer = await send(agent, job.port, request.path, {
          method: request.method,
          body: request.body,
          timeoutMs: Math.max(500, deadline - Date.now()),
          // A refused visitor waits (a held 429 takes a second): which guard refused it matters.
          keepRefusalBody: true,
        });
        // An answer cut off by the phase's end is not counted against the mix.
        if (answer.error !== 'timeout' || Date.now() < deadline) {
          record(tally, answer);
          const answered = answer.status === 0 ? (answer.error ?? 'no answer') : answer.status;
          const kind = `${request.method} ${answered}${answer.cache === undefined ? '' : ` ${answer.cache}`}`;
          const wait = (waits[kind] ??= { requests: 0, ms: 0 });
          wait.requests += 1;
          wait.ms += answer.ms;
        }
      }
      agent.destroy();
      return tally;
    })
  );
  return { ...mergeTallies(tallies), seconds: (Date.now() - started) / 1000, waits };
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadJob;
  const deadline = Date.now() + job.seconds * 1000;
  const [attacks, mix] = await Promise.all([
    job.attacks.length > 0 ? runAttacks(job, deadline) : {},
    runMix(job, deadline),
  ]);
  const usage = process.cpuUsage();
  const result: LoadResult = { attacks, mix, cpuSeconds: (usage.user + usage.system) / 1e6 };
  process.stdout.write(JSON.stringify(result));
}

main().then(
  // Sockets the attacks left (slow bodies the server never answered) must not keep it alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
