/**
 * The reference server as its own process, started through the command line (`src/server/cli.ts`)
 * so that a test can SIGKILL it and start it again on the same port and data folder.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import {TEST_AGENT} from './server-fixture.js';

const CLI = fileURLToPath(new URL('../../../src/server/cli.ts', import.meta.url));

/** Runs `tsx src/server/cli.ts ARGS` to its end; resolves its exit code and output. */
export function runCli(
  args: string[],
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

/** A loopback port that was free a moment ago (the server binds it itself, by number). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const {port} = probe.address() as {port: number};
  probe.close();
  await once(probe, 'close');
  return port;
}

/** One run of the command-line server. */
export interface CliServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Whether the process is still alive (no crash, no exit). */
  readonly isRunning: boolean;
  /** SIGKILL, as a crash or an OOM killer would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `tsx src/server/cli.ts` on `port` with `dataDir`, the test agent, no rate limits and
 * the demo page (served from `dist/`), plus `extraArgs`; resolves once it listens.
 */
export async function startCliServer(
  port: number,
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<CliServer> {
  const agent = `${TEST_AGENT.username}:${TEST_AGENT.password}`;
  const args = ['--port', String(port), '--data', dataDir, '--agent', agent, '--no-rate-limit'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli.ts', ...args, '--demo', ...extraArgs],
    {stdio: ['ignore', 'pipe', 'pipe']},
  );
  let output = '';
  let hasExited = false;
  child.once('exit', () => (hasExited = true));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening on')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    get isRunning() {
      return !hasExited;
    },
    async kill() {
      if (hasExited) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
