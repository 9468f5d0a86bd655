/**
 * What the server process does, read from outside: its resident memory and CPU time from
 * /proc/<pid>, and its event-loop stalls from the file scripts/lib/event-loop-probe.cjs writes
 * (a request's synchronous work shows there as a stall of that length).
 */
import { existsSync, readFileSync } from 'node:fs';

export function rssMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** User plus system CPU time of the process in seconds (clock ticks of 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU time of the whole machine in seconds since boot (/proc/stat's first line: busy = every
 * field but idle and iowait; steal = time a virtual machine's host gave to others) and the
 * number of cores: what every process together used, the server and the load tools included.
 */
export function machineCpu(): { busySeconds: number; stealSeconds: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const fields = lines[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = fields.reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  return {
    busySeconds: busy / 100,
    stealSeconds: (fields[7] ?? 0) / 100,
    cores: lines.filter((line) => /^cpu\d+ /.test(line)).length,
  };
}

/** Samples RSS and CPU every `intervalMs` until stopped; tolerates a process that went away. */
export function sampleServer(pid: number, intervalMs = 500) {
  const rss: number[] = [];
  const read = <T>(reader: () => T): T | undefined => {
    try {
      return reader();
    } catch {
      return undefined;
    }
  };
  const cpuAtStart = read(() => cpuSeconds(pid)) ?? 0;
  const machineAtStart = read(machineCpu);
  const rssAtStart = read(() => rssMegabytes(pid)) ?? 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const mb = read(() => rssMegabytes(pid));
    if (mb !== undefined) rss.push(mb);
  }, intervalMs);
  return {
    stop(): {
      rssStartMb: number;
      rssMaxMb: number;
      cpuSeconds: number;
      cpuShare: number;
      machine: { busyCores: number; stealCores: number; cores: number };
    } {
      clearInterval(timer);
      const cpu = (read(() => cpuSeconds(pid)) ?? cpuAtStart) - cpuAtStart;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const machineNow = read(machineCpu);
      const machine =
        machineAtStart && machineNow
          ? {
              busyCores: (machineNow.busySeconds - machineAtStart.busySeconds) / seconds,
              stealCores: (machineNow.stealSeconds - machineAtStart.stealSeconds) / seconds,
              cores: machineNow.cores,
            }
          : { busyCores: 0, stealCores: 0, cores: 0 };
      return {
        rssStartMb: rssAtStart,
        rssMaxMb: rss.reduce((max, mb) => Math.max(max, mb), rssAtStart),
        cpuSeconds: cpu,
        cpuShare: cpu / seconds,
        machine,
      };
    },
  };
}

/** One second of the server's event loop, as scripts/lib/event-loop-probe.cjs writes it. */
interface LoopSecond {
  t: number;
  max: number;
  gc: { maxMs: number };
  /** Where the memory is (absent in lines of an older probe). */
  heapMb?: number;
  heapTotalMb?: number;
  externalMb?: number;
}

/** The longest event-loop stall and GC pause (ms) the server reported between `from` and `to`. */
export function eventLoopStalls(
  file: string,
  from: number,
  to: number
): {
  longestStallMs: number;
  longestGcMs: number;
  seconds: number;
  /** The largest JavaScript heap (in use, reserved) and memory outside it seen in the phase. */
  heapUsedMaxMb: number;
  heapTotalMaxMb: number;
  externalMaxMb: number;
} {
  if (!existsSync(file))
    return {
      longestStallMs: 0,
      longestGcMs: 0,
      seconds: 0,
      heapUsedMaxMb: 0,
      heapTotalMaxMb: 0,
      externalMaxMb: 0,
    };
  // Each line covers the second before it was written, and a stalled loop writes it late.
  const seconds = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LoopSecond)
    .filter((second) => second.t > from && second.t - second.max <= to);
  return {
    longestStallMs: seconds.reduce((max, s) => Math.max(max, s.max), 0),
    longestGcMs: seconds.reduce((max, s) => Math.max(max, s.gc.maxMs), 0),
    seconds: seconds.length,
    heapUsedMaxMb: seconds.reduce((max, s) => Math.max(max, s.heapMb ?? 0), 0),
    heapTotalMaxMb: seconds.reduce((max, s) => Math.max(max, s.heapTotalMb ?? 0), 0),
    externalMaxMb: seconds.reduce((max, s) => Math.max(max, s.externalMb ?? 0), 0),
  };
}
