import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, BrowserContext, Page, WebSocketRoute} from 'playwright';
import {
  log,
  newContext,
  openChat,
  roomOf,
  send,
  shows,
  texts,
  useWidgetSuite,
  type Agent,
} from '../helpers/node/widget-site.js';

const WEBSOCKET = /\/websocket$/;

/** Each live socket through the proxy: the page side, and what to do with server frames. */
interface Link {
  page: WebSocketRoute;
  server: WebSocketRoute;
  /** Drops server→client frames (half-open link) while true. */
  swallow: boolean;
}

/**
 * A loopback proxy on the page's DDP socket: every connection goes to the real server; each
 * server frame passes through `shape`, which returns the frames to deliver (none, one, more).
 */
async function proxy(
  page: Page,
  shape: (frame: string, link: Link) => string[] = (frame) => [frame],
): Promise<Link[] & {reached(count: number): Promise<void>}> {
  let notify = () => {};
  const links = Object.assign([] as Link[], {
    async reached(count: number) {
      while (links.length < count) await new Promise<void>((resolve) => (notify = resolve));
    },
  });
  await page.routeWebSocket(WEBSOCKET, (ws) => {
    const link: Link = {page: ws, server: ws.connectToServer(), swallow: false};
    links.push(link);
    notify();
    link.server.onMessage((frame) => {
      if (link.swallow) return;
      for (const out of shape(String(frame), link)) ws.send(out);
    });
    ws.onMessage((frame) => link.server.send(frame));
  });
  return links;
}

/** Sent messages show without "Sending…" or "Not sent". */
async function settled(page: Page, text: string): Promise<void> {
  await log(page).locator('.message.sent', {hasText: text}).waitFor();
}

