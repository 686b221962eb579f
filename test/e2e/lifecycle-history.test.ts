import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {LOG_WINDOW} from '../../src/components/message-list/message-window.js';
import {MAX_CACHED_MESSAGES} from '../../src/core/store/session-store.js';
import {
  log,
  openPage,
  shows,
  startChat,
  texts,
  useWidgetSuite,
  waitForStored,
  widgetHtml,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

const REPLIES = MAX_CACHED_MESSAGES + 40;
/** A history far longer than a catch-up fetches (CATCH_UP_MAX_PAGES of 50). */
const LONG = 3000;
/** Replies the agent sends at once while the long history is written. */
const BATCH = 50;

/** The text of the oldest message the log shows. */
const oldestShown = (page: Page) =>
  log(page).locator('.message:not(.system) .text').first().textContent();

/** Scrolls the log to its top and waits until an older message than `oldest` is shown there. */
async function visitTop(page: Page, oldest: string | null): Promise<string | null> {
  await log(page).evaluate((element) => element.scrollTo({top: 0}));
  await log(page)
    .locator('.message:not(.system) .text')
    .first()
    .filter({hasNotText: new RegExp(`^${oldest}$`)})
    .waitFor();
  return oldestShown(page);
}

describe('a long conversation after a reload', () => {
  let suite: ShopSuite;
  useWidgetSuite((started) => void (suite = started));

  it('shows the cached end at once, and the start from the server as the visitor scrolls back', async () => {
    const {context, page} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(page, 'First question');
    await log(page).locator('.message.sent', {hasText: 'First question'}).waitFor();
    for (let i = 1; i <= REPLIES; i++) await suite.agent.reply(rid, `Reply ${i}`);
    await shows(page, `Reply ${REPLIES}`);

    await page.reload();
    await shows(page, `Reply ${REPLIES}`);
    const cached = await texts(page);
    assert.ok(cached.length <= LOG_WINDOW, `a bounded log (${cached.length} messages)`);
    assert.notEqual(cached[0], 'First question', 'the start is not in the cache');

    // Each visit to the top brings the next older page, above what the visitor was reading.
    let oldest = await oldestShown(page);
    while (oldest !== 'First question') oldest = await visitTop(page, oldest);
    const all = ['First question', ...Array.from({length: REPLIES}, (_, i) => `Reply ${i + 1}`)];
    assert.deepEqual(await texts(page), all, 'every message once, in order');
    await context.close();
  });

  it('comes back to a message read further back than the cache holds, from the server’s pages', async () => {
    const {context, page} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(page, 'First question');
    await log(page).locator('.message.sent', {hasText: 'First question'}).waitFor();
    for (let i = 1; i <= REPLIES; i++) await suite.agent.reply(rid, `Reply ${i}`);
    await shows(page, `Reply ${REPLIES}`);
    let oldest = await oldestShown(page);
    while (oldest !== 'First question') oldest = await visitTop(page, oldest);

    // The visitor reads Reply 10, 7 px below its top; the cache keeps only the newest 200.
    const id = await log(page).evaluate((el) => {
      const node = [...el.querySelectorAll<HTMLElement>('.message')].find(
        (m) => m.querySelector('.text')?.textContent?.trim() === 'Reply 10',
      )!;
      el.scrollTop += node.getBoundingClientRect().top - el.getBoundingClientRect().top + 7;
      return node.dataset.id!;
    });
    await waitForStored(page, (r, at) => r.view.reading?.id === at, id);
    await waitForStored(page, (r, at) => !r.messages.some((m: {id: string}) => m.id === at), id);

    await page.reload();
    await shows(page, `Reply ${REPLIES}`);
    // Measured each frame until it is in place: the restore waits for the server's pages.
    let offset = NaN;
    for (let frame = 0; frame < 600 && !(Math.abs(offset - 7) <= 1); frame++) {
      offset = await log(page).evaluate(async (el, at) => {
        await new Promise(requestAnimationFrame);
        const node = el.querySelector(`[data-id="${at}"]`);
        return node ? el.getBoundingClientRect().top - node.getBoundingClientRect().top : NaN;
      }, id);
    }
    assert.ok(Math.abs(offset - 7) <= 1, `Reply 10 at the top, ${offset} px into it`);
    await context.close();
  });

  it('after thousands of messages, a page left before the server answered still has the chat: new replies come, and older ones on scroll-back', async () => {
    // Within restore-timeout however long the history takes to write on a busy machine.
    const url = await suite.site.page(
      'long.html',
      widgetHtml(suite.site.url, 'restore-timeout="3600"'),
    );
    const {context, page} = await openPage(suite.browser, url);
    const rid = await startChat(page, 'First question');
    await waitForStored(page, (r: {messages: {text: string; status: string}[]}) =>
      r.messages.some((m) => m.text === 'First question' && m.status === 'sent'),
    );
    await page.close();
    for (let i = 1; i <= LONG; i += BATCH) {
      const batch = Array.from({length: Math.min(BATCH, LONG - i + 1)}, (_, k) => i + k);
      await Promise.all(batch.map((n) => suite.agent.reply(rid, `Reply ${n}`)));
    }

    const back = await context.newPage();
    await back.goto(url);
    await shows(back, `Reply ${LONG}`);
    // On a slow network the visitor moves on while the server has not described the room yet.
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const isConfig = (u: URL) => u.pathname === '/api/v1/livechat/config';
    await context.route(isConfig, async (route) => {
      await answered;
      await route.continue().catch(() => undefined);
    });
    await back.reload();
    await shows(back, `Reply ${LONG}`);
    await back.reload();
    await context.unroute(isConfig);
    answer();
    await shows(back, `Reply ${LONG}`);

    await suite.agent.reply(rid, 'Still there?');
    await shows(back, 'Still there?');
    let oldest = await oldestShown(back);
    for (let visit = 0; visit < 5; visit++) oldest = await visitTop(back, oldest);
    const first = Number(/^Reply (\d+)$/.exec(oldest ?? '')?.[1]);
    const all = Array.from({length: LONG - first + 1}, (_, k) => `Reply ${first + k}`);
    assert.deepEqual(await texts(back), [...all, 'Still there?'], 'every message once, in order');
    await context.close();
  });
});
