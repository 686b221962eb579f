import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
import {
  chatList as chatListOf,
  logIn,
  openConsole,
  sections,
  setHidden,
  waitForFocus,
} from '../helpers/node/console-page.js';
import {axeViolations as axeViolationsOf} from '../helpers/node/keyboard-checks.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  createVisitorWithRoom,
  postOk,
  visitorSays,
  type TestServer,
} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';
import {useWidgetSuite, type Agent} from '../helpers/node/widget-site.js';

const ORDER_FIELD = {_id: 'orderNumber', label: 'Order number', scope: 'visitor' as const};

const createVisitor = (
  base: string,
  name: string,
  email?: string,
  locale: {language?: string; timezone?: string} = {},
) => createVisitorWithRoom(base, {name, email, ...locale});

describe('the agent console at work: visitor panel, saved replies, files, attention, keys', () => {
  let server: TestServer;
  let browser: Browser;
  let agent: Agent;
  let page: Page;
  let pageErrors: string[];

  useWidgetSuite(
    async (suite) => {
      ({browser, agent} = suite);
      server = suite.site.server;
      const opened = await openConsole(browser, server.url, {
        viewport: {width: 1400, height: 900},
        csp: true,
      });
      ({page, errors: pageErrors} = opened);
      await logIn(page, TEST_AGENT);
    },
    {demoPage: 'index.html', settings: {customFields: [ORDER_FIELD], registrationForm: false}},
  );

  const chatList = () => chatListOf(page);
  const panel = () => page.getByRole('complementary', {name: 'Visitor details'});
  const reply = () => page.getByRole('textbox', {name: 'Message'});
  const chatTitle = () => page.locator('lc-agent-conversation #title');

  const hidden = (isHidden: boolean) => setHidden(page, isHidden);

  async function openChat(name: string): Promise<void> {
    await page.getByRole('link', {name: /^Chats/}).click();
    await chatList()
      .getByRole('button', {name: new RegExp(name)})
      .click();
  }

  const axeViolations = () => axeViolationsOf(page);

  after(() => {
    assert.deepEqual(pageErrors, []);
  });

  it('shows who the visitor is and where they went; notes survive a reload', async () => {
    const vera = await createVisitor(server.url, 'Vera Visitor', 'vera@example.com', {
      language: 'de-DE',
      timezone: 'Europe/Berlin',
    });
    await postOk(server.url, '/api/v1/livechat/custom.field', {
      token: vera.token,
      key: 'orderNumber',
      value: '4711',
      overwrite: true,
    });
    for (const [title, href] of [
      ['Bikes', 'https://shop.example/bikes'],
      ['Helmets', 'https://shop.example/helmets'],
    ]) {
      await postOk(server.url, '/api/v1/livechat/page.visited', {
        token: vera.token,
        rid: vera.rid,
        pageInfo: {change: 'url', title, location: {href}},
      });
    }
    await visitorSays(server.url, vera, 'Do you have helmets in blue?');
    await openChat('Vera Visitor');

    await panel().getByRole('heading', {name: 'Vera Visitor'}).waitFor();
    await panel().getByText('vera@example.com').waitFor();
    await panel().getByText('Order number').waitFor();
    await panel().getByText('4711').waitFor();
    await panel().getByText('German (Germany)').waitFor();
    // The visitor's clock, as the console (en-US here) writes it; read between two readings of
    // ours, so that a minute turning over in between cannot fail the test.
    const berlin = () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Europe/Berlin',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }).format(Date.now());
    const earlier = berlin();
    const clock = await panel().getByText('Europe/Berlin').locator('xpath=..').textContent();
    const later = berlin();
    assert.ok(clock?.includes(earlier) || clock?.includes(later), `${clock} shows ${later}`);
    const pages = panel().getByRole('link');
    await pages.first().waitFor();
    assert.deepEqual(await pages.allTextContents(), ['Helmets', 'Bikes'], 'newest first');

    const notes = panel().getByLabel('Notes');
    await notes.fill('Wants a blue helmet, size M.');
    await notes.press('Control+Enter');
    await panel().getByRole('status').getByText('Saved').waitFor();

    await page.reload();
    await openChat('Vera Visitor');
    // The field appears with the loaded details, notes included.
    assert.equal(await panel().getByLabel('Notes').inputValue(), 'Wants a blue helmet, size M.');
  });

  it("lists the demo page's sections a widget visitor went to, with their language", async () => {
    const visitorContext = await browser.newContext({
      locale: 'de-DE',
      timezoneId: 'America/New_York',
    });
    try {
      const visitor = await visitorContext.newPage();
      await visitor.goto(server.url);
      await visitor.getByRole('button', {name: 'Open chat'}).click();
      const started = visitor.waitForResponse((r) => r.url().includes('/page.visited'));
      await visitor
        .getByRole('dialog')
        .getByRole('textbox', {name: 'Message'})
        .fill('Can you true my wheel?');
      await visitor
        .getByRole('dialog')
        .getByRole('button', {name: /Send|Senden/})
        .click();
      await started;
      const moved = visitor.waitForResponse((r) => r.url().includes('/page.visited'));
      await visitor.evaluate(() => (location.hash = '#workshop'));
      await moved;

      await page.getByRole('link', {name: /^Chats/}).click();
      await chatList()
        .getByRole('button', {name: /Can you true my wheel\?/})
        .click();
      const workshop = panel().getByRole('link', {name: /^Workshop · Kettle/});
      await workshop.waitFor();
      assert.match((await workshop.getAttribute('href')) ?? '', /\/#workshop$/);
      await panel().getByText('German (Germany)').waitFor();
      await panel().getByText('America/New_York').waitFor();
    } finally {
      await visitorContext.close();
    }
  });

  it("opens one of the visitor's earlier chats read-only from the panel", async () => {
    const ola = await createVisitor(server.url, 'Ola Again');
    await visitorSays(server.url, ola, 'My first question, last week');
    const {headers} = await agentLogin(server.url);
    const closed = await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid: ola.rid, comment: 'answered'},
      headers,
    });
    assert.equal(closed.status, 200);
    const again = await api(server.url, '/api/v1/livechat/room', {query: {token: ola.token}});
    await visitorSays(
      server.url,
      {token: ola.token, rid: again.body.room._id},
      'Back with another one',
    );
    // By its last message: until the console hears of the close, the list may still show only
    // the closed chat under the same name.
    await openChat('Back with another one');

    const earlier = panel().getByRole('button', {name: /\d/});
    await earlier.waitFor();
    assert.equal(await earlier.count(), 1);
    await earlier.click();
    await page.getByRole('heading', {name: 'Chat with Ola Again'}).waitFor();
    await page.getByText('My first question, last week').waitFor();
    await page.getByText('Read only').waitFor();
    assert.equal(await page.evaluate(() => location.hash), '#history');
  });

  it('folds the visitor details behind a toggle on a narrow screen', async () => {
    await openChat('Vera Visitor');
    await page.setViewportSize({width: 900, height: 800});
    try {
      const toggle = page.getByRole('button', {name: 'Visitor details'});
      await toggle.waitFor();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await panel().waitFor({state: 'hidden'});
      await toggle.click();
      await panel().getByText('vera@example.com').waitFor();
    } finally {
      await page.setViewportSize({width: 1400, height: 900});
    }
  });

  it('adds a saved reply and inserts it with / and the keyboard', async () => {
    await page.getByRole('button', {name: 'Saved replies'}).click();
    const dialog = page.getByRole('dialog', {name: 'Saved replies'});
    await dialog.getByLabel('Shortcut').fill('shipping');
    await dialog.getByLabel('Reply text').fill('We ship within 2 working days.');
    await dialog.getByRole('button', {name: 'Add reply'}).click();
    await dialog.getByText('/shipping').waitFor();
    await dialog.getByLabel('Shortcut').fill('hello');
    await dialog.getByLabel('Reply text').fill('Hi! How can I help?');
    await dialog.getByRole('button', {name: 'Add reply'}).click();
    await dialog.getByText('/hello').waitFor();
    await dialog.getByLabel('Shortcut').fill('bye');
    await dialog.getByLabel('Reply text').fill('Bye for now');
    await dialog.getByRole('button', {name: 'Add reply'}).click();
    await dialog.getByRole('button', {name: 'Edit /bye'}).click();
    assert.equal(await dialog.getByLabel('Reply text').inputValue(), 'Bye for now');
    await dialog.getByLabel('Reply text').fill('Have a nice ride!');
    await dialog.getByRole('button', {name: 'Save changes'}).click();
    await dialog.getByText('Have a nice ride!').waitFor();
    await dialog.getByRole('button', {name: 'Delete /bye'}).click();
    await dialog.getByRole('button', {name: 'Yes, delete'}).click();
    await dialog.getByText('/bye').waitFor({state: 'detached'});
    assert.deepEqual(
      await dialog
        .getByRole('list', {name: 'Your saved replies'})
        .locator('strong')
        .allTextContents(),
      ['/hello', '/shipping'],
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});

    await reply().click();
    await page.keyboard.type('/');
    const list = page.getByRole('listbox', {name: 'Saved replies'});
    await list.waitFor();
    // The box points at the open list; without a list it points at nothing.
    assert.equal(await reply().getAttribute('aria-controls'), await list.getAttribute('id'));
    assert.equal(await list.getByRole('option').count(), 2);
    await page.keyboard.type('ship');
    await list.getByRole('option').filter({hasText: 'shipping'}).waitFor();
    assert.equal(await list.getByRole('option').count(), 1);
    await page.keyboard.press('Escape');
    await list.waitFor({state: 'hidden'});
    assert.equal(await reply().inputValue(), '/ship', 'Escape closes the list, keeps the text');
    assert.equal(await reply().getAttribute('aria-controls'), null);

    await reply().fill('');
    await page.keyboard.type('/');
    await list.waitFor();
    await page.keyboard.press('ArrowDown');
    const active = await reply().getAttribute('aria-activedescendant');
    assert.match((await list.locator(`#${active}`).textContent()) ?? '', /shipping/);
    await page.keyboard.press('Enter');
    await list.waitFor({state: 'hidden'});
    assert.equal(await reply().inputValue(), 'We ship within 2 working days.');
    assert.equal(
      await page.locator('li.message.agent', {hasText: 'We ship within'}).count(),
      0,
      'Enter on the list inserts, it does not send',
    );
  });

  it('sends with Enter and adds a line with Shift+Enter', async () => {
    await reply().fill('');
    await reply().pressSequentially('Line one');
    await page.keyboard.press('Shift+Enter');
    await reply().pressSequentially('Line two');
    assert.equal(await reply().inputValue(), 'Line one\nLine two');
    await page.keyboard.press('Enter');
    await page.locator('li.message.agent.sent', {hasText: 'Line two'}).waitFor();
    assert.equal(await reply().inputValue(), '');
    const vera = await page.evaluate(() => location.hash);
    assert.equal(vera, '#chats');
    const rid = (await agent.rooms()).find((r) => r.fname === 'Vera Visitor')!._id;
    assert.ok(
      (await agent.messages(rid)).some((m) => m.msg === 'Line one\nLine two'),
      'one message with both lines',
    );
  });

  it('shows a picture the visitor sent inline, loaded through a signed link', async () => {
    const pia = await createVisitor(server.url, 'Pia Picture');
    await visitorSays(server.url, pia, 'Here is the broken part');
    await openChat('Pia Picture');
    await page.getByRole('log').getByText('Here is the broken part').waitFor();
    const sent = await upload(server.url, pia.rid, PNG_BYTES, {
      token: pia.token,
      filename: 'broken-part.png',
      type: 'image/png',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const image = page.getByRole('log').getByRole('img', {name: 'broken-part.png'});
    await image.waitFor();
    const width = await image.evaluate((img: HTMLImageElement) =>
      img.complete
        ? img.naturalWidth
        : new Promise<number>((resolve) => {
            img.addEventListener('load', () => resolve(img.naturalWidth));
            img.addEventListener('error', () => resolve(0));
          }),
    );
    assert.ok(width > 0, 'the picture loaded');
    assert.doesNotMatch((await image.getAttribute('src')) ?? '', /auth|x-user/i);
  });

  it('opens the keyboard shortcuts from a button and with ?, closes with Escape', async () => {
    const button = page.getByRole('button', {name: 'Keyboard shortcuts'});
    await button.click();
    const dialog = page.getByRole('dialog', {name: 'Keyboard shortcuts'});
    await dialog.getByRole('cell', {name: 'Next chat', exact: true}).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    assert.equal(await button.evaluate((b) => b.matches(':focus')), true, 'focus returns');

    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    await reply().click();
    await page.keyboard.press('?');
    assert.equal(await reply().inputValue(), '?', 'in the reply box ? is just text');
    assert.equal(await dialog.isVisible(), false);
    await reply().fill('');

    const current = () =>
      page.locator('lc-agent-room-list button[aria-current="true"] .name').textContent();
    const names = await chatList().locator('.name').allTextContents();
    const before = await current();
    await page.keyboard.press('Alt+ArrowDown');
    const expected = names[Math.min(names.indexOf(before!) + 1, names.length - 1)];
    await page.waitForFunction((name) => {
      const app = document.querySelector('lc-agent-app')!.shadowRoot!;
      const list = app
        .querySelector('lc-agent-chats')!
        .shadowRoot!.querySelector('lc-agent-room-list')!.shadowRoot!;
      return list.querySelector('button[aria-current="true"] .name')?.textContent === name;
    }, expected);
    await page.keyboard.press('Alt+2');
    await page.waitForFunction(() => location.hash === '#queue');
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => location.hash === '#chats');
  });

  it("keeps each chat's unsent reply and the open chat across switches and a reload", async () => {
    await createVisitor(server.url, 'Dora Draft');
    await createVisitor(server.url, 'Drew Draft');
    await openChat('Dora Draft');
    await reply().fill('Half an answer for Dora');
    await openChat('Drew Draft');
    assert.equal(await reply().inputValue(), '', "Dora's words stay in Dora's chat");
    await reply().fill('Drew, one moment');
    await openChat('Dora Draft');
    assert.equal(await reply().inputValue(), 'Half an answer for Dora');

    await page.reload();
    // Back in Dora's chat without a click, her reply still unsent.
    await chatTitle().getByText('Dora Draft').waitFor();
    assert.equal(await reply().inputValue(), 'Half an answer for Dora');
    await openChat('Drew Draft');
    assert.equal(await reply().inputValue(), 'Drew, one moment');
    await reply().press('Enter');
    await page.locator('li.message.agent.sent', {hasText: 'Drew, one moment'}).waitFor();
    await page.reload();
    await chatTitle().getByText('Drew Draft').waitFor();
    assert.equal(await reply().inputValue(), '', 'a sent reply is no draft any more');
  });

  it('leaves the chat behind a dialog alone: keys wait, and a transfer names its chat', async () => {
    await openChat('Dora Draft');
    await page.getByRole('button', {name: 'Transfer', exact: true}).click();
    const dialog = page.getByRole('dialog', {name: 'Transfer chat with Dora Draft'});
    await dialog.waitFor();
    // (In the list of agents Alt+Down would open the list itself.)
    await dialog.getByLabel('Comment (optional)').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+2');
    assert.equal(await page.evaluate(() => location.hash), '#chats');
    assert.equal(await chatTitle().textContent(), 'Dora Draft', 'the same chat behind it');
    await page.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
  });

  it('puts the keyboard in the reply box of a chat opened with Alt+Down', async () => {
    await page.evaluate(() => sessionStorage.removeItem('live-chat-agent:open'));
    await page.reload();
    await chatList().getByRole('button').first().waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await waitForFocus(page, '#reply');
  });

  it('puts the keyboard on the section link when Alt+4 leaves the reply box', async () => {
    await reply().focus();
    await page.keyboard.press('Alt+4');
    // The reply box went with the Chats section; the focus is not lost to the page.
    await waitForFocus(page, 'a[href="#history"][aria-current="page"]');
    await page.keyboard.press('Alt+2');
    await waitForFocus(page, 'a[href="#queue"][aria-current="page"]');
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => location.hash === '#chats');
  });

  it('counts new visitor messages in the title while the tab is hidden', async () => {
    const hana = await createVisitor(server.url, 'Hana Hidden');
    await visitorSays(server.url, hana, 'Hello?');
    await chatList()
      .getByRole('button', {name: /Hana Hidden/})
      .waitFor();
    await openChat('Hana Hidden');
    await page.waitForFunction(() => document.title === 'Agent console');
    await hidden(true);
    await visitorSays(server.url, hana, 'Anyone there?');
    await page.waitForFunction(() => document.title === '(1) Agent console');
    await visitorSays(server.url, hana, 'Hello??');
    await page.waitForFunction(() => document.title === '(2) Agent console');
    await hidden(false);
    await page.waitForFunction(() => document.title === 'Agent console');
  });

  it('asks for notifications only on click, then one opens its chat when clicked', async () => {
    // Headless Chromium shows no notifications: a stand-in records what the console asks for.
    await page.addInitScript(`
      window.__asked = 0;
      window.__shown = [];
      window.Notification = class {
        static permission = 'default';
        static async requestPermission() {
          window.__asked++;
          window.Notification.permission = 'granted';
          return 'granted';
        }
        constructor(title, options) {
          this.title = title;
          this.body = options.body;
          window.__shown.push(this);
        }
        close() {}
      };
    `);
    await page.reload();
    const turnOn = page.getByRole('button', {name: 'Turn on notifications'});
    await turnOn.waitFor();
    assert.equal(await page.evaluate('window.__asked'), 0, 'nothing asked before the click');
    await turnOn.click();
    await turnOn.waitFor({state: 'detached'});
    assert.equal(await page.evaluate('window.__asked'), 1);

    await page.getByRole('link', {name: /^Queue/}).click();
    await hidden(true);
    const nina = await createVisitor(server.url, 'Nina Notify');
    await visitorSays(server.url, nina, 'Are you open on Sunday?');
    await page.waitForFunction(
      'window.__shown.some((n) => n.body === "Nina Notify"' + ' || n.title === "Nina Notify")',
    );
    await page.evaluate('window.__shown.at(-1).onclick()');
    await hidden(false);
    await page.waitForFunction(() => location.hash === '#chats');
    await page.getByRole('log').getByText('Are you open on Sunday?').waitFor();
  });

  it('has no axe violations in the main views and dialogs', async () => {
    await openChat('Vera Visitor');
    await panel().getByText('vera@example.com').waitFor();
    assert.deepEqual(await axeViolations(), [], 'chats with the visitor panel');
    for (const section of ['Queue', 'Offline messages', 'History']) {
      await sections(page)
        .getByRole('link', {name: new RegExp(`^${section}`)})
        .click();
      await page.getByRole('main', {name: section}).waitFor();
      assert.deepEqual(await axeViolations(), [], section);
    }
    await page.getByRole('button', {name: 'Saved replies'}).click();
    await page.getByRole('dialog', {name: 'Saved replies'}).waitFor();
    assert.deepEqual(await axeViolations(), [], 'saved replies');
    await page.keyboard.press('Escape');
    await page.getByRole('button', {name: 'Keyboard shortcuts'}).click();
    await page.getByRole('dialog', {name: 'Keyboard shortcuts'}).waitFor();
    assert.deepEqual(await axeViolations(), [], 'keyboard shortcuts');
    await page.keyboard.press('Escape');
  });
});
