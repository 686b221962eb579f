import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {startForwardingProxy, type ForwardingProxy} from '../helpers/node/forwarding-proxy.js';
import {until} from '../helpers/node/server-fixture.js';
import {
  newContext,
  shows,
  startChat,
  texts,
  useWidgetSuite,
  waitForConnection,
  widgetHtml,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

/** Records the widget's connection changes (`window.linkLog`) from now on. */
function recordConnection(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as {linkLog: string[]}).linkLog = log;
    document.querySelector('live-chat')!.addEventListener('lc-connection-change', (event) => {
      log.push((event as CustomEvent<{connection: string}>).detail.connection);
    });
  });
}

const linkLog = (page: Page) =>
  page.evaluate(() => (window as unknown as {linkLog: string[]}).linkLog);

/**
 * Starts a forwarding proxy in front of the suite's server and a shop page served through it,
 * whose widget talks to the server through it too; resolves the page's URL.
 */
async function shopBehind(suite: ShopSuite, proxy: ForwardingProxy): Promise<string> {
  await suite.site.page('proxied.html', widgetHtml(proxy.url));
  return `${proxy.url}/proxied.html`;
}

describe('behind a proxy that cuts links idle for 60 s (at 1/100 of the time)', () => {
  let suite: ShopSuite;
  let proxy: ForwardingProxy;
  // The server pings a silent client after 25 s: 250 ms here, under a 600 ms proxy timeout.
  useWidgetSuite((started) => void (suite = started), {
    heartbeat: {pingAfterMs: 250, timeoutMs: 5_000},
    trustProxy: ['127.0.0.1'],
  });
  before(async () => {
    proxy = await startForwardingProxy(suite.site.server.port, {idleMs: 600});
  });
  after(async () => proxy?.close());

  it("an idle visitor's link stays up: the server's pings keep the proxy from cutting it", async () => {
    const page = await (await newContext(suite.browser)).newPage();
    await page.goto(await shopBehind(suite, proxy));
    const rid = await startChat(page, 'Do you ship to Norway?');
    await waitForConnection(page, 'connected');
    await recordConnection(page);
    // Nothing to say for a while: wait until the server has spoken twelve more times (≥ 3 s,
    // five proxy timeouts), pings and nothing else.
    const spoken = proxy.serverChunks;
    await until(() => proxy.serverChunks >= spoken + 12, 'twelve frames from the server');
    assert.equal(proxy.cuts, 0, 'the proxy never found the link idle');
    assert.deepEqual(await linkLog(page), [], 'the widget never lost its link');
    await suite.agent.reply(rid, 'Yes, in 3 to 5 days.');
    await shows(page, 'Yes, in 3 to 5 days.');
    assert.equal(proxy.links, 1, 'on the same socket');
    await page.context().close();
  });
});

describe('behind a proxy whose idle timeout is shorter than the heartbeat', () => {
  let suite: ShopSuite;
  let proxy: ForwardingProxy;
  useWidgetSuite((started) => void (suite = started), {
    heartbeat: {pingAfterMs: 20_000, timeoutMs: 60_000},
    trustProxy: ['127.0.0.1'],
  });
  before(async () => {
    proxy = await startForwardingProxy(suite.site.server.port, {idleMs: 400});
  });
  after(async () => proxy?.close());

  it('a cut link is noticed at once, comes back, and the reply sent meanwhile shows once', async () => {
    const page = await (await newContext(suite.browser)).newPage();
    await page.goto(await shopBehind(suite, proxy));
    const rid = await startChat(page, 'Is the red frame in stock?');
    await waitForConnection(page, 'connected');
    await recordConnection(page);
    const cutsBefore = proxy.cuts;
    await until(() => proxy.cuts > cutsBefore, 'the proxy to cut the idle link');
    // The cut reaches the widget as a close: it says so and reconnects.
    await page.waitForFunction(
      () => (window as unknown as {linkLog: string[]}).linkLog.includes('reconnecting'),
      null,
      {polling: 20},
    );
    await suite.agent.reply(rid, 'One left in size M.');
    await shows(page, 'One left in size M.');
    await waitForConnection(page, 'connected');
    assert.deepEqual(
      (await texts(page)).filter((text) => text === 'One left in size M.'),
      ['One left in size M.'],
    );
    await page.context().close();
  });
});
