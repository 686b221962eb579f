import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
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

/** DevTools' "Slow 3G" as docs/reliability.md T12 gives it: 2 s latency, ~50 KB/s. */
const SLOW_3G = {
  offline: false,
  latency: 2000,
  downloadThroughput: 50 * 1024,
  uploadThroughput: 50 * 1024,
};
// Slow 3G makes every request take seconds: waits get room, no assertion is about time.
const PATIENCE = {timeout: 90_000};

/**
 * Puts the page's network under Slow 3G from `slow()` on, across reloads. Chromium's emulation
 * delays HTTP answers but not WebSocket frames, so the socket is routed through a relay that
 * holds each frame for the same latency (in arrival order).
 */
async function slow3g(page: Page): Promise<() => Promise<void>> {
  let latencyMs = 0;
  const later = (deliver: () => void) => setTimeout(deliver, latencyMs);
  await page.routeWebSocket(/\/websocket$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => later(() => ws.send(frame)));
    ws.onMessage((frame) => later(() => server.send(frame)));
  });
  return async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    latencyMs = SLOW_3G.latency;
  };
}

describe('a slow 3G link (docs/reliability.md T12)', () => {
  let browser: Browser;
  let agent: Agent;
  let url: string;
  useWidgetSuite((suite) => void ({browser, agent, shop: url} = suite));

  it('T12: pending before the ack, sent once, no early resend; history after a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const slow = await slow3g(page);
    await page.goto(url);
    await openChat(page);
    await send(page, 'Hello from the countryside');
    await log(page).locator('.message.sent', {hasText: 'countryside'}).waitFor();
    const rid = await roomOf(page);

    await slow();
    const posts: string[] = [];
    let isAnswered = false;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/livechat/message')) {
        posts.push(request.postDataJSON()._id);
      }
    });
    page.on('requestfinished', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/livechat/message')) {
        isAnswered = true;
      }
    });
    await send(page, 'Is the order on its way?');
    const pending = log(page).locator('.message.pending', {hasText: 'order on its way'});
    await pending.getByText('Sending…').waitFor();
    assert.equal(isAnswered, false, 'the bubble shows while the send is still unanswered');
    // The ack is the answer or the echo on the live link, whichever comes first.
    await log(page).locator('.message.sent', {hasText: 'order on its way'}).waitFor(PATIENCE);
    assert.equal(posts.length, 1, 'sent once: nothing was resent before the ack came');
    const stored = (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(stored, ['Hello from the countryside', 'Is the order on its way?']);

    await page.reload({waitUntil: 'domcontentloaded', ...PATIENCE});
    // Said while the page reloads: only the server's history can bring it.
    await agent.reply(rid, 'Yes, it ships today');
    await shows(page, 'Is the order on its way?');
    await log(page).getByText('Yes, it ships today').waitFor(PATIENCE);
    assert.deepEqual(await texts(page), [...stored, 'Yes, it ships today']);
    assert.equal(posts.length, 1, 'the reload resent nothing');
    await context.close();
  });
});
