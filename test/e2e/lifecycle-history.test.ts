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
  type ShopSuite,
} from '../helpers/node/widget-site.js';

const REPLIES = MAX_CACHED_MESSAGES + 40;

/** The text of the oldest message the log shows. */
const oldestShown = (page: Page) =>
  log(page).locator('.message:not(.system) .text').first().textContent();

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
    while (oldest !== 'First question') {
      await log(page).evaluate((element) => element.scrollTo({top: 0}));
      await log(page)
        .locator('.message:not(.system) .text')
        .first()
        .filter({hasNotText: new RegExp(`^${oldest}$`)})
        .waitFor();
      oldest = await oldestShown(page);
    }
    const all = ['First question', ...Array.from({length: REPLIES}, (_, i) => `Reply ${i + 1}`)];
    assert.deepEqual(await texts(page), all, 'every message once, in order');
    await context.close();
  });
});
