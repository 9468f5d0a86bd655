/**
 * `npm run soak -- --hostile [--seconds 15] [--connections 32] [--only a,b] [--together] [--rounds 3] [--attackers-nice 0] [--short] [--json file]`:
 * the attacks of issue 22 (and the floods of issue 16) against the production build on loopback.
 *
 * Starts the compiled app like `npm start` on a fresh seeded SQLite database. Then runs each
 * attack alone, and then `--rounds` rounds of the website mix of the bench
 * (bench/editorial-mix.ts) alone followed by all attacks at once with the mix, each phase for
 * `--seconds` at `--connections`
 * connections from 127.0.0.2–127.0.0.9 (a child process, ./load-worker.ts), while this process
 * probes a cached page, `/_health` and an uncached read from 127.0.0.1 every 0.5 s and samples
 * the server's RSS and CPU. After each phase it waits up to a recovery timeout for `/_health`, and
 * restarts a server that stays stuck. Prints a block per phase and a table, judges each phase
 * against the numbers of issue 22 (./verdict.ts), judges the mix by the median of its rounds'
 * shares (under attack / alone, within a round) and exits 1 when one is missed.
 *
 * `--short` (the CI version, tests/integration/hostile-soak.test.ts): 3 s per attack at 8
 * connections, 200 slow-header sockets, no website mix, and only the functional targets judged
 * (probes answered and none after 1 s, no 5xx, no wrong answer, RSS, recovery).
 * `--together`: only the rounds of the mix alone and all the attacks at once (what judges the mix).
 * `--no-compile`: use the existing build (the jest run that calls it has just compiled it).
 * `--attackers-nice <0–19>`: the attackers' process's CPU priority (0, the default: the same as
 * the server's). Lowered, it models attackers on machines of their own only while the attack
 * requests per second stay what they were (compare the phases' "attack reqs"): on a loaded
 * machine a niced attacker gets almost no CPU and sends less (docs/operations.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { compileApp } from '../lib/compile-app';
import { freePort } from '../lib/free-port';
import { editorialRequests, interleave, MIX_CITY_IDS_PATH } from '../../bench/editorial-mix';
import type { MixRequest } from '../../bench/mix-load';
import { ATTACKS, ATTACK_NAMES, orderReferences } from './attacks';
import { agentFrom, send, sleep } from './http-client';
import type { LoadJob, LoadResult } from './load-worker';
import { CACHED_PAGE, startProber } from './prober';
import { printMixRounds, printPhase, printSummary } from './report';
import {
  cpuProfileFlags,
  errorLogBytes,
  startServer,
  waitHealthy,
  type SoakServer,
} from '../lib/soak-server';
import { eventLoopStalls, sampleServer } from './server-stats';
import { mergeTallies } from './tally';
import { medianShare, missedMixShare, missedTargets, mixRounds, type PhaseResult } from './verdict';

export interface HostileOptions {
  seconds: number;
  connections: number;
  only: string[];
  /** Only the mix alone and all attacks at once (not each attack alone). */
  together: boolean;
  /** Rounds of the mix alone and then under all attacks at once; the median share is judged. */
  rounds: number;
  short: boolean;
  json?: string;
  compile: boolean;
  /** Sockets of the slow-header attack in all (the tool's own bound). */
  slowHeaderSockets: number;
  /** How long a phase's aftermath may keep `/_health` from answering before a restart. */
  recoverySeconds: number;
  /**
   * The attackers' process's niceness (0–19): its CPU priority below the server's and the mix's.
   * In production the attackers' machines are not the server's; on this machine's cores their
   * client-side work would otherwise be taken from the server and the mix (docs/operations.md).
   */
  attackersNice: number;
}

const ATTACK_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
/** The website mix: 16 connections (the bench's), each a visitor with an address of its own. */
const MIX_ADDRESSES = Array.from({ length: 16 }, (_, i) => `127.0.1.${i + 1}`);

function niceness(text: string): number {
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 19)
    throw new Error('--attackers-nice takes a whole number from 0 to 19');
  return parsed;
}

export function parseHostileArgs(argv: readonly string[]): HostileOptions {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const short = argv.includes('--short');
  const only = (value('--only') ?? '').split(',').filter((name) => name !== '');
  const unknown = only.filter((name) => !ATTACK_NAMES.includes(name));
  if (unknown.length > 0)
    throw new Error(`Unknown attack ${unknown.join(', ')}; known: ${ATTACK_NAMES.join(', ')}`);
  const number = (flag: string, fallback: number) => {
    const parsed = Number(value(flag) ?? fallback);
    if (!(parsed > 0)) throw new Error(`${flag} takes a positive number`);
    return parsed;
  };
  return {
    seconds: number('--seconds', short ? 3 : 15),
    connections: number('--connections', short ? 8 : 32),
    only: only.length > 0 ? only : ATTACK_NAMES,
    together: argv.includes('--together'),
    rounds: Math.round(number('--rounds', 3)),
    short,
    json: value('--json'),
    compile: !argv.includes('--no-compile'),
    slowHeaderSockets: short ? 200 : 4000,
    recoverySeconds: short ? 30 : 60,
    attackersNice: niceness(value('--attackers-nice') ?? '0'),
  };
}

