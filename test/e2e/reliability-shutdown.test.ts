import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {existsSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {useCliSuite, type CliServer} from '../helpers/node/cli-server.js';
import {TEST_AGENT, connectDdp} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  connectionOf,
  lcEventTypes,
  log,
  newContext,
  roomOf,
  send,
  showWindow,
  shows,
  waitForConnection,
} from '../helpers/node/widget-site.js';

const SERVER_ARGS = ['--registration-form', 'off'];

/** SIGTERM, as a service manager stops the server; resolves the exit code. */
async function terminate(server: CliServer): Promise<number | null> {
  const exited = once(server.child, 'exit') as Promise<[number | null]>;
  server.child.kill('SIGTERM');
  const [code] = await exited;
  return code;
}

describe('graceful shutdown (SIGTERM)', () => {
  const stage = useCliSuite(SERVER_ARGS);

  it('closes WebSockets with 1001 "server shutting down", checkpoints SQLite, exits 0', async () => {
    const client = await connectDdp(stage.server!.url);
    const code = await terminate(stage.server!);
    assert.deepEqual(await client.closed, {code: 1001, reason: 'server shutting down'});
    assert.equal(code, 0);
    // The WAL was folded into the database file before it closed.
    const wal = join(stage.dataDir, 'live-chat.sqlite-wal');
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'WAL left behind');
    await stage.start();
  });

  it('the widget and the console reconnect quietly to the restarted server', async () => {
    const url = stage.server!.url;
    const context = await newContext(stage.browser);
    const page = await context.newPage();
    await page.goto(url);
    await showWindow(page);
    await send(page, 'Before the restart');
    await log(page).locator('.message.sent', {hasText: 'Before the restart'}).waitFor();
    const rid = await roomOf(page);

    const desk = await consoleOf(stage.browser, url, TEST_AGENT);
    await chatList(desk).getByRole('button').first().click();
    await desk.getByRole('log').getByText('Before the restart').waitFor();

    assert.equal(await terminate(stage.server!), 0);
    stage.server = null;
    await waitForConnection(page, 'reconnecting');
    await desk.getByRole('status').getByText('Connection lost. Reconnecting…').waitFor();

    await stage.start();
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
    assert.equal(await connectionOf(page), 'connected');
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
