import {execFileSync} from 'node:child_process';

/**
 * The pids of the socket processes (`--socket-processes`) of the server running in process
 * `pid`: its children whose command line names the socket process's entry (not, say, the
 * TypeScript loader's esbuild). The tests and the bench both look for them.
 */
export function socketProcessesOf(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], {encoding: 'utf8'});
  } catch (error) {
    // ps exits with 1 when the process has no children at all.
    if ((error as {status?: number}).status === 1) return [];
    throw error;
  }
  return out
    .split('\n')
    .filter((line) => line.includes('socket-process'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
