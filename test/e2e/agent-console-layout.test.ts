import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'playwright';
import {
  addAdmin,
  chatList,
  logIn,
  openConsole,
  sections,
  waitForFocus,
  waitForFocusText,
} from '../helpers/node/console-page.js';
import {DEEP_QUERY} from '../helpers/node/keyboard-checks.js';
import {createVisitorWithRoom, postOk, visitorSays} from '../helpers/node/server-fixture.js';
import {agentOf} from '../helpers/node/site-agent.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {useWidgetSuite} from '../helpers/node/widget-site.js';

const BOSS = {
  username: 'boss',
  password: 'boss-password',
  name: 'Bartholomew Featherstonehaugh-Longname',
};
const LONG_NAME = 'Maximiliane Alexandrina Konstantinopoulou-Wolfeschlegelsteinhausen';
const LONG_EMAIL =
  'maximiliane.alexandrina.konstantinopoulou@very-long-subdomain.example-company-international.com';
const SALES = {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true};

/** What scrolls sideways: the page, or any element of the console that scrolls on its own. */
function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth) found.push(`the page (${page.scrollWidth}px)`);
    for (const element of window.deepAll('*')) {
      const {overflowX} = getComputedStyle(element);
      const scrolls = overflowX === 'auto' || overflowX === 'scroll';
      if (scrolls && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${element.localName}.${element.className} (${element.scrollWidth}px)`);
      }
    }
    return found;
  });
}

/** The top bar's shown controls, the picture button in `<lc-agent-avatar>` included, and the bar. */
function topBar(page: Page) {
  return page.evaluate(() => {
    const bar = window.deepAll('header.top')[0]!;
    const avatar = bar.querySelector('lc-agent-avatar')!.shadowRoot!;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return {text: e.textContent!.trim(), top: r.top, bottom: r.bottom, height: r.height};
    };
    const name = avatar.querySelector('.name')!;
    return {
      height: bar.getBoundingClientRect().height,
      buttons: [...bar.querySelectorAll('button'), ...avatar.querySelectorAll('button')]
        .filter((b) => b.checkVisibility())
        .map(box),
      name: {text: name.textContent, title: name.getAttribute('title')},
    };
  });
}

describe('agent console layout', () => {
  let suite: ShopSuite;
  let page: Page;

  useWidgetSuite(
    async (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, BOSS);
      const url = s.site.url;
      const visitor = await createVisitorWithRoom(url, {name: LONG_NAME, email: LONG_EMAIL});
      await visitorSays(
        url,
        visitor,
        `Hello! ${'A rather long question about a bike. '.repeat(4)}`,
      );
      const boss = await agentOf(url, BOSS);
      await boss.takeInquiryOf(visitor.rid);
      await visitorSays(url, visitor, 'Are you there?');
      // A newer chat above it in the list.
      const other = await createVisitorWithRoom(url, {name: 'Olive Other'});
      await visitorSays(url, other, 'Hi');
      await boss.takeInquiryOf(other.rid);
      await postOk(url, '/api/v1/livechat/offline.message', {
        name: LONG_NAME,
        email: LONG_EMAIL,
        message: `Call me back: ${'x'.repeat(80)}`,
        department: 'sales',
      });
    },
    {settings: {routing: 'manual', departments: [SALES]}},
  );

  before(async () => {
    ({page} = await openConsole(suite.browser, suite.site.url, {
      viewport: {width: 1280, height: 800},
    }));
    await page.evaluate(DEEP_QUERY);
    await logIn(page, BOSS);
  });

  after(async () => {
    await page.context().close();
  });

  it('keeps the top bar on one row at 1500px, each button label on one line', async () => {
    await page.setViewportSize({width: 1500, height: 800});
    const bar = await topBar(page);
    const [first] = bar.buttons;
    for (const button of bar.buttons) {
      assert.ok(Math.abs(button.top - first!.top) <= 1, `"${button.text}" on the first row`);
      assert.ok(Math.abs(button.height - first!.height) <= 1, `"${button.text}" on one line`);
    }
    assert.equal(bar.name.text, BOSS.name, 'the whole name is in the text');
    assert.equal(bar.name.title, BOSS.name, 'and in the title');
  });

  it('wraps the top bar into two tidy rows at 1280px, 1024px and 768px', async () => {
    for (const width of [1280, 1024, 768]) {
      await page.setViewportSize({width, height: 800});
      const {buttons} = await topBar(page);
      const rows = new Set(buttons.map((b) => Math.round(b.top)));
      assert.equal(rows.size, 2, `${width}px: ${JSON.stringify(buttons)}`);
      const height = buttons[0]!.height;
      for (const button of buttons) {
        assert.ok(
          Math.abs(button.height - height) <= 1,
          `${width}px: "${button.text}" on one line`,
        );
      }
    }
  });

  it('keeps the top bar to less than a fifth of a phone screen', async () => {
    await page.setViewportSize({width: 390, height: 844});
    const bar = await topBar(page);
    assert.ok(bar.height < 844 / 5, `the top bar takes ${bar.height}px`);
  });

  it('never scrolls sideways at 390px, on any screen', async () => {
    await page.setViewportSize({width: 390, height: 844});
    const screens = [
      {link: /^Chats/, main: 'Chats', ready: page.getByRole('heading', {name: /Open chats/})},
      {link: /^Queue/, main: 'Queue', ready: page.getByRole('heading', {name: /Queue/})},
      {
        link: /^Offline messages/,
        main: 'Offline messages',
        ready: page.getByText(LONG_EMAIL),
      },
      {link: /^History/, main: 'History', ready: page.getByRole('searchbox')},
      {link: /^Settings/, main: 'Settings', ready: page.getByRole('heading', {name: 'Agents'})},
    ];
    for (const screen of screens) {
      await sections(page).getByRole('link', {name: screen.link}).click();
      await page.getByRole('main', {name: screen.main}).waitFor();
      await screen.ready.waitFor();
      assert.deepEqual(await sidewaysScrolling(page), [], `${screen.main} at 390px`);
    }
  });

  it('keeps the log and the reply box in view with the visitor details open at 390px', async () => {
    await page.setViewportSize({width: 390, height: 844});
    await sections(page)
      .getByRole('link', {name: /^Chats/})
      .click();
    await chatList(page)
      .getByRole('button', {name: /Maximiliane/})
      .click();
    await page.getByRole('log').getByText('Are you there?').waitFor();
    const toggle = page.getByRole('button', {name: 'Visitor details'});
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    await page
      .getByRole('complementary', {name: 'Visitor details'})
      .getByText(LONG_EMAIL)
      .waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const layout = await page.evaluate(() => {
      const log = window.deepAll('[role="log"]')[0]!.getBoundingClientRect();
      const reply = window.deepAll('lc-agent-composer')[0]!.getBoundingClientRect();
      const times = window.deepAll('.message time').map((t) => t.getClientRects().length);
      return {logHeight: log.height, replyBottom: reply.bottom, times};
    });
    assert.ok(layout.logHeight >= 120, `the log is ${layout.logHeight}px high`);
    assert.ok(layout.replyBottom <= 844, `the reply box ends at ${layout.replyBottom}px`);
    assert.ok(
      layout.times.length > 0 && layout.times.every((lines) => lines === 1),
      'times unbroken',
    );
    assert.deepEqual(await sidewaysScrolling(page), []);
    await toggle.click();
  });

  it("names an offline message's department by its name", async () => {
    await sections(page)
      .getByRole('link', {name: /^Offline messages/})
      .click();
    const card = page.getByRole('article', {name: new RegExp(LONG_NAME)});
    await card.getByText('Department: Sales', {exact: true}).waitFor();
  });
  it('folds the less-used tools behind "More" on a phone, one row of bar and one of sections', async () => {
    await page.setViewportSize({width: 360, height: 640});
    const bar = await topBar(page);
    assert.equal(new Set(bar.buttons.map((b) => Math.round(b.top))).size, 1, JSON.stringify(bar));
    assert.ok(bar.height < 56, `the top bar takes ${bar.height}px`);
    const links = await sections(page)
      .getByRole('link')
      .evaluateAll((all) => all.map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(links).size, 1, `the section links on one row: ${links}`);
    await sections(page)
      .getByRole('link', {name: /^Offline messages/})
      .waitFor();
    for (const name of ['Saved replies', 'Keyboard shortcuts', 'Log out', 'Change picture']) {
      assert.equal(await page.getByRole('button', {name}).isVisible(), false, `${name} folded`);
    }
    for (const name of ['Available', 'Sound']) {
      assert.ok(await page.getByRole('switch', {name}).isVisible(), `${name} in the bar`);
    }
  });

  it('opens "More" from the keyboard: arrows move, Escape and a closed dialog give focus back', async () => {
    await page.setViewportSize({width: 360, height: 640});
    const more = page.getByRole('button', {name: 'More'});
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await waitForFocus(page, 'button.change-picture');
    await page.keyboard.press('ArrowDown');
    await waitForFocusText(page, /^Saved replies$/);
    await page.keyboard.press('End');
    await waitForFocus(page, 'button.logout');
    await page.keyboard.press('Escape');
    await waitForFocus(page, 'button.more');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('button', {name: 'Log out'}).isVisible(), false);

    await more.click();
    await page.getByRole('button', {name: 'Keyboard shortcuts'}).click();
    const dialog = page.getByRole('dialog', {name: 'Keyboard shortcuts'});
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    await waitForFocus(page, 'button.more');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
  });

  it('gives an open chat a one-row header and a wide reply box on a phone', async () => {
    await page.setViewportSize({width: 360, height: 640});
    await sections(page)
      .getByRole('link', {name: /^Chats/})
      .click();
    // A chat the test before left open shows at once; else the list is there to open it from.
    const room = chatList(page).getByRole('button', {name: /Maximiliane/});
    if (await room.isVisible()) await room.click();
    await page.getByRole('log').getByText('Are you there?').waitFor();
    const layout = await page.evaluate(() => {
      const header = window
        .deepAll('lc-agent-conversation')[0]!
        .shadowRoot!.querySelector('header')!;
      const reply = window.deepAll('textarea#reply')[0]!.getBoundingClientRect();
      return {header: header.getBoundingClientRect().height, reply: reply.width};
    });
    assert.ok(layout.header < 64, `the chat's header is ${layout.header}px high`);
    assert.ok(layout.reply >= 360 * 0.55, `the reply box is ${layout.reply}px wide`);
    assert.ok(await page.getByRole('button', {name: 'Attach a file'}).isVisible());
    assert.ok(await page.getByRole('button', {name: 'Back to chats'}).isVisible());
    // From the keyboard "Back to chats" leaves the focus on the chat it came from.
    await page.getByRole('button', {name: 'Back to chats'}).press('Enter');
    await waitForFocusText(page, /Maximiliane/);
  });
  it("keeps a short visitor name whole in the chat's header at 800px", async () => {
    await page.setViewportSize({width: 800, height: 600});
    await chatList(page)
      .getByRole('button', {name: /Olive Other/})
      .click();
    const title = page.locator('lc-agent-conversation #title');
    await title.getByText('Olive Other').waitFor();
    const cut = await title.evaluate((h) => h.scrollWidth > h.clientWidth);
    assert.equal(cut, false, 'the name is not cut to "Ol…"');
  });
});
