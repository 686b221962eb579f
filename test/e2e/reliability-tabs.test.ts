import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
import {
  agentOf,
  launchBrowser,
  log,
  newContext,
  openChat,
  roomOf,
  send,
  shows,
  startWidgetSite,
  texts,
  widget,
  widgetHtml,
  type Agent,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

const tones = (page: Page) => page.evaluate(() => (window as {tones?: number}).tones ?? 0);
const tokenOf = (page: Page) =>
  widget(page).evaluate((el) => (el as {client?: {visitor?: {token: string}}}).client?.visitor
    ?.token);

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

describe('T11: one conversation in many tabs', () => {
  let site: WidgetSite;
  let browser: Browser;
  let agent: Agent;
  let url: string;

  before(async () => {
    site = await startWidgetSite();
    browser = await launchBrowser();
    agent = await agentOf(site.url);
    url = await site.page('shop.html', widgetHtml(site.url));
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Rooms the agent serves for the visitor with `token`. */
  async function roomsOf(token: string): Promise<number> {
    return (await agent.rooms()).filter((room) => room.v.token === token).length;
  }

  it('shows one transcript in both tabs, one sound per message, and ends everywhere', async () => {
    const context = await newContext(browser);
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(url);
    await b.goto(url);
    await openChat(a);
    await send(a, 'Hello from tab A');
    await shows(a, 'Hello from tab A');
    const rid = await roomOf(a);
    assert.equal(await roomOf(b), rid, 'tab B follows the same chat');
    await openChat(b);
    await shows(b, 'Hello from tab A');
    await playsSound(b, site.url);

    await agent.reply(rid, 'One reply, one sound');
    await shows(a, 'One reply, one sound');
    await shows(b, 'One reply, one sound');
    assert.deepEqual([await tones(a), await tones(b)], [0, 1], 'played by the tab used last');

    await send(b, 'Hello from tab B');
    await shows(a, 'Hello from tab B');
    await a.bringToFront();
    await a.getByRole('heading', {name: 'Shop'}).click();
    await playsSound(a, site.url);
    await agent.reply(rid, 'A second reply');
    await shows(a, 'A second reply');
    await shows(b, 'A second reply');
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
    const context = await newContext(browser);
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
    const quiet = await site.page('quiet.html', widgetHtml(site.url, 'no-sound'));
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(quiet);
    await openChat(page);
    await send(page, 'Shh');
    await shows(page, 'Shh');
    await agent.reply(await roomOf(page), 'Quietly noted');
    await log(page).getByText('Quietly noted').waitFor();
    assert.equal(await tones(page), 0);
    await context.close();
  });
});
