import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {
  chatList,
  logIn,
  openConsole,
  sections,
  setHidden,
  waitForFocus,
} from '../helpers/node/console-page.js';
import {
  TEST_AGENT,
  createVisitorWithRoom,
  postOk,
  visitorSays,
  type TestServer,
} from '../helpers/node/server-fixture.js';
import {agentOf, useWidgetSuite} from '../helpers/node/widget-site.js';

/** Headless Chromium plays no sound: a stand-in counts the chimes the console plays. */
const COUNT_CHIMES = `
  window.__chimes = 0;
  window.Audio = function () {
    return {play: () => { window.__chimes++; return Promise.resolve(); }};
  };
`;

const chimes = (page: Page) => page.evaluate<number>('window.__chimes');
const titleIs = (page: Page, title: string) =>
  page.waitForFunction((expected) => document.title === expected, title);

describe('the agent console through a shift: the queue calls the agent', () => {
  let server: TestServer;
  let page: Page;

  useWidgetSuite(
    async (suite) => {
      server = suite.site.server;
      ({page} = await openConsole(suite.browser, server.url, {
        viewport: {width: 1280, height: 800},
      }));
      await page.addInitScript(COUNT_CHIMES);
    },
    {settings: {routing: 'manual'}},
  );

  it('chimes and counts in the title for each visitor who joins the queue, in view too', async () => {
    const early = await createVisitorWithRoom(server.url, {name: 'Early Bird'});
    await visitorSays(server.url, early, 'Hello?');
    await page.reload();
    await logIn(page, TEST_AGENT);
    await titleIs(page, '(1) Agent console');
    assert.equal(await chimes(page), 0, 'who waited before the login is counted, not chimed');

    const late = await createVisitorWithRoom(server.url, {name: 'Late Comer'});
    await visitorSays(server.url, late, 'Anyone?');
    await titleIs(page, '(2) Agent console');
    assert.equal(await chimes(page), 1);
    // Said to screen readers too, wherever the agent is.
    await page
      .locator('[aria-live="polite"]', {hasText: 'Late Comer is waiting in the queue'})
      .waitFor({state: 'attached'});

    await page.getByRole('link', {name: /^Queue/}).click();
    await page
      .getByRole('article', {name: /Early Bird/})
      .getByRole('button', {name: 'Take'})
      .click();
    await page.getByRole('log').getByText('Hello?').waitFor();
    await titleIs(page, '(1) Agent console');
    assert.equal(await chimes(page), 1, 'a chat the agent took is no news');

    const sound = page.getByRole('switch', {name: 'Sound'});
    await sound.click();
    assert.equal(await sound.getAttribute('aria-checked'), 'false');
    const quiet = await createVisitorWithRoom(server.url, {name: 'Quiet Quentin'});
    await visitorSays(server.url, quiet, 'Psst');
    await titleIs(page, '(2) Agent console');
    assert.equal(await chimes(page), 1, 'muted');
    await sound.click();
    assert.equal(await sound.getAttribute('aria-checked'), 'true');

    // Every chat here is read: Alt+Shift+Down has nowhere to go, and says so.
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await page
      .locator('[aria-live="polite"]', {hasText: 'No unread chats'})
      .waitFor({state: 'attached'});
  });

  it('counts what the visitor of the chat left open writes while the agent is in the queue', async () => {
    const fay = await createVisitorWithRoom(server.url, {name: 'Fay Follow'});
    await visitorSays(server.url, fay, 'One question');
    await sections(page)
      .getByRole('link', {name: /^Queue/})
      .click();
    await page
      .getByRole('article', {name: /Fay Follow/})
      .getByRole('button', {name: 'Take'})
      .click();
    await page.getByRole('log').getByText('One question').waitFor();
    await sections(page).getByRole('link', {name: 'Chats', exact: true}).waitFor();

    await sections(page)
      .getByRole('link', {name: /^Queue/})
      .click();
    await page.getByRole('main', {name: 'Queue'}).waitFor();
    await visitorSays(server.url, fay, 'And another one');
    await sections(page).getByRole('link', {name: 'Chats 1 unread'}).waitFor();
    await page
      .locator('[aria-live="polite"]', {hasText: 'Fay Follow wrote: And another one'})
      .waitFor({state: 'attached'});

    await sections(page)
      .getByRole('link', {name: /^Chats/})
      .click();
    await page.getByRole('log').getByText('And another one').waitFor();
    await sections(page).getByRole('link', {name: 'Chats', exact: true}).waitFor();
  });
});

