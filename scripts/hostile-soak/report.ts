/** What the hostile soak prints: a block per phase as it ends, and a table at the end. */
import type { Wait } from './load-worker';
import type { ProbeSummary } from './prober';
import { formatCounts, medianShare, TARGETS, type MixRound, type PhaseResult } from './verdict';

const ms = (value: number) => value.toFixed(0);
const probeLine = (probe: ProbeSummary) =>
  `${probe.sent} probes, p50 ${ms(probe.p50Ms)} / p99 ${ms(probe.p99Ms)} / max ${ms(probe.maxMs)} ms, ${probe.failed} unanswered${probe.failed > 0 ? ` (${formatCounts(probe.failures)})` : ''}`;

/**
 * Where the mix's connections spent their time, largest first: `GET 200 HIT 31,204 × 0.9 ms =
 * 62 %`. With one request at a time per connection, the kinds with the largest share are what
 * bound its throughput.
 */
function waitsLine(waits: Record<string, Wait>): string {
  const total = Object.values(waits).reduce((sum, wait) => sum + wait.ms, 0);
  return Object.entries(waits)
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(
      ([kind, wait]) =>
        `${kind} ${wait.requests} × ${(wait.ms / wait.requests).toFixed(1)} ms = ${((wait.ms / Math.max(1, total)) * 100).toFixed(0)} %`
    )
    .join(', ');
}

export function printPhase(phase: PhaseResult, missed: readonly string[]): void {
  console.log(
    `\n== ${phase.name} (${phase.seconds} s at ${phase.connections} connections; load average ${phase.loadAverage.toFixed(1)})`
  );
  for (const [name, tally] of Object.entries(phase.perAttack)) {
    const extra = [
      tally.busy > 0 ? `503 busy ${tally.busy}` : '',
      tally.heldToTheEnd > 0 ? `held by the server to the end ${tally.heldToTheEnd}` : '',
      tally.socketsOpened > 0
        ? `sockets opened ${tally.socketsOpened}, closed by the server ${tally.socketsClosedByServer}`
        : '',
      tally.hits > 0 ? `cache hits ${tally.hits}` : '',
      Object.keys(tally.errors).length > 0 ? `no answer: ${formatCounts(tally.errors)}` : '',
    ].filter((part) => part !== '');
    console.log(
      `  attack ${name}: ${tally.requests} requests, statuses ${formatCounts(tally.statuses)}; 5xx ${tally.fivexx}; slowest answer ${ms(tally.slowestMs)} ms${extra.length > 0 ? `; ${extra.join('; ')}` : ''}`
    );
    for (const example of tally.fivexxExamples) console.log(`    5xx: ${example}`);
    for (const example of tally.wrongExamples) console.log(`    wrong answer: ${example}`);
  }
  console.log(`  cached page: ${probeLine(phase.probes.page)}, ${phase.probes.page.hits} hits`);
  console.log(`  /_health: ${probeLine(phase.probes.health)}`);
  console.log(`  uncached read: ${probeLine(phase.probes.uncached)}`);
  if (phase.mix)
    console.log(
      `  website mix: ${phase.mix.requestsPerSecond} req/s (${(phase.mix.tally.bytes / 1048576 / phase.seconds).toFixed(1)} MB/s), statuses ${formatCounts(phase.mix.tally.statuses)}, hits ${phase.mix.tally.hits}${Object.keys(phase.mix.tally.refusals).length > 0 ? `; refused: ${formatCounts(phase.mix.tally.refusals)}` : ''}`
    );
  if (phase.mix?.waits) console.log(`  website mix's time: ${waitsLine(phase.mix.waits)}`);
  console.log(
    `  server: RSS ${ms(phase.server.rssStartMb)} MB at the start, max ${ms(phase.server.rssMaxMb)} MB (JS heap at most ${ms(phase.server.heapUsedMaxMb)} MB used of ${ms(phase.server.heapTotalMaxMb)} MB, external ${ms(phase.server.externalMaxMb)} MB), CPU ${phase.server.cpuSeconds.toFixed(1)} s (${(phase.server.cpuShare * 100).toFixed(0)} % of a core), longest event-loop stall ${ms(phase.server.longestStallMs)} ms (GC ${ms(phase.server.longestGcMs)} ms), stderr ${(phase.server.stderrBytes / 1024).toFixed(0)} KB; ${phase.recovered ? `healthy again after ${phase.recoverySeconds} s` : `stuck, restarted after ${phase.recoverySeconds} s`}`
  );
  const machine = phase.machine;
  // Who had the cores: on a small machine the load tools and other processes compete with the
  // server, and a mix that is slow while the server idles was held back by them, not by it.
  const others =
    machine &&
    machine.busyCores -
      (phase.server.cpuSeconds +
        phase.loadToolsCpuSeconds.attackers +
        phase.loadToolsCpuSeconds.mix) /
        phase.seconds;
  console.log(
    `  load tools: attackers' process CPU ${phase.loadToolsCpuSeconds.attackers.toFixed(1)} s, the mix's ${phase.loadToolsCpuSeconds.mix.toFixed(1)} s${machine && others !== undefined ? `; machine ${machine.busyCores.toFixed(2)} of ${machine.cores} cores busy (server ${phase.server.cpuShare.toFixed(2)}, load tools ${((phase.loadToolsCpuSeconds.attackers + phase.loadToolsCpuSeconds.mix) / phase.seconds).toFixed(2)}, everything else ${Math.max(0, others).toFixed(2)}, steal ${machine.stealCores.toFixed(2)})` : ''}`
  );
  console.log(missed.length === 0 ? '  PASS' : `  FAIL: ${missed.join('; ')}`);
}