/**
 * Runs ./load-worker.ts with `job` in a child process at niceness `nice` and returns what it saw.
 */
async function runLoad(job: LoadJob, dir: string, nice = 0): Promise<LoadResult> {
  const file = path.join(dir, `job-${process.hrtime.bigint()}.json`);
  writeFileSync(file, JSON.stringify(job));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'load-worker.ts'), file],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  if (nice > 0 && child.pid !== undefined) setPriority(child.pid, nice);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  // The worker stops itself at the deadline; this bounds a worker that does not.
  const killer = setTimeout(() => child.kill('SIGKILL'), (job.seconds + 60) * 1000);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  rmSync(file, { force: true });
  if (code !== 0) throw new Error(`load worker exited with ${String(code)}`);
  return JSON.parse(stdout) as LoadResult;
}

/** Requests `path` until the response cache answers it (a few tries), from `address`. */
async function warm(server: SoakServer, requests: readonly MixRequest[], addresses: string[]) {
  const agents = addresses.map((address) => agentFrom(address, 1));
  await Promise.all(
    agents.map(async (agent, a) => {
      for (let i = a; i < requests.length; i += agents.length) {
        const request = requests[i];
        for (let attempt = 0; attempt < 3; attempt++) {
          const answer = await send(agent, server.port, request.path, {
            method: request.method,
            body: request.body,
          });
          if (answer.cache === 'HIT') break;
        }
      }
      agent.destroy();
    })
  );
}

/** The bench's 110-URL mix, keeping what this server answers with 200. */
async function websiteMix(server: SoakServer): Promise<MixRequest[]> {
  const ids = (await (await fetch(`${server.base}${MIX_CITY_IDS_PATH}`)).json()) as {
    data: Array<{ documentId: string }>;
  };
  const requests = editorialRequests(ids.data.map((city) => city.documentId));
  const agent = agentFrom('127.0.1.100', 1);
  const answered: MixRequest[] = [];
  for (const request of requests) {
    const answer = await send(agent, server.port, request.path, {
      method: request.method,
      body: request.body,
    });
    if (answer.status === 200) answered.push(request);
    // Warming from one address must stay under its rate limit.
    await sleep(50);
  }
  agent.destroy();
  return interleave(answered);
}

async function runPhase(
  server: SoakServer,
  dir: string,
  options: HostileOptions,
  phase: { name: string; attacks: string[]; mix?: MixRequest[]; round?: number },
  references: Record<string, string>
): Promise<PhaseResult> {
  if (!(await waitHealthy(server.base, 5))) await server.restart();
  await warm(server, [{ method: 'GET', path: CACHED_PAGE }], ['127.0.0.1']);
  if (phase.mix) await warm(server, phase.mix, MIX_ADDRESSES);
  const stderrBefore = errorLogBytes(server);
  const loadAverage = loadavg()[0];
  const started = Date.now();
  const sampler = sampleServer(server.pid);
  const prober = startProber(server.port);
  const job: LoadJob = {
    port: server.port,
    seconds: options.seconds,
    connections: options.connections,
    attacks: phase.attacks,
    addresses: ATTACK_ADDRESSES,
    slowHeaderSockets: options.slowHeaderSockets,
    ratePerAddress: Number(process.env.API_RATELIMIT_RATE ?? 10),
    orderReferences: references,
  };
  // The website's visitors and the attackers are different machines: each runs in a process of
  // its own, so that the attackers' client-side work (4,000 slow sockets, huge bodies) does not
  // slow the mix's client down and show up as lost throughput of the server.
  const [attacks, mixLoad] = await Promise.all([
    phase.attacks.length > 0
      ? runLoad(job, dir, options.attackersNice)
      : Promise.resolve<LoadResult>({ attacks: {} }),
    phase.mix
      ? runLoad(
          {
            ...job,
            attacks: [],
            mix: {
              requests: phase.mix,
              connections: MIX_ADDRESSES.length,
              addresses: MIX_ADDRESSES,
            },
          },
          dir
        )
      : Promise.resolve(undefined),
  ]);
  const load: LoadResult = { attacks: attacks.attacks, mix: mixLoad?.mix };
  const loadToolsCpuSeconds = {
    attackers: attacks.cpuSeconds ?? 0,
    mix: mixLoad?.cpuSeconds ?? 0,
  };
  const ended = Date.now();
  const [probes, usage] = await Promise.all([prober.stop(), Promise.resolve(sampler.stop())]);
  const recoveryStarted = Date.now();
  const recovered = await waitHealthy(server.base, options.recoverySeconds);
  const recoverySeconds = Math.round((Date.now() - recoveryStarted) / 1000);
  // Read after the recovery: a stall is written down when it ends.
  const loop = eventLoopStalls(server.eventLoopFile, started, ended);
  const stderrBytes = errorLogBytes(server) - stderrBefore;
  if (!recovered) await server.restart();
  return {
    name: phase.name,
    round: phase.round,
    attacks: phase.attacks,
    seconds: options.seconds,
    connections: options.connections,
    loadAverage,
    perAttack: load.attacks,
    attackers: mergeTallies(Object.values(load.attacks)),
    probes,
    judgesUncachedReads: ATTACKS.some(
      (attack) => attack.judgesUncachedReads && phase.attacks.includes(attack.name)
    ),
    server: {
      rssStartMb: usage.rssStartMb,
      rssMaxMb: usage.rssMaxMb,
      cpuSeconds: usage.cpuSeconds,
      cpuShare: usage.cpuShare,
      longestStallMs: loop.longestStallMs,
      longestGcMs: loop.longestGcMs,
      heapUsedMaxMb: loop.heapUsedMaxMb,
      heapTotalMaxMb: loop.heapTotalMaxMb,
      externalMaxMb: loop.externalMaxMb,
      stderrBytes,
    },
    mix: load.mix && {
      requestsPerSecond: Math.round((load.mix.statuses['200'] ?? 0) / load.mix.seconds),
      tally: load.mix,
      waits: load.mix.waits,
    },
    loadToolsCpuSeconds,
    machine: usage.machine,
    recovered,
    recoverySeconds,
  };
}

