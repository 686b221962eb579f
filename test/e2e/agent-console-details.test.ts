import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'playwright';
import {
  addAdmin,
  chatList,
  logIn,
  openConsole,
  waitForFocus,
} from '../helpers/node/console-page.js';
import {DEEP_QUERY} from '../helpers/node/keyboard-checks.js';
import {createVisitorWithRoom, postOk, visitorSays} from '../helpers/node/server-fixture.js';
import {agentOf} from '../helpers/node/site-agent.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {useWidgetSuite} from '../helpers/node/widget-site.js';

const ADA = {username: 'ada', password: 'ada-password', name: 'Ada Lovelace'};
const LONG_EMAIL = 'margaret.hamilton-apollo@guidance-computer.example.org';
const LONG_URL = 'https://shop.example/products/bicycles/road-bikes/carbon-ultralight-frame-2026';

/**
 * The lines the panel shows `text` on, as the browser laid it out, and whether its box is wider
 * than the panel's.
 */
function linesOf(page: Page, text: string) {
  return page.evaluate((wanted) => {
    const panel = window.deepAll('lc-agent-visitor-panel')[0]!;
    const root = panel.shadowRoot!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let box: Element | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n as Element;
      if (e.textContent?.trim() === wanted && (e.localName === 'dd' || e.localName === 'a'))
        box = e;
    }
    if (!box) return null;
    // Each character's line, by where it is drawn.
    const lines: string[] = [];
    let top = -Infinity;
    const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      for (let i = 0; i < t.textContent!.length; i++) {
        const range = document.createRange();
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (rect.top > top + 2) lines.push('');
        top = Math.max(top, rect.top);
        lines[lines.length - 1] += t.textContent![i];
      }
    }
    const panelBox = panel.getBoundingClientRect();
    const right = Math.max(...[...box.getClientRects()].map((r) => r.right));
    return {
      lines: lines.map((l) => l.trim()),
      overflows: right > panelBox.right + 0.5 || panel.scrollWidth > panel.clientWidth,
    };
  }, text);
}

/** Whether a line ends, or the next begins, where a reader expects an address to break. */
function isSensibleBreak(before: string, next: string): boolean {
  return /[./\-_?&=]$/.test(before) || /^[@./]/.test(next);
}

describe('agent console: the visitor details', () => {
  let suite: ShopSuite;
  let page: Page;

  useWidgetSuite(
    async (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, ADA);
      const ada = await agentOf(s.site.url, ADA);
      for (const [name, email] of [
        ['Grace Hopper', 'grace@example.com'],
        ['Margaret Hamilton', LONG_EMAIL],
      ] as const) {
        const visitor = await createVisitorWithRoom(s.site.url, {
          name,
          email,
          language: 'en-US',
          timezone: 'America/New_York',
        });
        await postOk(s.site.url, '/api/v1/livechat/page.visited', {
          token: visitor.token,
          rid: visitor.rid,
          pageInfo: {change: 'url', title: '', location: {href: LONG_URL}},
        });
        await visitorSays(s.site.url, visitor, `Hello from ${name}.`);
        await ada.takeInquiryOf(visitor.rid);
      }
    },
    {settings: {routing: 'manual'}},
  );

  before(async () => {
    ({page} = await openConsole(suite.browser, suite.site.url, {
      viewport: {width: 1280, height: 800},
    }));
    await page.evaluate(DEEP_QUERY);
    await logIn(page, ADA);
  });

  after(async () => {
    await page.context().close();
  });

  async function openChat(name: string): Promise<void> {
    await chatList(page)
      .getByRole('button', {name: new RegExp(name)})
      .click();
    await page.getByRole('log').getByText(`Hello from ${name}.`).waitFor();
  }

  it('keeps a short email on one line at 1280px, and breaks long addresses only at their dots, slashes or before the @', async () => {
    await page.setViewportSize({width: 1280, height: 800});
    await openChat('Grace Hopper');
    const details = page.getByRole('complementary', {name: 'Visitor details'});
    await details.getByText('grace@example.com').waitFor();
    // Where it fits, on one line; in the narrower panel beside the local time, before the @.
    await page.setViewportSize({width: 1600, height: 800});
    await details.getByText('grace@example.com').waitFor();
    assert.deepEqual(await linesOf(page, 'grace@example.com'), {
      lines: ['grace@example.com'],
      overflows: false,
    });
    await page.setViewportSize({width: 1280, height: 800});
    await details.getByText('grace@example.com').waitFor();
    const short = (await linesOf(page, 'grace@example.com'))!;
    assert.equal(short.overflows, false);
    assert.ok(
      ['grace@example.com', 'grace|@example.com'].includes(short.lines.join('|')),
      short.lines.join(' | '),
    );

    await openChat('Margaret Hamilton');
    await details.getByText(LONG_EMAIL).waitFor();
    for (const width of [1280, 1101, 900, 360]) {
      await page.setViewportSize({width, height: 800});
      const toggle = page.getByRole('button', {name: 'Visitor details'});
      if (width <= 1100 && (await toggle.getAttribute('aria-expanded')) === 'false') {
        await toggle.click();
      }
      for (const text of [LONG_EMAIL, LONG_URL]) {
        await details.getByText(text).waitFor();
        const shown = (await linesOf(page, text))!;
        assert.equal(shown.overflows, false, `${width}px: ${text} overflows`);
        assert.equal(shown.lines.join(''), text);
        for (let i = 1; i < shown.lines.length; i++) {
          const [before, next] = [shown.lines[i - 1]!, shown.lines[i]!];
          assert.ok(isSensibleBreak(before, next), `${width}px: ${shown.lines.join(' | ')}`);
        }
      }
    }
  });

  it('keeps the details unfolded and the focus in Notes when the window crosses 1100px', async () => {
    await page.setViewportSize({width: 900, height: 800});
    await openChat('Grace Hopper');
    const toggle = page.getByRole('button', {name: 'Visitor details'});
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    const notes = page.getByRole('complementary', {name: 'Visitor details'}).getByLabel('Notes');
    await notes.focus();

    await page.setViewportSize({width: 1280, height: 800});
    await toggle.waitFor({state: 'hidden'});
    await waitForFocus(page, 'textarea#notes');

    await page.setViewportSize({width: 900, height: 800});
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'still unfolded');
    await notes.waitFor();
    await waitForFocus(page, 'textarea#notes');
  });
});
