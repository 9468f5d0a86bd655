/** What the machine and the processes looked like during a run: load average, memory. */
import { readFileSync } from 'node:fs';

/** The load average (1, 5, 15 min), rounded: the machine is shared. */
export async function loadAverage(): Promise<number[]> {
  return (await import('node:os')).loadavg().map((value) => Number(value.toFixed(2)));
}

export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
