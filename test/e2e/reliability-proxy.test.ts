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

/** A suite and the proxy in front of its server, once `before` ran. */
interface ProxiedSuite {
  suite: ShopSuite;
  proxy: ForwardingProxy;
}

/**
 * Starts, for the enclosing `describe`, a suite whose server pings a silent client after
 * `pingAfterMs`, behind a proxy cutting links idle for `idleMs`.
 */
function useProxiedSuite(pingAfterMs: number, idleMs: number): ProxiedSuite {
  const proxied = {} as ProxiedSuite;
  useWidgetSuite((started) => void (proxied.suite = started), {
    heartbeat: {pingAfterMs, timeoutMs: pingAfterMs * 20},
    trustProxy: ['127.0.0.1'],
  });
  before(async () => {
    proxied.proxy = await startForwardingProxy(proxied.suite.site.server.port, {idleMs});
  });
  after(async () => proxied.proxy?.close());
  return proxied;
}

/**
 * Opens a page of the shop served through the proxy, whose widget talks to the server through
 * it too, and starts a chat with `text`; resolves the page and the room id once the link is up.
 */
async function chatBehind({suite, proxy}: ProxiedSuite, text: string) {
  await suite.site.page('proxied.html', widgetHtml(proxy.url));
  const page = await (await newContext(suite.browser)).newPage();
  await page.goto(`${proxy.url}/proxied.html`);
  const rid = await startChat(page, text);
  await waitForConnection(page, 'connected');
  await recordConnection(page);
  return {page, rid};
}

describe('behind a proxy that cuts links idle for 60 s (at 1/100 of the time)', () => {
  // The server pings a silent client after 25 s: 250 ms here, under a 600 ms proxy timeout.
  const proxied = useProxiedSuite(250, 600);

  it("an idle visitor's link stays up: the server's pings keep the proxy from cutting it", async () => {
    const {suite, proxy} = proxied;
    const {page, rid} = await chatBehind(proxied, 'Do you ship to Norway?');
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
  const proxied = useProxiedSuite(20_000, 400);

  it('a cut link is noticed at once, comes back, and the reply sent meanwhile shows once', async () => {
    const {suite, proxy} = proxied;
    const {page, rid} = await chatBehind(proxied, 'Is the red frame in stock?');
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
