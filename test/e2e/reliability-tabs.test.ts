import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {BrowserContext, Page, Route, WebSocketRoute} from 'playwright';
import {
  agentSays,
  log,
  newContext,
  openChat,
  openPage,
  roomOf,
  send,
  shows,
  startChat,
  texts,
  useWidgetSuite,
  waitForConnection,
  waitForStored,
  widget,
  widgetHtml,
  type ShopSuite,
} from '../helpers/node/widget-site.js';
import {DEAD_AFTER_MS} from '../../src/core/transport/heartbeat.js';

const tones = (page: Page) => page.evaluate(() => (window as {tones?: number}).tones ?? 0);
const tokenOf = (page: Page) =>
  widget(page).evaluate(
    (el) => (el as {client?: {visitor?: {token: string}}}).client?.visitor?.token,
  );

/**
 * Waits until `page` holds the widget's sound lock (compares Web Lock client ids, so the
 * widget needs no test hook): taking the lock over is asynchronous.
 */
async function playsSound(page: Page, server: string): Promise<void> {
  await page.evaluate(async (name) => {
    const probe = `probe-${Math.random()}`;
    const me = await navigator.locks.request(
      probe,
      async () => (await navigator.locks.query()).held?.find((l) => l.name === probe)?.clientId,
    );
    const holder = async () =>
      (await navigator.locks.query()).held?.find((l) => l.name === name)?.clientId;
    while ((await holder()) !== me) {
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    }
  }, `live-chat:sound:${server}`);
}

/** Two tabs (pages of one context) at `url`. */
async function twoTabs(suite: ShopSuite, url: string) {
  const context = await newContext(suite.browser);
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(url);
  await b.goto(url);
  return {context, a, b};
}

/** Holds back every message `page` sends (`POST livechat/message`): no answer ever comes. */
async function stallSends(page: Page): Promise<Route[]> {
  const held: Route[] = [];
  await page.route('**/api/v1/livechat/message', (route) => {
    if (route.request().method() === 'POST') held.push(route);
    else return route.continue();
  });
  return held;
}

/** The texts of the messages `page` posts to the server from now on. */
function postedTexts(page: Page): string[] {
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/livechat/message')) return;
    posted.push((request.postDataJSON() as {msg: string}).msg);
  });
  return posted;
}

/**
 * Lets `page` lose the network on its own, as a laptop that drops off the Wi-Fi would while
 * other tabs of the context stay online: requests fail, and its WebSocket closes, or with
 * `silent` stays open while its frames vanish (only a heartbeat can tell).
 */
async function ownNetwork(context: BrowserContext, page: Page, {silent = false} = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let isOffline = false;
  const links: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/websocket$/, (ws) => {
    if (isOffline) return void ws.close();
    const server = ws.connectToServer();
    links.push(ws);
    if (!silent) return;
    ws.onMessage((frame) => void (isOffline || server.send(frame)));
    server.onMessage((frame) => void (isOffline || ws.send(frame)));
  });
  const emulate = (offline: boolean) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  return {
    async goOffline() {
      isOffline = true;
      await emulate(true);
      if (!silent) for (const ws of links.splice(0)) await ws.close();
    },
    async goOnline() {
      isOffline = false;
      await emulate(false);
    },
  };
}

/** The log's messages of `page` whose text is in `wanted`, as `text: status`, in order. */
async function statusesOf(page: Page, wanted: readonly string[]): Promise<string[]> {
  const items = await log(page)
    .locator('.message:not(.system)')
    .evaluateAll((nodes) =>
      nodes.map((node) => {
        const status = ['pending', 'failed', 'sent'].find((s) => node.classList.contains(s));
        return [node.querySelector('.text')?.textContent?.trim() ?? '', status ?? ''];
      }),
    );
  return items.filter(([text]) => wanted.includes(text)).map(([text, s]) => `${text}: ${s}`);
}

