import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {
  agentSays,
  newContext,
  openChat,
  send,
  shows,
  startChat,
  texts,
  useWidgetSuite,
  waitForConnection,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

/** Polls `condition` (on the server side) until it holds; each try waits for the next turn. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether `page` holds the site's link lock (compares Web Lock client ids: no test hook). */
function leads(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const probe = `probe-${Math.random()}`;
    const me = await navigator.locks.request(
      probe,
      async () => (await navigator.locks.query()).held?.find((l) => l.name === probe)?.clientId,
    );
    const held = (await navigator.locks.query()).held ?? [];
    return held.some((l) => l.name?.includes(':link:') && l.clientId === me);
  });
}

/** Records the page's connection changes (`window.linkLog`, epoch ms) from now on. */
function recordConnection(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log: {at: number; connection: string}[] = [];
    (window as unknown as {linkLog: typeof log}).linkLog = log;
    document.querySelector('live-chat')!.addEventListener('lc-connection-change', (event) => {
      const {connection} = (event as CustomEvent<{connection: string}>).detail;
      log.push({at: Date.now(), connection});
    });
  });
}

/** When the page's link came back after it went down (epoch ms). */
async function backAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => {
    const log = (window as unknown as {linkLog: {at: number; connection: string}[]}).linkLog;
    const down = log.findIndex((entry) => entry.connection !== 'connected');
    const back = log.slice(down + 1).find((entry) => entry.connection === 'connected');
    return down >= 0 && back ? back.at : null;
  });
  return (await handle.jsonValue()) as number;
}

describe('one live link per site: the tabs of a visitor share one socket', () => {
  let suite: ShopSuite;
  useWidgetSuite((started) => void (suite = started));

  /** The texts the server stored in `rid` (no system messages), in order. */
  async function storedTexts(rid: string): Promise<string[]> {
    return (await suite.agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
  }

  it('three tabs hold one socket; when the leading tab closes another takes over', async () => {
    const {agent, site} = suite;
    const context = await newContext(suite.browser);
    const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
    for (const page of pages) await page.goto(suite.shop);
    const rid = await startChat(pages[0], 'Hello from three tabs');
    for (const page of pages.slice(1)) {
      await openChat(page);
      await shows(page, 'Hello from three tabs');
    }
    for (const page of pages) await waitForConnection(page, 'connected');
    await until(() => site.server.openSockets() === 1, 'one socket on the server');

    await agentSays(agent, rid, 'A reply for every tab', pages);
    // A leader starved of CPU for a second (a busy machine) may have its lock taken: what
    // holds is one leader and one socket once the tabs settle.
    let leading: boolean[] = [];
    await until(async () => {
      leading = await Promise.all(pages.map(leads));
      return leading.filter(Boolean).length === 1;
    }, 'one tab leads');
    const leader = pages[leading.indexOf(true)];
    const followers = pages.filter((page) => page !== leader);
    await send(followers[0], 'Sent from a follower');
    for (const page of pages) await shows(page, 'Sent from a follower');
    const before = ['Hello from three tabs', 'A reply for every tab', 'Sent from a follower'];
    assert.deepEqual(await storedTexts(rid), before, 'the agent got it once');
    for (const page of pages) assert.deepEqual(await texts(page), before);
    await until(() => site.server.openSockets() === 1, 'one socket still');

    for (const page of followers) await recordConnection(page);
    const closedAt = Date.now();
    await leader.close();
    await agent.reply(rid, 'While the link moves');
    const back = await Promise.all(followers.map(backAt));
    const takeoverMs = Math.max(...back) - closedAt;
    console.log(`# link takeover after the leading tab closed: ${takeoverMs} ms`);
    const oneLeads = async () => (await Promise.all(followers.map(leads))).filter(Boolean).length;
    await until(async () => (await oneLeads()) === 1, 'one of the other tabs leads');
    await until(() => site.server.openSockets() === 1, 'one socket again');

    for (const page of followers) await shows(page, 'While the link moves');
    await agentSays(agent, rid, 'After the takeover', followers);
    await send(followers[1], 'And from the other tab');
    for (const page of followers) await shows(page, 'And from the other tab');
    const after = [
      ...before,
      'While the link moves',
      'After the takeover',
      'And from the other tab',
    ];
    for (const page of followers) assert.deepEqual(await texts(page), after, 'once each, in order');
    assert.deepEqual(await storedTexts(rid), after);
    await until(() => site.server.openSockets() === 1, 'one socket at the end');
    await context.close();
  });
});
