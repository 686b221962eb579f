import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  log,
  openPage,
  roomOf,
  shows,
  startChat,
  useWidgetSuite,
  widgetHtml,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

/**
 * How wide the page and the log are against the room they have, and how many bubbles (or their
 * texts) stick out of the log or overflow themselves.
 */
function widths(page: Page) {
  return log(page).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const bubbles = [...element.querySelectorAll('.message:not(.system)')];
    const texts = [...element.querySelectorAll('.message:not(.system) .text')];
    const sticksOut = (part: Element) => {
      const rect = part.getBoundingClientRect();
      const isOutside = rect.left < box.left - 0.5 || rect.right > box.right + 0.5;
      return isOutside || part.scrollWidth > part.clientWidth + 1;
    };
    const root = document.documentElement;
    return {
      page: {scroll: root.scrollWidth, client: root.clientWidth},
      log: {scroll: element.scrollWidth, client: element.clientWidth},
      outside: [...bubbles, ...texts].filter(sticksOut).length,
      bubbles: bubbles.length,
    };
  });
}

async function assertNothingWidens(page: Page, where: string) {
  const measured = await widths(page);
  assert.ok(measured.page.scroll <= measured.page.client, `${where}: page ${measured.page.scroll}`);
  assert.ok(measured.log.scroll <= measured.log.client, `${where}: log ${measured.log.scroll}`);
  assert.equal(measured.outside, 0, `${where}: every bubble and its text inside the log`);
  return measured.bubbles;
}

const EN = {open: 'Open chat', message: 'Message', send: 'Send'};
const AR = {open: 'فتح المحادثة', message: 'الرسالة', send: 'إرسال'};

describe('the conversation on small screens and with unusual text', () => {
  let suite: ShopSuite;
  let arabic: string;
  useWidgetSuite(async (started) => {
    suite = started;
    arabic = await started.site.page('ar.html', widgetHtml(started.site.url, 'lang="ar"'));
  });

  // A phone, and 200 % zoom of a 1280×800 window in Arabic (mirrored), with its control names.
  const variants = [
    {name: 'a 360×640 phone', viewport: {width: 360, height: 640}, url: () => suite.shop, ...EN},
    {name: 'Arabic at 200 % zoom', viewport: {width: 640, height: 400}, url: () => arabic, ...AR},
  ];
  for (const variant of variants) {
    const {name, viewport} = variant;
    it(`C1: a 5,000-character word and a long URL wrap inside their bubbles on ${name}`, async () => {
      const {page, errors} = await openPage(suite.browser, variant.url(), {viewport});
      const word = `Lorem${'o'.repeat(4995)}`;
      const link = `https://example.com/${'segment'.repeat(60)}?q=${'z'.repeat(300)}`;
      await page.getByRole('button', {name: variant.open}).click();
      const dialog = page.getByRole('dialog');
      const say = async (text: string) => {
        await dialog.getByRole('textbox', {name: variant.message}).fill(text);
        await dialog.getByRole('button', {name: variant.send}).click();
        await shows(page, text.slice(0, 100));
      };
      await say(word);
      const rid = await roomOf(page);
      await assertNothingWidens(page, `${name}, the visitor's word`);
      await say(link);
      await suite.agent.reply(rid, `${word.slice(0, 4000)} and ${link}/agent`);
      await shows(page, `${link}/agent`);
      const bubbles = await assertNothingWidens(page, `${name}, the URLs and the agent's reply`);
      assert.equal(bubbles, 3);
      // The link is a link, whole.
      const href = await log(page).locator('.message.visitor a').last().getAttribute('href');
      assert.equal(href, link);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  it('at 200 % zoom of a 1280×720 screen the window fills it, and the log keeps room', async () => {
    const {page, errors} = await openPage(suite.browser, suite.shop, {
      viewport: {width: 640, height: 360},
    });
    await startChat(page, 'Can you read this?');
    const box = await page.locator('live-chat lc-window').boundingBox();
    assert.deepEqual(box, {x: 0, y: 0, width: 640, height: 360}, 'the window fills the viewport');
    // Floating above the launcher it kept 80 px for the log: a message or two.
    const height = await log(page).evaluate((element) => element.clientHeight);
    assert.ok(height >= 160, `the log is ${height} px high`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('C2: a lone surrogate sent through the API shows and reaches the agent as U+FFFD', async () => {
    const {page, errors} = await openPage(suite.browser, suite.shop);
    await startChat(page, 'First line');
    const rid = await roomOf(page);
    const sent = await page.evaluate(async () => {
      const element = document.querySelector('live-chat') as unknown as {
        client: {send(text: string): Promise<{text: string; status: string}>};
      };
      const message = await element.client.send('a\ud800b');
      return {text: message.text, status: message.status};
    });
    assert.deepEqual(sent, {text: 'a\ufffdb', status: 'sent'});
    await shows(page, 'a\ufffdb');
    const bubble = log(page).locator('.message.visitor', {hasText: 'a\ufffdb'});
    assert.equal(await bubble.locator('.status-failed').count(), 0, 'not "Not sent"');
    const texts = (await suite.agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(texts, ['First line', 'a\ufffdb']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it("C2: a lone surrogate in the agent's reply goes out as U+FFFD and shows on both sides", async () => {
    const {page, errors} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(page, 'Does the agent side cope?');
    const desk = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    await chatList(desk).getByRole('button').filter({hasText: 'Does the agent side cope?'}).click();
    // A text field cannot be typed into with one: the reply box gets it as pasted text would.
    await desk.getByLabel('Message').evaluate((box: HTMLTextAreaElement) => {
      box.value = 'x\ud800y';
      box.dispatchEvent(new Event('input', {bubbles: true}));
    });
    await desk.getByRole('button', {name: 'Send'}).click();
    await shows(page, 'x\ufffdy');
    await desk.getByRole('log').getByText('x\ufffdy').waitFor();
    const texts = (await suite.agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(texts, ['Does the agent side cope?', 'x\ufffdy']);
    assert.deepEqual(errors, []);
    await page.context().close();
    await desk.context().close();
  });
});
