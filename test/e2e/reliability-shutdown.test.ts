import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {existsSync, statSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Browser, Page} from 'playwright';
import {consoleOf} from '../helpers/node/console-page.js';
import {freePort, startCliServer, type CliServer} from '../helpers/node/cli-server.js';
import {TEST_AGENT, connectDdp} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  assertBuilt,
  launchBrowser,
  lcEventTypes,
  log,
  newContext,
  roomOf,
  send,
  shows,
} from '../helpers/node/widget-site.js';

const SERVER_ARGS = ['--registration-form', 'off'];

/** SIGTERM, as a service manager stops the server; resolves the exit code. */
async function terminate(server: CliServer): Promise<number | null> {
  const exited = once(server.child, 'exit') as Promise<[number | null]>;
  server.child.kill('SIGTERM');
  const [code] = await exited;
  return code;
}

const connection = (page: Page) =>
  page.evaluate(
    () =>
      (document.querySelector('live-chat') as unknown as {client?: {connection: string}}).client
        ?.connection,
  );

describe('graceful shutdown (SIGTERM)', () => {
  let browser: Browser;
  let dataDir: string;
  let port: number;
  let server: CliServer | null = null;

  before(async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-term-'));
    port = await freePort();
    browser = await launchBrowser();
    server = await startCliServer(port, dataDir, SERVER_ARGS);
  });
  after(async () => {
    await server?.kill();
    await browser?.close();
    await rm(dataDir, {recursive: true, force: true});
  });

  it('closes WebSockets with 1001 "server shutting down", checkpoints SQLite, exits 0', async () => {
    const client = await connectDdp(server!.url);
    const code = await terminate(server!);
    assert.deepEqual(await client.closed, {code: 1001, reason: 'server shutting down'});
    assert.equal(code, 0);
    // The WAL was folded into the database file before it closed.
    const wal = join(dataDir, 'live-chat.sqlite-wal');
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'WAL left behind');
    server = await startCliServer(port, dataDir, SERVER_ARGS);
  });

  it('the widget and the console reconnect quietly to the restarted server', async () => {
    const url = server!.url;
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('live-chat').evaluate((el) => (el as HTMLElement & {show(): void}).show());
    await send(page, 'Before the restart');
    await log(page).locator('.message.sent', {hasText: 'Before the restart'}).waitFor();
    const rid = await roomOf(page);

    const desk = await consoleOf(browser, url, TEST_AGENT);
    const chats = desk.getByRole('navigation', {name: /Open chats/});
    await chats.getByRole('button').first().click();
    await desk.getByRole('log').getByText('Before the restart').waitFor();

    assert.equal(await terminate(server!), 0);
    server = null;
    await page.waitForFunction(
      () =>
        (document.querySelector('live-chat') as unknown as {client?: {connection: string}}).client
          ?.connection === 'reconnecting',
    );
    await desk.getByRole('status').getByText('Connection lost. Reconnecting…').waitFor();

    server = await startCliServer(port, dataDir, SERVER_ARGS);
    await send(page, 'After the restart');
    await log(page).locator('.message.sent', {hasText: 'After the restart'}).waitFor();
    await desk.getByRole('log').getByText('After the restart').waitFor();
    await desk
      .getByRole('status')
      .getByText('Connection lost. Reconnecting…')
      .waitFor({state: 'detached'});
    const agent = await agentOf(url);
    await agent.reply(rid, 'Welcome back');
    await shows(page, 'Welcome back');
    assert.equal(await connection(page), 'connected');
    // A restart is not an error: no `lc-error`, no alert text in the widget.
    assert.ok(!(await lcEventTypes(page)).includes('lc-error'));
    const alerts = await page
      .locator('live-chat [role="alert"]')
      .evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
    assert.deepEqual(alerts.filter(Boolean), []);
    await context.close();
    await desk.context().close();
  });
});