describe('T11: one conversation in many tabs', () => {
  let suite: ShopSuite;
  let url: string;
  /** The shop whose tabs each keep a live link of their own (`no-shared-link`). */
  let ownLinks: string;
  useWidgetSuite(async (started) => {
    ({shop: url} = suite = started);
    const html = widgetHtml(suite.site.url, 'no-shared-link');
    ownLinks = await suite.site.page('own-links.html', html);
  });

  /** Rooms the agent serves for the visitor with `token`. */
  async function roomsOf(token: string): Promise<number> {
    return (await suite.agent.rooms()).filter((room) => room.v.token === token).length;
  }

  /** The texts the server stored in `rid` (no system messages), in order. */
  async function storedTexts(rid: string): Promise<string[]> {
    return (await suite.agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
  }

  it('shows one transcript in both tabs, one sound per message, and ends everywhere', async () => {
    const {site, agent} = suite;
    const {context, a, b} = await twoTabs(suite, url);
    const rid = await startChat(a, 'Hello from tab A');
    assert.equal(await roomOf(b), rid, 'tab B follows the same chat');
    await openChat(b);
    await shows(b, 'Hello from tab A');
    await playsSound(b, site.url);

    await agentSays(agent, rid, 'One reply, one sound', [a, b]);
    assert.deepEqual([await tones(a), await tones(b)], [0, 1], 'played by the tab used last');

    await send(b, 'Hello from tab B');
    await shows(a, 'Hello from tab B');
    await a.bringToFront();
    await a.getByRole('heading', {name: 'Shop'}).click();
    await playsSound(a, site.url);
    await agentSays(agent, rid, 'A second reply', [a, b]);
    assert.deepEqual([await tones(a), await tones(b)], [1, 1]);

    const expected = [
      'Hello from tab A',
      'One reply, one sound',
      'Hello from tab B',
      'A second reply',
    ];
    assert.deepEqual(await texts(a), expected);
    assert.deepEqual(await texts(b), expected);
    const token = (await tokenOf(a))!;
    assert.equal(await tokenOf(b), token);
    assert.equal(await roomsOf(token), 1, 'never a second room');

    await a.bringToFront();
    const dialog = widget(a).getByRole('dialog');
    await dialog.getByRole('button', {name: 'End chat'}).click();
    await dialog.getByRole('group').getByRole('button', {name: 'End chat'}).click();
    await widget(b).getByRole('button', {name: 'Start a new chat'}).waitFor();
    await widget(a).getByRole('button', {name: 'Start a new chat'}).waitFor();
    assert.equal(await roomsOf(token), 0);
    await context.close();
  });

  it('two tabs writing at the same moment still make one visitor and one room', async () => {
    const context = await newContext(suite.browser);
    const [a, b] = [await context.newPage(), await context.newPage()];
    await Promise.all([a.goto(url), b.goto(url)]);
    await openChat(a);
    await openChat(b);
    await Promise.all([send(a, 'Me first'), send(b, 'No, me first')]);
    await Promise.all([shows(a, 'No, me first'), shows(b, 'Me first')]);
    const token = (await tokenOf(a))!;
    assert.equal(await tokenOf(b), token);
    assert.equal(await roomOf(a), await roomOf(b));
    assert.equal(await roomsOf(token), 1);
    await context.close();
  });

  it('no-sound keeps every tab quiet', async () => {
    const quiet = await suite.site.page('quiet.html', widgetHtml(suite.site.url, 'no-sound'));
    const {context, page} = await openPage(suite.browser, quiet);
    await suite.agent.reply(await startChat(page, 'Shh'), 'Quietly noted');
    await log(page).getByText('Quietly noted').waitFor();
    assert.equal(await tones(page), 0);
    await context.close();
  });

  it('a closed tab’s unsent messages are sent by the open tab, once and in order', async () => {
    const {context, a, b} = await twoTabs(suite, url);
    const rid = await startChat(a, 'Before the stall');
    await openChat(b);
    const held = await stallSends(a);
    const firstTry = a.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/message'));
    const unsent = ['Stalled one', 'Stalled two', 'Stalled three'];
    for (const text of unsent) await send(a, text);
    await waitForStored(b, (r: {outbox: unknown[]}) => r.outbox.length === 3);
    await firstTry;
    await agentSays(suite.agent, rid, 'Still there?', [a, b]);
    const tried = held.map((route) => (route.request().postDataJSON() as {msg: string}).msg);
    assert.deepEqual(new Set(tried), new Set(['Stalled one']), 'the others wait behind the first');
    assert.deepEqual(await storedTexts(rid), ['Before the stall', 'Still there?']);
    assert.deepEqual(await statusesOf(b, unsent), [], 'tab B leaves a live tab’s messages alone');

    await a.close();
    for (const text of unsent) {
      await log(b).locator('.message.sent', {hasText: text}).waitFor();
    }
    assert.deepEqual(await storedTexts(rid), ['Before the stall', 'Still there?', ...unsent]);
    assert.deepEqual(await texts(b), ['Before the stall', 'Still there?', ...unsent]);
    await waitForStored(b, (r: {outbox: unknown[]}) => r.outbox.length === 0);
    await context.close();
  });

  // A tab that loses the network alone needs a socket of its own: tabs that share one link
  // share its fate (and in a real browser, tabs share the network anyway).
  it('an offline tab’s messages go out through the online tab, never twice', async () => {
    const {context, a, b} = await twoTabs(suite, ownLinks);
    const network = await ownNetwork(context, a);
    const rid = await startChat(a, 'Both tabs online');
    await openChat(b);
    await shows(b, 'Both tabs online');
    const posted = postedTexts(a);
    await network.goOffline();
    await waitForConnection(a, 'reconnecting');
    const offline = ['Written offline', 'And a second one'];
    for (const text of offline) await send(a, text);
    for (const text of offline) await log(b).locator('.message.sent', {hasText: text}).waitFor();
    const all = ['Both tabs online', ...offline];
    assert.deepEqual(await storedTexts(rid), all);
    assert.deepEqual(
      await statusesOf(a, offline),
      offline.map((t) => `${t}: pending`),
    );

    await network.goOnline();
    for (const text of offline) await log(a).locator('.message.sent', {hasText: text}).waitFor();
    assert.deepEqual(await texts(a), all);
    assert.deepEqual(await texts(b), all);
    assert.deepEqual(await storedTexts(rid), all);
    assert.deepEqual(posted, [], 'tab A never sent them itself');
    await context.close();
  });

  it('a tab whose socket stays open offline hands its messages over within one ping', async () => {
    const context = await newContext(suite.browser);
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.clock.install();
    await a.goto(ownLinks);
    await b.goto(ownLinks);
    const network = await ownNetwork(context, a, {silent: true});
    const rid = await startChat(a, 'Before the drop');
    await openChat(b);
    await shows(b, 'Before the drop');
    await network.goOffline();
    await send(a, 'Lost in the silence');
    // The heartbeat alone would wait out 25 s of silence first; `offline` pings at once.
    await a.clock.runFor(DEAD_AFTER_MS);
    await log(b).locator('.message.sent', {hasText: 'Lost in the silence'}).waitFor();
    assert.deepEqual(await storedTexts(rid), ['Before the drop', 'Lost in the silence']);
    await context.close();
  });
});
