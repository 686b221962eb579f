import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
import {RECONNECT_INITIAL_MS, RECONNECT_MAX_MS} from '../../src/core/transport/backoff.js';
import {startRefusingProxy, type RefusingProxy} from '../helpers/node/refusing-proxy.js';
import {
  log,
  newContext,
  openChat,
  roomOf,
  send,
  shows,
  useWidgetSuite,
  widget,
  widgetHtml,
  type Agent,
} from '../helpers/node/widget-site.js';

// Each WebSocket the page makes, with the (fake) time it was made and when it closed or opened,
// and every `lc-error` code. A string: see RECORDER in widget-site.ts.
const SOCKET_LOG = `
  window.sockets = [];
  window.errorCodes = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const entry = {madeAt: Date.now(), closedAt: null, openedAt: null};
      window.sockets.push(entry);
      this.addEventListener('open', () => (entry.openedAt = Date.now()));
      this.addEventListener('close', () => (entry.closedAt = Date.now()));
    }
  };
  document.addEventListener('lc-error', (event) => window.errorCodes.push(event.detail.error.code));
`;

interface SocketEntry {
  madeAt: number;
  closedAt: number | null;
  openedAt: number | null;
}

/** What SOCKET_LOG keeps on `window`. */
interface PageLog {
  sockets: SocketEntry[];
  errorCodes: string[];
}

const sockets = (page: Page) => page.evaluate(() => (window as unknown as PageLog).sockets);
const errorCodes = (page: Page) => page.evaluate(() => (window as unknown as PageLog).errorCodes);

/** The newest socket once it has either opened or closed, and how many there are. */
async function newestSocket(page: Page): Promise<{count: number; last: SocketEntry}> {
  const handle = await page.waitForFunction(
    () => {
      const all = (window as unknown as PageLog).sockets;
      const last = all.at(-1);
      const isSettled = last && (last.openedAt !== null || last.closedAt !== null);
      return isSettled ? {count: all.length, last} : null;
    },
    null,
    {polling: 20},
  );
  return (await handle.jsonValue()) as {count: number; last: SocketEntry};
}

describe('a server that refuses the live link (docs/reliability.md T14)', () => {
  let proxy: RefusingProxy;
  let browser: Browser;
  let agent: Agent;
  // The shop page talks to the server through the proxy.
  useWidgetSuite(async (suite) => {
    ({browser, agent} = suite);
    proxy = await startRefusingProxy(suite.site.server.port, 0);
    await suite.site.page('shop.html', widgetHtml(proxy.url));
  });
  after(async () => {
    await proxy?.close();
  });

  it('T14: ten refused upgrades: growing, capped, jittered waits, then it connects and works', async () => {
    const context = await newContext(browser);
    await context.addInitScript(SOCKET_LOG);
    const page = await context.newPage();
    await page.clock.install();
    proxy.refusals = 0;
    await page.goto(`${proxy.url}/shop.html`);
    await openChat(page);
    await send(page, 'Hello before the outage');
    await log(page).locator('.message.sent', {hasText: 'before the outage'}).waitFor();
    const rid = await roomOf(page);
    await page.waitForFunction(() => {
      const [first] = (window as unknown as PageLog).sockets;
      return Number(first?.openedAt) > 0;
    });

    // From here time moves only when the test says so (a jump would fire timers late).
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(now + 1000);
    const upgradesBefore = proxy.upgrades;
    proxy.refusals = 10;
    proxy.dropLinks();
    await page.waitForFunction(() => (window as unknown as PageLog).sockets[0].closedAt !== null);
    for (;;) {
      const {count, last} = await newestSocket(page);
      if (count > 1 && last.openedAt !== null) break;
      // Longer than any visible wait: the timer due in this window makes the next attempt.
      await page.clock.runFor(RECONNECT_MAX_MS);
    }
    await proxy.upgradesReached(upgradesBefore + 11);
    const made = await sockets(page);
    assert.equal(made.length, 12, 'the lost link, ten refusals, then one that went through');
    assert.equal(proxy.refusals, 0);
    const delays = made.slice(1).map((socket, i) => socket.madeAt - made[i].closedAt!);
    delays.forEach((delay, i) => {
      const base = Math.min(RECONNECT_INITIAL_MS * 2 ** i, RECONNECT_MAX_MS / 1.5);
      assert.ok(
        delay >= Math.floor(base * 0.5) && delay <= Math.ceil(base * 1.5),
        `wait ${i + 1} is ${delay} ms, outside ${base} ms ± 50 % (${delays})`,
      );
    });
    assert.ok(Math.max(...delays) <= RECONNECT_MAX_MS, `capped at 10 s: ${delays}`);
    const capped = delays.slice(5);
    assert.ok(new Set(capped).size > 1, `jittered, not all equal: ${capped}`);
    assert.ok(delays[4] > delays[0], `growing: ${delays}`);

    // Time flows again; the link works both ways.
    await page.clock.resume();
    await agent.reply(rid, 'Now you hear me live');
    await shows(page, 'Now you hear me live');
    await send(page, 'Back in business');
    await log(page).locator('.message.sent', {hasText: 'Back in business'}).waitFor();
    assert.deepEqual(
      (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg),
      ['Hello before the outage', 'Now you hear me live', 'Back in business'],
    );
    assert.deepEqual(await errorCodes(page), []);
    await context.close();
  });

  it('T14 + T15: a fatal answer stops the retries and says so', async () => {
    const context = await newContext(browser);
    await context.addInitScript(SOCKET_LOG);
    const page = await context.newPage();
    await page.clock.install();
    proxy.refusals = 0;
    let connections = 0;
    // A widget the server cannot speak with: its `connect` asks for a DDP version the real
    // server does not have, which answers `failed` and closes with 1002.
    await page.routeWebSocket(/\/websocket$/, (ws) => {
      connections += 1;
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        const text = String(frame);
        const isConnect = text.includes('"msg":"connect"');
        server.send(isConnect ? text.replace(/"version":"1"/, '"version":"9"') : text);
      });
    });
    await page.goto(`${proxy.url}/shop.html`);
    await openChat(page);
    await send(page, 'Anyone there?');
    await log(page).locator('.message.sent', {hasText: 'Anyone there?'}).waitFor();
    const status = widget(page).getByRole('status');
    await status.getByText('The chat server refused the connection').waitFor();
    assert.deepEqual(await errorCodes(page), ['incompatible-server']);

    await page.clock.runFor(10 * 60_000);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.clock.runFor(60_000);
    assert.equal(connections, 1, 'no second attempt');
    await status.getByText('The chat server refused the connection').waitFor();
    await context.close();
  });
});