describe('transport faults (docs/reliability.md T1–T7, T13)', () => {
  let browser: Browser;
  let agent: Agent;
  let url: string;
  useWidgetSuite((suite) => void ({browser, agent, shop: url} = suite));

  /** Loads the widget in `page` and starts a chat with `text`; resolves the room id. */
  async function chatting(page: Page, text: string): Promise<string> {
    await page.goto(url);
    await openChat(page);
    await send(page, text);
    await settled(page, text);
    return roomOf(page);
  }

  /** The visitor and agent texts the server stored for the room, in order. */
  async function storedTexts(rid: string): Promise<string[]> {
    return (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
  }

  it('T1: a lost request or a lost answer is resent with the same id, stored once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await proxy(page, (frame) => (frame.includes('Answer lost') ? [] : [frame]));
    const rid = await chatting(page, 'Opening line');
    const posts: string[] = [];
    const lookups: string[] = [];
    let fault: 'before' | 'after' | null = 'before';
    await page.route('**/api/v1/livechat/message**', async (route) => {
      const request = route.request();
      if (/\/livechat\/message\//.test(request.url())) lookups.push(request.url());
      if (request.method() !== 'POST') return route.continue();
      posts.push(request.postDataJSON()._id);
      const now = fault;
      fault = null;
      if (now === 'after') await route.fetch();
      if (now) return route.abort('connectionreset');
      return route.continue();
    });

    await send(page, 'Lost on the way');
    await settled(page, 'Lost on the way');
    fault = 'after';
    await send(page, 'Answer lost');
    await settled(page, 'Answer lost');

    assert.equal(posts.length, 4);
    assert.equal(posts[0], posts[1], 'resent under its id');
    assert.equal(posts[2], posts[3], 'resent under its id');
    assert.equal(lookups.length, 1, 'the refused resend was looked up');
    assert.ok(lookups[0].includes(`/message/${posts[2]}`));
    const stored = await storedTexts(rid);
    assert.deepEqual(stored, ['Opening line', 'Lost on the way', 'Answer lost']);
    assert.deepEqual(await texts(page), stored);
    assert.equal(await log(page).getByText('Not sent').count(), 0);
    await context.close();
  });

  it('T3: every server frame twice: each message still renders once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await proxy(page, (frame) => [frame, frame]);
    const rid = await chatting(page, 'Echo, echo');
    await agent.reply(rid, 'Heard you once');
    await shows(page, 'Heard you once');
    await send(page, 'Once more');
    await settled(page, 'Once more');
    await agent.reply(rid, 'And once again');
    await shows(page, 'And once again');
    const expected = ['Echo, echo', 'Heard you once', 'Once more', 'And once again'];
    assert.deepEqual(await texts(page), expected);
    assert.deepEqual(await storedTexts(rid), expected);
    await context.close();
  });

  it('T4: a delayed frame lands in its place; the log follows the server order', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let late: {frame: string; link: Link} | null = null;
    await proxy(page, (frame, link) => {
      if (!frame.includes('Late first')) return [frame];
      late = {frame, link};
      return [];
    });
    const caughtUp = page.waitForResponse(/messages\.history/);
    const rid = await chatting(page, 'Start');
    await caughtUp;
    await agent.reply(rid, 'Late first');
    await agent.reply(rid, 'Then second');
    await agent.reply(rid, 'Then third');
    await shows(page, 'Then third');
    assert.deepEqual(await texts(page), ['Start', 'Then second', 'Then third']);
    const held = late as {frame: string; link: Link} | null;
    assert.ok(held, 'the first reply was held back');
    held.link.page.send(held.frame);
    await shows(page, 'Late first');
    assert.deepEqual(await texts(page), ['Start', 'Late first', 'Then second', 'Then third']);
    await context.close();
  });

  it('T6: a half-open link is dropped within two heartbeats, then caught up', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.clock.install();
    const links = await proxy(page);
    // The catch-up after subscribing would fetch the reply over REST: let it pass first.
    const caughtUp = page.waitForResponse(/messages\.history/);
    const rid = await chatting(page, 'Are you there?');
    await caughtUp;
    links[0].swallow = true;
    await agent.reply(rid, 'Lost on a dead link');
    await send(page, 'Sent over REST meanwhile');
    await settled(page, 'Sent over REST meanwhile');
    assert.equal(await log(page).getByText('Lost on a dead link').count(), 0);

    await page.clock.runFor(34_000);
    assert.equal(links.length, 1, 'not dropped before 35 s of silence');
    let elapsed = 34_000;
    while (links.length === 1 && elapsed < 50_000) {
      await page.clock.runFor(500);
      elapsed += 500;
    }
    assert.equal(links.length, 2, `reconnected after ${elapsed} ms`);
    await shows(page, 'Lost on a dead link');
    assert.deepEqual(await texts(page), [
      'Are you there?',
      'Lost on a dead link',
      'Sent over REST meanwhile',
    ]);
    await context.close();
  });

  it('T5 + T7: offline for 30 s, back online: all five replies once, at once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.clock.install();
    const links = await proxy(page);
    const rid = await chatting(page, 'Going into a tunnel');
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(now + 1_000);

    await context.setOffline(true);
    // Going offline does not end an open socket in Chromium; a real network loss does.
    for (const link of links) await link.page.close({code: 1006, reason: 'network lost'});
    for (let i = 1; i <= 5; i++) await agent.reply(rid, `Reply ${i} of 5`);
    await page.clock.runFor(30_000);
    assert.equal(
      await log(page)
        .getByText(/Reply \d of 5/)
        .count(),
      0,
    );
    const before = links.length;
    await context.setOffline(false);
    await shows(page, 'Reply 5 of 5');
    assert.equal(links.length, before + 1, 'one new connection, without waiting for a timer');
    assert.deepEqual(await texts(page), [
      'Going into a tunnel',
      ...[1, 2, 3, 4, 5].map((i) => `Reply ${i} of 5`),
    ]);

    await links.at(-1)!.page.close({code: 1006, reason: 'network switch'});
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await links.reached(before + 2);
    await agent.reply(rid, 'Back after the switch');
    await shows(page, 'Back after the switch');
    await context.close();
  });

  it('T13: with the visitor’s clock 5 h off, the log keeps the server’s order', async () => {
    for (const skew of [5 * 3600_000, -5 * 3600_000]) {
      const context: BrowserContext = await newContext(browser);
      const page = await context.newPage();
      await page.clock.install({time: Date.now() + skew});
      const rid = await chatting(page, `First (${skew > 0 ? 'ahead' : 'behind'})`);
      await agent.reply(rid, 'Second, from the agent');
      await shows(page, 'Second, from the agent');
      await send(page, 'Third, from the visitor');
      assert.equal((await texts(page)).at(-1), 'Third, from the visitor', 'pending goes last');
      await settled(page, 'Third, from the visitor');
      const expected = await storedTexts(rid);
      assert.equal(expected.length, 3);
      assert.deepEqual(await texts(page), expected);
      await context.close();
    }
  });
});
