/** Child processes of the server load bench: spawning with raised fd limits, IPC, stopping. */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import type {ProbeFigures} from '../server-load.js';

/** The hard fd limit a child may raise its soft limit to. */
export function hardFdLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -Hn'], {encoding: 'utf8'}).stdout.trim();
  return out === 'unlimited' ? Infinity : Number(out);
}

/** Spawns `node …args` with its soft fd limit raised to the hard one (10k sockets need it). */
export function spawnNode(
  args: string[],
  stdio: ('ignore' | 'pipe' | 'inherit' | 'ipc')[],
  nice?: number,
  env = process.env,
): ChildProcess {
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  const prefix = nice === undefined ? [] : ['nice', '-n', String(nice)];
  return spawn('sh', ['-c', script, 'sh', ...prefix, process.execPath, ...args], {stdio, env});
}

export function generator(script: string, args: string[], nice?: number): ChildProcess {
  return spawnNode(
    ['--import', 'tsx', join('bench/load', script), ...args],
    ['ignore', 'inherit', 'inherit', 'ipc'],
    nice,
  );
}

/** The next IPC message of this type; rejects if the child exits first. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolveMessage, reject) => {
    const onMessage = (message: {type: string}) => {
      if (message.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolveMessage(message as T);
    };
    const onExit = (code: number | null) => {
      reject(new Error(`${type}: generator exited (${code})`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the probe in the server for its figures since the last call (and resets them). */
export async function readProbe(server: ChildProcess, file: string): Promise<ProbeFigures> {
  await rm(file, {force: true});
  server.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as ProbeFigures;
    } catch {
      await settle(25);
    }
  }
  throw new Error('the server probe did not answer');
}

export async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}