describe('the agent console through a shift: many chats, a reload, a restart', () => {
  let server: TestServer;
  let page: Page;

  useWidgetSuite(async (suite) => {
    server = suite.site.server;
    ({page} = await openConsole(suite.browser, server.url, {viewport: {width: 1024, height: 600}}));
    await logIn(page, TEST_AGENT);
  });

  it('keeps the chat chosen with Alt+Down in view in a list longer than the screen', async () => {
    for (let i = 1; i <= 14; i++) {
      const visitor = await createVisitorWithRoom(server.url, {name: `Crowd ${i}`});
      await visitorSays(server.url, visitor, `Question ${i}`);
    }
    await chatList(page)
      .getByRole('button', {name: /Crowd 1 /})
      .waitFor();
    for (let i = 0; i < 14; i++) await page.keyboard.press('Alt+ArrowDown');
    // The newest is first: fourteen steps down reach the oldest.
    await page.getByRole('heading', {name: 'Crowd 1', exact: true}).waitFor();
    const current = chatList(page).locator('button[aria-current="true"]');
    await page.waitForFunction(() => {
      const chats = document
        .querySelector('lc-agent-app')!
        .shadowRoot!.querySelector('lc-agent-chats')!;
      const list = chats.shadowRoot!.querySelector('lc-agent-room-list')!;
      const button = list.shadowRoot!.querySelector('button[aria-current="true"]')!;
      const shown = list.getBoundingClientRect();
      const box = button.getBoundingClientRect();
      return box.top >= shown.top - 1 && box.bottom <= shown.bottom + 1;
    });
    assert.match((await current.textContent()) ?? '', /Crowd 1\b/);
    const pageHeight = await page.evaluate(() => [
      document.documentElement.scrollHeight,
      innerHeight,
    ]);
    assert.ok(
      pageHeight[0] <= pageHeight[1],
      `only the list scrolls, not the page: ${pageHeight.join(' > ')}`,
    );
  });

  it('keeps a very long name and unbroken text inside their panes', async () => {
    // Wide enough for the visitor details beside the chat.
    await page.setViewportSize({width: 1280, height: 800});
    const name = `Xaverius${'x'.repeat(80)}`;
    const xaver = await createVisitorWithRoom(server.url, {name});
    await visitorSays(server.url, xaver, `https://example.com/${'a'.repeat(300)}`);
    await chatList(page)
      .getByRole('button', {name: /Xaverius/})
      .click();
    await page.getByRole('complementary', {name: 'Visitor details'}).getByText(name).waitFor();
    const overflowing = await page.evaluate(() => {
      const chats = document
        .querySelector('lc-agent-app')!
        .shadowRoot!.querySelector('lc-agent-chats')!;
      return ['lc-agent-room-list', 'lc-agent-conversation', 'lc-agent-visitor-panel'].filter(
        (tag) => {
          const pane = chats.shadowRoot!.querySelector(tag)!;
          return [pane, ...pane.shadowRoot!.querySelectorAll('*')].some(
            (el) =>
              el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden',
          );
        },
      );
    });
    assert.deepEqual(overflowing, []);
    await page.setViewportSize({width: 1024, height: 600});
  });

  it('gives each chat a live log of its own, so switching reads no history aloud', async () => {
    const [first, second] = ['Lena Log', 'Lars Log'];
    for (const name of [first, second]) {
      const visitor = await createVisitorWithRoom(server.url, {name});
      await visitorSays(server.url, visitor, `History of ${name}`);
    }
    await chatList(page)
      .getByRole('button', {name: new RegExp(first)})
      .click();
    await page.getByRole('log').getByText(`History of ${first}`).waitFor();
    const before = await page.getByRole('log').elementHandle();
    await chatList(page)
      .getByRole('button', {name: new RegExp(second)})
      .click();
    await page.getByRole('log').getByText(`History of ${second}`).waitFor();
    assert.equal(await before!.evaluate((log) => log.isConnected), false, 'a new live region');
  });

  it('offers a jump to a message that came while the agent read further up', async () => {
    const long = await createVisitorWithRoom(server.url, {name: 'Lou Longchat'});
    for (let i = 1; i <= 30; i++) await visitorSays(server.url, long, `Line ${i}`);
    await chatList(page)
      .getByRole('button', {name: /Lou Longchat/})
      .click();
    const log = page.getByRole('log');
    await log.getByText('Line 30').waitFor();
    await log.evaluate((el) => el.scrollTo({top: 0}));
    await page.waitForFunction(
      () =>
        document
          .querySelector('lc-agent-app')!
          .shadowRoot!.querySelector('lc-agent-chats')!
          .shadowRoot!.querySelector('lc-agent-conversation')!
          .shadowRoot!.querySelector('.log')!.scrollTop === 0,
    );
    await visitorSays(server.url, long, 'Fresh news');
    const jump = page.getByRole('button', {name: 'New messages below'});
    await jump.waitFor();
    assert.equal(await log.evaluate((el) => el.scrollTop), 0, 'the agent keeps reading');
    await jump.click();
    await jump.waitFor({state: 'detached'});
    await log.getByText('Fresh news').waitFor();
    assert.ok(
      await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 48),
      'at the newest message',
    );
    await waitForFocus(page, '.log');
  });

  it('keeps the unread markers of the chats across a reload', async () => {
    const uma = await createVisitorWithRoom(server.url, {name: 'Uma Unread'});
    await visitorSays(server.url, uma, 'Still there?');
    const unread = chatList(page).getByRole('button', {name: /Uma Unread.*1 unread/});
    await unread.waitFor();
    await page.reload();
    await unread.waitFor();
    await page.getByRole('link', {name: /^Chats \d+ unread/}).waitFor();
    await unread.click();
    await page.getByRole('log').getByText('Still there?').waitFor();
    await chatList(page)
      .getByRole('button', {name: /Uma Unread/})
      .filter({hasNotText: /\d unread/})
      .waitFor();
  });

  it('counts an offline message left during the shift once the tab is back in view', async () => {
    await sections(page).getByRole('link', {name: 'Offline messages'}).waitFor();
    await setHidden(page, true);
    await postOk(server.url, '/api/v1/livechat/offline.message', {
      name: 'Olga Offline',
      email: 'olga@example.com',
      message: 'Please call me back.',
    });
    await setHidden(page, false);
    await sections(page).getByRole('link', {name: 'Offline messages 1 unread'}).waitFor();
  });

  it('says that no new chats come while the agent is away', async () => {
    const away = page.getByText('You are away: new chats go to other agents or wait in the queue.');
    const toggle = page.getByRole('switch', {name: 'Available'});
    await toggle.click();
    await away.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await away.waitFor({state: 'hidden'});
  });

  it('shows what a visitor wrote while the link was down, in a chat read before', async () => {
    const olly = await createVisitorWithRoom(server.url, {name: 'Olly Offline'});
    await visitorSays(server.url, olly, 'First from Olly');
    const bart = await createVisitorWithRoom(server.url, {name: 'Bart Before'});
    await visitorSays(server.url, bart, 'First from Bart');
    await chatList(page)
      .getByRole('button', {name: /Olly Offline/})
      .click();
    await page.getByRole('log').getByText('First from Olly').waitFor();
    await chatList(page)
      .getByRole('button', {name: /Bart Before/})
      .click();
    await page.getByRole('log').getByText('First from Bart').waitFor();

    const lost = page.getByText('Connection lost. Reconnecting…');
    await page.context().setOffline(true);
    // The console pings its socket when the browser goes offline; it is found dead soon after.
    await lost.waitFor({timeout: 30_000});
    await visitorSays(server.url, olly, 'Sent while you were away');
    await page.context().setOffline(false);
    await lost.waitFor({state: 'hidden', timeout: 30_000});

    const entry = chatList(page).getByRole('button', {name: /Olly Offline/});
    await entry.getByText('Sent while you were away').waitFor();
    await entry.click();
    await page.getByRole('log').getByText('Sent while you were away').waitFor();
    assert.equal(await page.getByRole('log').getByText('First from Olly').count(), 1);
  });

  it("clears a chat's unread count in the agent's other tab once read in one", async () => {
    const other = await page.context().newPage();
    try {
      // The login is the browser's: the second tab opens logged in.
      await other.goto(`${server.url}/agent/`);
      await sections(other).waitFor();
      const tina = await createVisitorWithRoom(server.url, {name: 'Tina Twotabs'});
      await visitorSays(server.url, tina, 'Anyone there?');
      const unreadIn = (tab: Page) =>
        chatList(tab).getByRole('button', {name: /Tina Twotabs.*1 unread/});
      await unreadIn(page).waitFor();
      // Even if the chat came while the tab was still logging in.
      await unreadIn(other).waitFor();
      await chatList(page)
        .getByRole('button', {name: /Tina Twotabs/})
        .click();
      await unreadIn(other).waitFor({state: 'detached'});
      await chatList(other)
        .getByRole('button', {name: /Tina Twotabs/})
        .waitFor();
    } finally {
      await other.close();
    }
  });

  it('sends a reply that failed while the server was down once it is back, once', async () => {
    const rita = await createVisitorWithRoom(server.url, {name: 'Rita Restart'});
    await visitorSays(server.url, rita, 'Is my bike ready?');
    await chatList(page)
      .getByRole('button', {name: /Rita Restart/})
      .click();
    await page.getByRole('log').getByText('Is my bike ready?').waitFor();

    await server.stop();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    await page.getByRole('textbox', {name: 'Message'}).fill('Yes, ready for pick-up.');
    await page.keyboard.press('Enter');
    const reply = page.locator('li.message.agent', {hasText: 'Yes, ready for pick-up.'});
    await reply.getByText('Not sent.').waitFor();

    await server.restart();
    await page
      .locator('li.message.agent.sent', {hasText: 'Yes, ready for pick-up.'})
      .waitFor({timeout: 30_000});
    const messages = await (await agentOf(server.url)).messages(rita.rid);
    assert.equal(messages.filter((m) => m.msg === 'Yes, ready for pick-up.').length, 1);
    assert.equal(await reply.count(), 1, 'shown once');
  });

  it('goes to the previous chat with unread messages with Alt+Shift+Up', async () => {
    const open = page.locator('lc-agent-conversation #title');
    for (const name of ['Pia Pending', 'Quinn Quick']) {
      const visitor = await createVisitorWithRoom(server.url, {name});
      await visitorSays(server.url, visitor, `Hello from ${name}`);
      await chatList(page)
        .getByRole('button', {name: new RegExp(`${name}.*1 unread`)})
        .waitFor();
    }
    // Both are newer than the open chat, so above it: the nearer first.
    assert.notEqual(await open.textContent(), 'Pia Pending');
    await page.keyboard.press('Alt+Shift+ArrowUp');
    await page.getByRole('heading', {name: 'Pia Pending'}).waitFor();
    await page.keyboard.press('Alt+Shift+ArrowUp');
    await page.getByRole('heading', {name: 'Quinn Quick'}).waitFor();
  });
});