export function printSummary(phases: readonly PhaseResult[], verdicts: readonly string[][]): void {
  const rows = phases.map((phase, i) => [
    phase.name,
    String(phase.attackers.requests),
    String(phase.attackers.fivexx),
    String(phase.attackers.busy),
    `${ms(phase.probes.page.p99Ms)}/${ms(phase.probes.page.maxMs)}`,
    `${ms(phase.probes.health.p99Ms)}/${ms(phase.probes.health.maxMs)}`,
    String(phase.probes.page.failed + phase.probes.health.failed),
    `${phase.probes.uncached.failed}/${phase.probes.uncached.sent}`,
    `${ms(phase.server.rssStartMb)}→${ms(phase.server.rssMaxMb)}`,
    phase.server.cpuSeconds.toFixed(1),
    ms(phase.server.longestStallMs),
    phase.mix ? String(phase.mix.requestsPerSecond) : '',
    verdicts[i].length === 0 ? 'pass' : `FAIL (${verdicts[i].length})`,
  ]);
  const header = [
    'phase',
    'attack reqs',
    '5xx',
    '503 busy',
    'page p99/max ms',
    'health p99/max ms',
    'probes lost',
    'uncached failed',
    'RSS MB start→max',
    'CPU s',
    'stall ms',
    'mix req/s',
    'verdict',
  ];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...rows.map((row) => row[c].length))
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** The rounds of the website mix, each share within its round, and the median that is judged. */
export function printMixRounds(rounds: readonly MixRound[], missed: readonly string[]): void {
  const median = medianShare(rounds);
  if (median === undefined) return;
  console.log('\nWebsite mix, alone and under every attack at once, round by round:');
  for (const round of rounds)
    console.log(
      `  round ${round.round}: ${round.aloneRps} req/s alone, ${round.attackedRps} under attack: ${(round.share * 100).toFixed(1)} %`
    );
  console.log(
    `  median share ${(median * 100).toFixed(1)} % (target at least ${TARGETS.mixShare * 100} %): ${missed.length === 0 ? 'pass' : 'FAIL'}`
  );
}
