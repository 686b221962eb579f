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
} from '../helpers/node/console-page.js';
import {DEEP_QUERY} from '../helpers/node/keyboard-checks.js';
import {createVisitorWithRoom, visitorSays} from '../helpers/node/server-fixture.js';
import {agentOf} from '../helpers/node/site-agent.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {useWidgetSuite} from '../helpers/node/widget-site.js';

const ADA = {username: 'ada', password: 'ada-password', name: 'Ada Lovelace'};

/** What has the keyboard focus, through shadow roots: its words, else its id. */
function focusName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return '';
    const label = active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '';
    return active.localName === 'textarea' ? `#${active.id}` : label.replace(/\s+/g, ' ');
  });
}

/** The focus stops Tab walks through from where focus is until the reply box. */
async function tabsToReply(page: Page): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focusName(page));
    if (stops.at(-1) === '#reply') return stops;
  }
  throw new Error(`Tab never reached the reply box: ${stops.join(' | ')}`);
}

describe('agent console: order and names a newcomer meets', () => {
  let suite: ShopSuite;
  let page: Page;

  useWidgetSuite(
    async (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, ADA);
      const visitor = await createVisitorWithRoom(s.site.url, {
        name: 'Grace Hopper',
        email: 'grace@example.com',
      });
      await visitorSays(s.site.url, visitor, 'My chain keeps slipping.');
      const ada = await agentOf(s.site.url, ADA);
      await ada.takeInquiryOf(visitor.rid);
      // A closed chat for History.
      const earlier = await createVisitorWithRoom(s.site.url, {name: 'Alan Turing'});
      await visitorSays(s.site.url, earlier, 'Do you sell bells?');
      await ada.takeInquiryOf(earlier.rid);
      await ada.close(earlier.rid);
    },
    {settings: {routing: 'manual'}},
  );

  before(async () => {
    ({page} = await openConsole(suite.browser, suite.site.url, {
      viewport: {width: 1280, height: 800},
    }));
    await page.evaluate(DEEP_QUERY);
    await logIn(page, ADA);
    await chatList(page)
      .getByRole('button', {name: /Grace Hopper/})
      .click();
    await page.getByRole('log').getByText('My chain keeps slipping.').waitFor();
  });

  after(async () => {
    await page.context().close();
  });

  it('puts "Visitor details" in Tab order where it shows: beside the chat, or above it', async () => {
    const details = page.getByRole('complementary', {name: 'Visitor details'});
    await details.getByText('grace@example.com').waitFor();
    // Wide: the details are right of the chat, after the reply box.
    await page.getByLabel('Message').focus();
    let stops: string[] = [];
    for (let i = 0; i < 30 && stops.at(-1) !== '#notes'; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focusName(page));
    }
    assert.ok(stops.indexOf('Send') < stops.indexOf('#notes'), stops.join(' | '));

    // Narrower, they fold into a bar above the chat's header: Tab meets them there first.
    for (const width of [900, 1024, 360]) {
      await page.setViewportSize({width, height: 700});
      const toggle = page.getByRole('button', {name: 'Visitor details'});
      await toggle.waitFor();
      await sections(page).getByRole('link', {name: 'Chats'}).focus();
      stops = await tabsToReply(page);
      const bar = stops.indexOf('Visitor details');
      assert.ok(bar >= 0, `${width}px: ${stops.join(' | ')}`);
      assert.ok(bar < stops.indexOf('Transfer'), `${width}px: ${stops.join(' | ')}`);
    }
  });

  it("shows the agent's first name in the phone's one-row top bar, the whole name on hover and to a screen reader", async () => {
    await page.setViewportSize({width: 360, height: 740});
    const bar = await page.evaluate(() => {
      const top = window.deepAll('header.top')[0]!;
      const avatar = top.querySelector('lc-agent-avatar')!.shadowRoot!;
      const shown = [...avatar.querySelectorAll('span')].filter(
        (s) => s.getClientRects().length > 0 && s.getBoundingClientRect().width > 1,
      );
      const rows = [...top.querySelectorAll('button'), top.querySelector('lc-agent-avatar')!]
        .filter((e) => e.checkVisibility())
        .map((e) => {
          const box = e.getBoundingClientRect();
          return Math.round((box.top + box.bottom) / 2);
        });
      return {
        shown: shown.map((s) => ({
          text: s.textContent,
          title: s.title,
          isCut: s.scrollWidth > s.clientWidth,
        })),
        rows: new Set(rows).size,
        height: top.getBoundingClientRect().height,
      };
    });
    assert.deepEqual(bar.shown, [{text: 'Ada', title: 'Ada Lovelace', isCut: false}]);
    assert.equal(bar.rows, 1, 'one row');
    assert.ok(bar.height < 56, `the top bar takes ${bar.height}px`);
    const snapshot = await page.locator('header.top').ariaSnapshot();
    assert.match(snapshot, /Ada Lovelace/);
    assert.doesNotMatch(snapshot, /text: Ada$/m);
  });

  it("keeps a visitor's name whole in an open chat's header on a phone", async () => {
    await page.setViewportSize({width: 360, height: 740});
    const title = page.locator('lc-agent-conversation #title');
    await title.getByText('Grace Hopper').waitFor();
    const cut = await title.evaluate((h) => h.scrollWidth > h.clientWidth);
    assert.equal(cut, false, 'not "Grace Ho…"');
  });

  it("shows the transfer dialog's first choice whole on a phone", async () => {
    await page.setViewportSize({width: 360, height: 740});
    await page.getByRole('button', {name: 'Transfer'}).click();
    const select = page.getByRole('dialog').getByLabel('Transfer to');
    await select.waitFor();
    const room = await select.evaluate((s: HTMLSelectElement) => {
      const style = getComputedStyle(s);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const arrowPx = 20;
      const inner =
        s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrowPx;
      return {text: context.measureText(s.selectedOptions[0]!.text).width, inner};
    });
    await page.keyboard.press('Escape');
    assert.ok(room.text <= room.inner, `cut: ${JSON.stringify(room)}`);
  });

  it("keeps a visitor's name whole in the list of chats at 900px", async () => {
    await page.setViewportSize({width: 900, height: 700});
    const name = chatList(page).locator('.name', {hasText: 'Grace Hopper'});
    await name.waitFor();
    const cut = await name.evaluate(
      (e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight,
    );
    assert.equal(cut, false, 'not "Grace Ho…"');
  });

  it('shows a closed chat\'s title whole in History, after "Back to history" as in Tab order', async () => {
    await sections(page).getByRole('link', {name: 'History'}).click();
    await page.getByRole('main').getByRole('button', {name: 'Alan Turing'}).click();
    const title = page.getByRole('heading', {name: 'Chat with Alan Turing'});
    await title.waitFor();
    for (const width of [900, 360]) {
      await page.setViewportSize({width, height: 700});
      const back = await page.getByRole('button', {name: 'Back to history'}).boundingBox();
      const heading = await title.boundingBox();
      const isAfter = back!.x + back!.width <= heading!.x || back!.y + back!.height <= heading!.y;
      assert.ok(isAfter, `${width}px: ${JSON.stringify({back, heading})}`);
      const cut = await title.evaluate((h) => h.scrollWidth > h.clientWidth);
      assert.equal(cut, false, `${width}px: not "Chat …"`);
    }
  });

  it("keeps each agent's buttons in Settings on a phone's screen, the table still a table", async () => {
    await page.setViewportSize({width: 360, height: 740});
    await sections(page).getByRole('link', {name: 'Settings'}).click();
    const row = page.getByRole('row', {name: /^ada Ada Lovelace Admin 1 open chat /});
    await row.waitFor();
    // Ada's own account has no "Remove" (the server refuses it); the other agents' have.
    assert.equal(await row.getByRole('button', {name: 'Remove ada'}).count(), 0);
    const buttons = [
      row.getByRole('button', {name: 'Reset password of ada'}),
      ...(await page.getByRole('button', {name: /^Remove (?!ada$)/}).all()),
    ];
    assert.ok(buttons.length > 1, 'another agent can be removed');
    for (const button of buttons) {
      const box = await button.boundingBox();
      const name = await button.getAttribute('aria-label');
      assert.ok(box!.x >= 0 && box!.x + box!.width <= 360, `${name}: ${JSON.stringify(box)}`);
    }
    const main = await page.evaluate(() => {
      const pane = window.deepAll('main')[0]!;
      return {scrollWidth: pane.scrollWidth, clientWidth: pane.clientWidth};
    });
    assert.ok(
      main.scrollWidth <= main.clientWidth,
      `Settings scrolls sideways: ${JSON.stringify(main)}`,
    );
  });

  it("shows History's search hint whole on a phone", async () => {
    await page.setViewportSize({width: 360, height: 740});
    await sections(page).getByRole('link', {name: 'History'}).click();
    // The chat a test before opened may still be shown.
    const back = page.getByRole('button', {name: 'Back to history'});
    if (await back.isVisible()) await back.click();
    const search = page.getByRole('searchbox', {name: 'Search chats'});
    // The hint as typed text (no input event: nothing is searched): does the box scroll?
    const room = await search.evaluate((input: HTMLInputElement) => {
      input.value = input.placeholder;
      const sizes = {scrollWidth: input.scrollWidth, clientWidth: input.clientWidth};
      input.value = '';
      return sizes;
    });
    assert.ok(room.scrollWidth <= room.clientWidth, `the hint is cut: ${JSON.stringify(room)}`);
  });

  it('puts the keyboard on "Username" after "Log out", ready to log in again', async () => {
    await page.setViewportSize({width: 1280, height: 800});
    await page.getByRole('button', {name: 'Log out'}).press('Enter');
    await page.getByLabel('Username').waitFor();
    await waitForFocus(page, 'input#username');
  });
});
