import {readFileSync} from 'node:fs';
import {cpus, loadavg} from 'node:os';
import {socketProcessesOf} from '../../test/helpers/node/socket-processes.js';

/** Resident memory of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) * 1024;
}

const TICKS_PER_S = 100;

/** RSS of the server and its socket processes, in bytes. */
export function serverRss(pid: number): number {
  return socketProcessesOf(pid).reduce((sum, child) => sum + rssOf(child), rssOf(pid));
}

/** CPU time a process has used so far (user + system), in ms. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the `(comm)` that may contain spaces; utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

/** Busy and total CPU time of the whole machine so far, in ms summed over cores. */
export function machineCpuMs(): {busy: number; total: number} {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  const toMs = (ticks: number) => (ticks * 1000) / TICKS_PER_S;
  return {busy: toMs(busy), total: toMs(busy + idle + iowait)};
}

/** CPU use over an interval: the processes we watch, and everything else on the machine. */
export interface CpuShare {
  /** Percent of one core per watched process, by label. */
  processes: Record<string, number>;
  /** Percent of one core used by every other process on the machine. */
  otherPercentOfCore: number;
  cores: number;
  loadavg1m: number;
}

/** Starts a CPU measurement of the given processes; call the result to end it. */
export function startCpuWatch(pids: Record<string, number>): () => CpuShare {
  const start = performance.now();
  const machine = machineCpuMs();
  const own = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMsOf(pid)]));
  return () => {
    const wallMs = performance.now() - start;
    const end = machineCpuMs();
    const processes: Record<string, number> = {};
    let ours = 0;
    for (const [label, pid] of Object.entries(pids)) {
      const used = cpuMsOf(pid) - own[label];
      ours += used;
      processes[label] = (100 * used) / wallMs;
    }
    const otherMs = Math.max(0, end.busy - machine.busy - ours);
    return {
      processes,
      otherPercentOfCore: (100 * otherMs) / wallMs,
      cores: cpus().length,
      loadavg1m: loadavg()[0],
    };
  };
}

/** Percentile by nearest rank of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
}
