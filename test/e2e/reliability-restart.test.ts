import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Browser} from 'playwright';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  launchBrowser,
  log,
  newContext,
  roomOf,
  send,
  shows,
  texts,
} from '../helpers/node/widget-site.js';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const {port} = probe.address() as {port: number};
  probe.close();
  await once(probe, 'close');
  return port;
}

describe('T2: the server is killed (SIGKILL) and restarted', () => {
  let browser: Browser;
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;

  /** Starts the command-line server on the same port and data folder; resolves once it listens. */
  async function startServer(): Promise<void> {
    const agent = `${TEST_AGENT.username}:${TEST_AGENT.password}`;
    const args = ['--port', String(port), '--data', dataDir, '--agent', agent];
    const flags = ['--no-rate-limit', '--demo', '--registration-form', 'off'];
    const process_ = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', ...args, ...flags],
      {stdio: ['ignore', 'pipe', 'pipe']},
    );
    child = process_;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      process_.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('listening on')) resolve();
      });
      process_.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      process_.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
    });
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-kill-'));
    port = await freePort();
    browser = await launchBrowser();
    await startServer();
  });
  after(async () => {
    child?.kill('SIGKILL');
    await browser?.close();
    await rm(dataDir, {recursive: true, force: true});
  });

  it('reconnects after a restart and delivers what was sent meanwhile, once', async () => {
    const url = `http://127.0.0.1:${port}`;
    const context = await newContext(browser);
    const page = await context.newPage();
    const attempts: string[] = [];
    page.on('websocket', (ws) => attempts.push(ws.url()));
    await page.goto(url);
    // The demo's triggers may open the window themselves; show() is the page's own way.
    await page.locator('live-chat').evaluate((el) => (el as HTMLElement & {show(): void}).show());
    await send(page, 'Before the crash');
    await log(page).locator('.message.sent', {hasText: 'Before the crash'}).waitFor();
    const rid = await roomOf(page);

    const killed = child!;
    killed.kill('SIGKILL');
    await once(killed, 'exit');
    await page.waitForFunction(
      () => (document.querySelector('live-chat') as {client?: {connection: string}}).client
        ?.connection === 'reconnecting',
    );
    await send(page, 'Written while the server was down');
    await log(page).locator('.message.pending', {hasText: 'while the server was down'}).waitFor();

    await startServer();
    await log(page).locator('.message.sent', {hasText: 'while the server was down'}).waitFor();
    const agent = await agentOf(url);
    await agent.reply(rid, 'Back after the restart');
    await shows(page, 'Back after the restart');

    const stored = (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(stored, [
      'Before the crash',
      'Written while the server was down',
      'Back after the restart',
    ]);
    // (The demo's trigger greeting is local: only the server's messages are compared.)
    assert.deepEqual((await texts(page)).filter((text) => stored.includes(text)), stored);
    // Backoff, not a crash loop: a handful of attempts over the downtime.
    assert.ok(attempts.length >= 2 && attempts.length <= 8, `${attempts.length} sockets`);
    await context.close();
  });
});
