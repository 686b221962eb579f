/**
 * The reference server as its own process, started through the command line (`src/server/cli.ts`)
 * so that a test can SIGKILL it and start it again on the same port and data folder.
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before} from 'node:test';
import {fileURLToPath} from 'node:url';
import type {Browser} from 'playwright';
import {TEST_AGENT} from './server-fixture.js';
import {assertBuilt, launchBrowser} from './widget-site.js';

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

/** What `startCliServer` leaves out unless told. */
export interface CliServerOptions {
  /** Keep the default rate limits and per-address caps (default: `--no-rate-limit`). */
  rateLimit?: boolean;
  /** Serve the demo page from `dist/` (default true; needs `npm run build`). */
  demo?: boolean;
}

/**
 * Starts `tsx src/server/cli.ts` on `port` with `dataDir`, the test agent, no rate limits and
 * the demo page (served from `dist/`), plus `extraArgs`; resolves once it listens.
 */
export async function startCliServer(
  port: number,
  dataDir: string,
  extraArgs: readonly string[] = [],
  {rateLimit = false, demo = true}: CliServerOptions = {},
): Promise<CliServer> {
  const agent = `${TEST_AGENT.username}:${TEST_AGENT.password}`;
  const args = ['--port', String(port), '--data', dataDir, '--agent', agent];
  if (!rateLimit) args.push('--no-rate-limit');
  if (demo) args.push('--demo');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli.ts', ...args, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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

/** What `useCliSuite` holds for the tests of its `describe`. */
export interface CliSuite {
  readonly browser: Browser;
  readonly dataDir: string;
  /** The server's process now; null once a test has stopped it and not started it again. */
  server: CliServer | null;
  /** Starts the server (again) on the same port and data folder; resolves it as `server`. */
  start(): Promise<CliServer>;
}

/**
 * For tests that kill or stop the server process: before the tests of the enclosing `describe`,
 * Chromium and the command-line server (`startCliServer` with the demo page and `args`) on a
 * free port and a temporary data folder; after them, both stopped and the folder deleted.
 */
export function useCliSuite(args: readonly string[] = []): CliSuite {
  let browser: Browser | undefined;
  let dataDir = '';
  let port = 0;
  const suite: CliSuite = {
    get browser() {
      assert.ok(browser, 'the suite has started');
      return browser;
    },
    get dataDir() {
      return dataDir;
    },
    server: null,
    async start() {
      suite.server = await startCliServer(port, dataDir, args);
      return suite.server;
    },
  };
  before(async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-cli-'));
    port = await freePort();
    browser = await launchBrowser();
    await suite.start();
  });
  after(async () => {
    await suite.server?.kill();
    await browser?.close();
    if (dataDir) await rm(dataDir, {recursive: true, force: true});
  });
  return suite;
}
