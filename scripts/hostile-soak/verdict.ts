/**
 * The numbers of issue 22 and how a phase of the hostile soak is judged against them. Pure: the
 * figures in, the list of missed targets out (empty: the phase passed).
 */
import type { ProbeSummaries, ProbeSummary } from './prober';
import type { Wait } from './load-worker';
import type { Tally } from './tally';

export const TARGETS = {
  /** The cached page and `/_health`: p99 and worst probe. */
  probeP99Ms: 200,
  probeMaxMs: 1000,
  rssMb: 1024,
  /**
   * No anonymous request runs more than 1 s of CPU. A request's CPU time cannot be read from
   * outside; its synchronous stretches can: a stretch of 1 s stalls the event loop for 1 s.
   */
  stallMs: 1000,
  /**
   * The website mix under all attacks at once keeps this share of its throughput without: the
   * median of the rounds' shares, each round the mix alone and then under attack on one server.
   */
  mixShare: 0.5,
} as const;

export interface PhaseResult {
  name: string;
  /** The round (1, 2, …) of a phase of the mix alone or under every attack at once. */
  round?: number;
  attacks: string[];
  seconds: number;
  connections: number;
  /** The machine's 1-minute load average when the phase started: other processes share the CPUs. */
  loadAverage: number;
  perAttack: Record<string, Tally>;
  attackers: Tally;
  probes: ProbeSummaries;
  /** The uncached reads are judged too (the slow-body attack holds the slots they need). */
  judgesUncachedReads: boolean;
  server: {
    /** RSS when the phase started: what earlier phases left. */
    rssStartMb: number;
    rssMaxMb: number;
    /** The JavaScript heap at most (in use, reserved) and memory outside it, in MB. */
    heapUsedMaxMb: number;
    heapTotalMaxMb: number;
    externalMaxMb: number;
    cpuSeconds: number;
    cpuShare: number;
    longestStallMs: number;
    longestGcMs: number;
    stderrBytes: number;
  };
  /** `waits`: the mix's connection time by method and answer (absent in older results). */
  mix?: { requestsPerSecond: number; tally: Tally; waits?: Record<string, Wait> };
  /** CPU seconds of the load processes (attackers, mix) in the phase: they share the machine. */
  loadToolsCpuSeconds: { attackers: number; mix: number };
  /**
   * The whole machine in the phase, in cores busy on average (every process: the server, the
   * load tools, the soak itself and whatever else runs), of `cores`; `stealCores`: taken by the
   * host of a virtual machine. Absent in results written before it was measured.
   */
  machine?: { busyCores: number; stealCores: number; cores: number };
  /** Whether `/_health` answered within 1 s after the phase, before the recovery timeout. */
  recovered: boolean;
  recoverySeconds: number;
}

/**
 * The targets `phase` missed. `timings: false` (the CI version) judges only what is functional:
 * every probe answered and none after 1 s, no 5xx, no wrong answer, RSS, recovery.
 */
export function missedTargets(phase: PhaseResult, options: { timings: boolean }): string[] {
  const missed: string[] = [];
  const unanswered = (what: string, probe: ProbeSummary) =>
    `${what}: ${probe.failed} of ${probe.sent} probes unanswered (${formatCounts(probe.failures)})`;
  // An uncached read may take its time under attack; it must be answered.
  if (phase.judgesUncachedReads && phase.probes.uncached.failed > 0)
    missed.push(unanswered('uncached read', phase.probes.uncached));
  const probes = [
    ['cached page', phase.probes.page],
    ['/_health', phase.probes.health],
  ] as const;
  for (const [what, probe] of probes) {
    if (probe.failed > 0) missed.push(unanswered(what, probe));
    if (probe.maxMs >= TARGETS.probeMaxMs)
      missed.push(
        `${what}: worst probe ${probe.maxMs.toFixed(0)} ms (limit ${TARGETS.probeMaxMs})`
      );
    if (options.timings && probe.p99Ms >= TARGETS.probeP99Ms)
      missed.push(`${what}: p99 ${probe.p99Ms.toFixed(0)} ms (limit ${TARGETS.probeP99Ms})`);
  }
  if (phase.attackers.fivexx > 0)
    missed.push(
      `${phase.attackers.fivexx} 5xx to the attackers (${formatCounts(phase.attackers.statuses)})`
    );
  if (phase.mix && phase.mix.tally.fivexx + phase.mix.tally.busy > 0)
    missed.push(`${phase.mix.tally.fivexx + phase.mix.tally.busy} 5xx to the website mix`);
  if (phase.attackers.wrongAnswers > 0)
    missed.push(
      `${phase.attackers.wrongAnswers} wrong answers, e.g. ${phase.attackers.wrongExamples[0]}`
    );
  if (phase.server.rssMaxMb >= TARGETS.rssMb)
    missed.push(`server RSS ${phase.server.rssMaxMb.toFixed(0)} MB (limit ${TARGETS.rssMb})`);
  if (phase.server.longestStallMs >= TARGETS.stallMs)
    missed.push(`server event loop stalled ${phase.server.longestStallMs.toFixed(0)} ms`);
  if (!phase.recovered)
    missed.push(
      `server still unresponsive ${phase.recoverySeconds} s after the attack (restarted)`
    );
  return missed;
}

/** One round of the website mix: alone, then under every attack at once, on the same server. */
export interface MixRound {
  round: number;
  aloneRps: number;
  attackedRps: number;
  /** attackedRps / aloneRps. */
  share: number;
}

/**
 * The rounds of `phases`: each mix-alone phase paired with the phase under attack of its round.
 * A ratio within a round, not across the run: the machine's speed drifts between runs (the mix
 * alone measured 6,476 and 18,088 req/s in two idle runs of one build), and a round's two halves
 * see the same machine, the same server and the same warm caches.
 */
export function mixRounds(phases: readonly PhaseResult[]): MixRound[] {
  const rounds: MixRound[] = [];
  for (const alone of phases) {
    if (alone.round === undefined || alone.attacks.length > 0 || !alone.mix) continue;
    const attacked = phases.find(
      (phase) => phase.round === alone.round && phase.attacks.length > 0 && phase.mix
    );
    if (!attacked?.mix) continue;
    const aloneRps = alone.mix.requestsPerSecond;
    const attackedRps = attacked.mix.requestsPerSecond;
    rounds.push({
      round: alone.round,
      aloneRps,
      attackedRps,
      share: attackedRps / Math.max(1, aloneRps),
    });
  }
  return rounds;
}

/** The median share over the rounds (the mean of the middle two for an even count). */
export function medianShare(rounds: readonly MixRound[]): number | undefined {
  if (rounds.length === 0) return undefined;
  const shares = rounds.map((round) => round.share).sort((a, b) => a - b);
  const middle = Math.floor(shares.length / 2);
  return shares.length % 2 === 1 ? shares[middle] : (shares[middle - 1] + shares[middle]) / 2;
}

/** What the rounds of the website mix missed: the median share under TARGETS.mixShare. */
export function missedMixShare(rounds: readonly MixRound[]): string[] {
  const median = medianShare(rounds);
  if (median === undefined || median >= TARGETS.mixShare) return [];
  return [
    `website mix at ${(median * 100).toFixed(0)} % of its throughput without attack (median of ${rounds.length} rounds: ${rounds.map((round) => `${(round.share * 100).toFixed(0)} %`).join(', ')}; limit ${TARGETS.mixShare * 100} %)`,
  ];
}

export const formatCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}×${n}`)
    .join(', ') || '-';
