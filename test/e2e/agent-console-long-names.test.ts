import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'playwright';
import {addAdmin, chatList, logIn, openConsole, sections} from '../helpers/node/console-page.js';
import {DEEP_QUERY} from '../helpers/node/keyboard-checks.js';
import {createVisitorWithRoom, visitorSays} from '../helpers/node/server-fixture.js';
import {agentOf} from '../helpers/node/site-agent.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {useWidgetSuite} from '../helpers/node/widget-site.js';

const BOSS = {
  username: 'boss',
  password: 'boss-password',
  name: 'Bartholomewmaximilianalexandercristobaljohannes Featherstonehaugh',
};
// Sixty characters without a space, and a long name with spaces.
const UNBROKEN = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewis';
const SPACED = 'Maximiliane Alexandrina Konstantinopoulou-Wolfeschlegelsteinhausen von Habsburg';
const VIEWPORTS = [
  {width: 375, height: 740},
  {width: 1100, height: 800},
];

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * What is wrong on the screen: the page or a part of it scrolling sideways; in the top bar, the
 * chat's header or a queue entry, a shown button or heading off the screen, over another one,
 * or a heading's text spilling out of its box.
 */
function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) faults.push(`the page is ${root.scrollWidth}px wide`);
    for (const element of window.deepAll('*')) {
      const {overflowX} = getComputedStyle(element);
      const scrolls = overflowX === 'auto' || overflowX === 'scroll';
      if (scrolls && element.scrollWidth > element.clientWidth + 1) {
        faults.push(`${element.localName}.${element.className} scrolls sideways`);
      }
    }
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      const text = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30);
      return {text, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    };
    const meets = (a: Box, b: Box) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const inside = (host: string, selector: string) =>
      window.deepAll(host).flatMap((h) => [...h.shadowRoot!.querySelectorAll(selector)]);
    const groups = [
      ...window.deepAll('header.top'),
      ...inside('lc-agent-conversation', 'header'),
      ...inside('lc-agent-queue', 'li'),
    ];
    for (const group of groups) {
      const shown = [...group.querySelectorAll('button, h2, h3, lc-agent-avatar')].filter(
        (e) => e.checkVisibility() && e.getBoundingClientRect().width > 0,
      );
      for (const e of shown) {
        const spills = getComputedStyle(e).overflowX === 'visible';
        if (spills && e.scrollWidth > e.clientWidth + 1) faults.push(`"${box(e).text}" spills`);
      }
      const boxes = shown.map(box);
      for (const [i, a] of boxes.entries()) {
        if (a.left < 0 || a.right > innerWidth + 0.5) faults.push(`"${a.text}" off the screen`);
        for (const b of boxes.slice(i + 1)) {
          if (meets(a, b)) faults.push(`"${a.text}" over "${b.text}"`);
        }
      }
    }
    return faults;
  });
}

describe('agent console with long names', () => {
  let suite: ShopSuite;

  useWidgetSuite(
    async (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, BOSS);
      const url = s.site.url;
      const boss = await agentOf(url, BOSS);
      const spaced = await createVisitorWithRoom(url, {name: SPACED, email: 'maxi@example.com'});
      await visitorSays(url, spaced, 'Hi there');
      await boss.takeInquiryOf(spaced.rid);
      const closed = await createVisitorWithRoom(url, {name: `${UNBROKEN}Closed`});
      await visitorSays(url, closed, 'An older question');
      await boss.takeInquiryOf(closed.rid);
      await boss.close(closed.rid);
      // The newest chat, first in the list.
      const unbroken = await createVisitorWithRoom(url, {
        name: UNBROKEN,
        email: `${UNBROKEN.toLowerCase()}@example.com`,
      });
      await visitorSays(url, unbroken, 'Hello, about a bike');
      await boss.takeInquiryOf(unbroken.rid);
      await boss.reply(unbroken.rid, 'Sure, how can I help?');
      for (const name of [`${UNBROKEN}Waiting`, `${SPACED} Waiting`]) {
        await visitorSays(url, await createVisitorWithRoom(url, {name}), 'In line');
      }
    },
    {settings: {routing: 'manual'}},
  );

  let page: Page;
  before(async () => {
    ({page} = await openConsole(suite.browser, suite.site.url, {viewport: VIEWPORTS[0]}));
    await page.evaluate(DEEP_QUERY);
    await logIn(page, BOSS);
  });

  after(async () => {
    await page.context().close();
  });

  async function openChat(name: RegExp): Promise<void> {
    await sections(page)
      .getByRole('link', {name: /^Chats/})
      .click();
    const back = page.getByRole('button', {name: 'Back to chats'});
    if (await back.isVisible()) await back.click();
    await chatList(page).getByRole('button', {name}).click();
    await page
      .getByRole('log')
      .getByText(/Hello, about a bike|Hi there/)
      .waitFor();
  }

  it('keeps every button on the screen and off the names, on each screen, at 375px and 1100px', async () => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const at = `${viewport.width}px`;
      for (const name of [new RegExp(`^${UNBROKEN}`), /^Maximiliane/]) {
        await openChat(name);
        assert.deepEqual(await layoutFaults(page), [], `${at}, the chat ${name}`);
        const toggle = page.getByRole('button', {name: 'Visitor details'});
        await toggle.click();
        await page.getByRole('complementary', {name: 'Visitor details'}).waitFor();
        assert.deepEqual(await layoutFaults(page), [], `${at}, ${name} with its details`);
        await toggle.click();
      }
      await sections(page)
        .getByRole('link', {name: /^Queue/})
        .click();
      await page.getByRole('heading', {name: new RegExp(`^${UNBROKEN}Waiting`)}).waitFor();
      assert.deepEqual(await layoutFaults(page), [], `${at}, the queue`);
      await sections(page)
        .getByRole('link', {name: /^History/})
        .click();
      await page.getByRole('button', {name: new RegExp(`${UNBROKEN}Closed`)}).waitFor();
      assert.deepEqual(await layoutFaults(page), [], `${at}, the history`);
    }
  });

  it('gives a name it cuts whole to screen readers and on hover, and in the list on keyboard focus', async () => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const at = `${viewport.width}px`;
      await openChat(new RegExp(`^${UNBROKEN}`));
      const title = page.locator('lc-agent-conversation #title');
      assert.ok(await title.evaluate((h) => h.scrollWidth > h.clientWidth), `${at}: title cut`);
      assert.equal(await title.getAttribute('title'), UNBROKEN, `${at}: the title on hover`);
      await page.getByRole('heading', {name: UNBROKEN, exact: true}).waitFor();

      await sections(page)
        .getByRole('link', {name: /^Chats/})
        .click();
      const back = page.getByRole('button', {name: 'Back to chats'});
      if (await back.isVisible()) await back.click();
      const name = chatList(page).locator('.name', {hasText: UNBROKEN});
      const isCut = () => name.evaluate((n) => n.scrollHeight > n.clientHeight + 1);
      assert.equal(await name.getAttribute('title'), UNBROKEN, `${at}: the list's title`);
      await chatList(page)
        .getByRole('button', {name: new RegExp(`^${UNBROKEN}`)})
        .waitFor();
      assert.ok(await isCut(), `${at}: the list cuts the name`);
      // From the keyboard: the heading of the list, then Tab to its first chat.
      await page.locator('lc-agent-room-list #heading').focus();
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => {
        const list = window.deepAll('lc-agent-room-list')[0]!.shadowRoot!;
        return list.activeElement?.matches('button:focus-visible') ?? false;
      });
      assert.equal(await isCut(), false, `${at}: the focused chat shows the whole name`);
    }
  });
});