export async function runHostileSoak(argv: readonly string[]): Promise<number> {
  const options = parseHostileArgs(argv);
  if (options.compile) await compileApp();
  const dir = mkdtempSync(path.join(tmpdir(), 'ccn-hostile-soak-'));
  // The admin API stays (the admin bundle need not be built).
  const server = await startServer({
    dir,
    port: await freePort(),
    env: { SERVE_ADMIN_PANEL: 'false' },
    // SOAK_CPU_PROF_DIR: a V8 CPU profile of the server, as for the plain soak.
    extraNodeFlags: cpuProfileFlags(),
  });
  try {
    console.log(
      `Hostile soak: ${options.only.length} attacks, ${options.together ? '' : 'each alone, '}${options.only.length > 1 ? `${options.short ? 'then all at once' : `then ${options.rounds} rounds of the website mix alone and all at once with it`}, ` : ''}${options.seconds} s at ${options.connections} connections from ${ATTACK_ADDRESSES[0]}–${ATTACK_ADDRESSES[ATTACK_ADDRESSES.length - 1]}; probes every 0.5 s from 127.0.0.1 (server pid ${server.pid}, port ${server.port})`
    );
    const mix = options.short ? undefined : await websiteMix(server);
    const references = await orderReferences(server.port);
    const phases: PhaseResult[] = [];
    const judge = (phase: PhaseResult) => missedTargets(phase, { timings: !options.short });
    const together = options.only.length > 1;
    // Each round measures the mix alone right before it measures it under every attack, on the
    // same server: the share is a ratio within a round, judged by its median over the rounds.
    const rounds = Array.from({ length: mix && together ? options.rounds : 0 }, (_, i) => [
      { name: `no attack (website mix alone), round ${i + 1}`, attacks: [], mix, round: i + 1 },
      { name: `all at once, round ${i + 1}`, attacks: options.only, mix, round: i + 1 },
    ]).flat();
    const plan = [
      ...(options.together ? [] : options.only.map((name) => ({ name, attacks: [name] }))),
      ...rounds,
      ...(together && !mix ? [{ name: 'all at once', attacks: options.only }] : []),
    ];
    const verdicts: string[][] = [];
    for (const step of plan) {
      const phase = await runPhase(server, dir, options, step, references);
      phases.push(phase);
      const missed = judge(phase);
      verdicts.push(missed);
      printPhase(phase, missed);
    }
    printSummary(phases, verdicts);
    const mixShare = mixRounds(phases);
    const mixMissed = options.short ? [] : missedMixShare(mixShare);
    printMixRounds(mixShare, mixMissed);
    if (options.json)
      writeFileSync(
        options.json,
        JSON.stringify(
          {
            phases: phases.map((phase, i) => ({ ...phase, missed: verdicts[i] })),
            mixRounds: mixShare,
            mixMedianShare: medianShare(mixShare),
            mixMissed,
          },
          null,
          2
        )
      );
    const failed =
      verdicts.filter((missed) => missed.length > 0).length + (mixMissed.length > 0 ? 1 : 0);
    console.log(
      failed === 0
        ? 'PASS'
        : `FAIL: ${failed} of ${phases.length + (mixShare.length > 0 ? 1 : 0)} verdicts missed a target`
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
