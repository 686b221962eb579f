import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {Browser, FrameLocator} from 'playwright';
import {chatList, consoleOf, sections} from '../helpers/node/console-page.js';
import {
  naturalWidth,
  photo,
  rcComposer as composer,
  rcLauncher as launcher,
  rcSay,
} from '../helpers/node/rc-widget.js';
import {rcSite, rcVisitor} from '../helpers/node/rc-site.js';
import {
  createVisitorWithRoom,
  shopDepartment,
  TEST_AGENT,
  until,
} from '../helpers/node/server-fixture.js';
import {agentOf, type WidgetSite} from '../helpers/node/widget-site.js';

const WES = {username: 'wes', password: 'wes-password', name: 'Wes Wrench'};

const typingDots = (rc: FrameLocator) => rc.locator('[class*="typing-dots"]').first();

const GRACE_MS = 500;

describe("Rocket.Chat's own widget (@rocket.chat/livechat 1.13.3) on the reference server", () => {
  let site: WidgetSite;
  let browser: Browser;
  let host: string;

  before(async () => {
    // A short grace, so that a visitor the server lost would show as gone within the test.
    ({site, host, browser} = await rcSite({
      settings: {registrationForm: true},
      visitorOfflineGraceMs: GRACE_MS,
    }));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('registers, chats with the console both ways, typing and a photo, survives a reload, and ends', async () => {
    const agent = await consoleOf(browser, site.url, TEST_AGENT);
    const {page: visitor, rc, problems, allowedNosub} = await rcVisitor(browser, host);

    // Its pre-chat form, from our config: name and email.
    await launcher(rc).click();
    await rc.locator('input[name="name"]').fill('Rita Visitor');
    await rc.locator('input[name="email"]').fill('rita@example.com');
    await rc.getByRole('button', {name: /start chat/i}).click();
    await composer(rc).click();
    await visitor.keyboard.type('Hello, is my bike ready?');
    await visitor.keyboard.press('Enter');

    // The console: the chat, the visitor's name and email, and presence.
    await agent.bringToFront();
    await chatList(agent)
      .getByRole('button', {name: /Rita Visitor/})
      .click();
    const conversation = agent.getByRole('log');
    await conversation.getByText('Hello, is my bike ready?').waitFor();
    await agent.getByText('rita@example.com').first().waitFor();
    const header = agent.locator('lc-agent-conversation header');
    await header.getByText('Online', {exact: true}).waitFor();
    // A visitor with no live link, from now: once the console says they left, the grace has
    // passed, and a widget whose link the server did not count would show as gone too.
    await createVisitorWithRoom(site.url, {name: 'Lou Linkless', email: 'lou@example.com'});

    // Typing, both ways.
    await visitor.bringToFront();
    await composer(rc).click();
    await visitor.keyboard.type('And the brakes?');
    await agent.getByText(/is typing…/).waitFor();
    await visitor.keyboard.press('Enter');
    await conversation.getByText('And the brakes?').waitFor();
    await agent.getByText(/is typing…/).waitFor({state: 'hidden'});
    await agent.bringToFront();
    await agent.getByLabel('Message').pressSequentially('Both done');
    await typingDots(rc).waitFor();
    await agent.getByLabel('Message').pressSequentially(', pick it up at five.');
    await agent.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('Both done, pick it up at five.').waitFor();
    await typingDots(rc).waitFor({state: 'hidden'});

    // A photo through its "+" button: the agent and the visitor both see the picture.
    await visitor.bringToFront();
    const chooser = visitor.waitForEvent('filechooser');
    await rc.locator('button[class*="composer__action"]').last().click();
    const buffer = await photo(visitor);
    await (await chooser).setFiles({name: 'receipt.png', mimeType: 'image/png', buffer});
    const sent = conversation.getByRole('img', {name: 'receipt.png'});
    assert.equal(await naturalWidth(sent), 64, 'the console shows the picture');
    const shown = rc.locator('img[src*="receipt.png"]');
    assert.equal(await naturalWidth(shown), 64, 'the widget shows the picture');
    // All along, its live link kept the visitor present, past the grace of one without.
    await chatList(agent)
      .getByRole('button', {name: /Lou Linkless/})
      .and(chatList(agent).getByRole('button', {name: /Left the page/}))
      .waitFor();
    assert.equal(await header.getByText('Online', {exact: true}).count(), 1, 'still online');

    // A reload: Rocket.Chat's widget comes back minimised; opened, the chat is all there, once.
    await visitor.reload();
    await launcher(rc).click();
    await rc.getByText('Both done, pick it up at five.').waitFor();
    assert.equal(await rc.getByText('Hello, is my bike ready?').count(), 1);
    await header.getByText('Online', {exact: true}).waitFor();

    // The agent closes the chat: the widget says so.
    const [rid] = await (await agentOf(site.url)).openRoomIds();
    allowedNosub.add(rid);
    await agent.bringToFront();
    await agent.getByRole('button', {name: 'Close chat'}).click();
    await agent.getByRole('button', {name: 'Confirm close'}).click();
    await rc.getByText('Chat Finished').waitFor();
    assert.deepEqual(problems, []);
  });
});

describe("Rocket.Chat's widget on the reference server: nobody online", () => {
  let stage: Awaited<ReturnType<typeof rcSite>>;

  before(async () => {
    stage = await rcSite({
      agents: [
        {...TEST_AGENT, available: false},
        {...WES, available: false},
      ],
      settings: {
        departments: [shopDepartment('Sales', 'agent'), shopDepartment('Workshop', 'wes')],
        offlineEmail: 'shop@example.com',
      },
    });
  });

  after(async () => {
    await stage?.browser.close();
    await stage?.site.close();
  });

  it("takes a message in its offline form, with a department, for the console's Offline messages and the shop's mail", async () => {
    const {page, rc, problems} = await rcVisitor(stage.browser, stage.host);
    await launcher(rc).click();
    await rc.getByText('We are not online right now. Please leave us a message.').waitFor();
    await rc.locator('input[name="name"]').fill('Olga Offline');
    await rc.locator('input[name="email"]').fill('olga@example.com');
    await rc.locator('select[name="department"]').selectOption({label: 'Workshop'});
    await rc.locator('textarea[name="message"]').fill('Do you fix tandems?');
    await rc.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('Livechat offline message sent').waitFor();
    const outbox = join(stage.site.server.dataDir, 'mail');
    const mails = () => readdir(outbox).catch(() => [] as string[]);
    await until(async () => (await mails()).some((f) => f.endsWith('.eml')), 'the offline mail');
    const [file] = (await mails()).filter((f) => f.endsWith('.eml'));
    const mail = await readFile(join(outbox, file), 'utf8');
    assert.match(mail, /^To: shop@example\.com$/m);
    assert.match(mail, /^Reply-To: olga@example\.com$/m);
    assert.match(mail, /Do you fix tandems\?/);

    // Logging in makes the agent available, so only now.
    const agent = await consoleOf(stage.browser, stage.site.url, WES);
    await sections(agent)
      .getByRole('link', {name: /Offline messages 1 unread/})
      .click();
    const card = agent
      .getByRole('list', {name: 'Offline messages'})
      .getByRole('article', {name: /Olga Offline/});
    await card.getByText('Do you fix tandems?').waitFor();
    await card.getByText('olga@example.com').waitFor();
    await card.getByText('Workshop').waitFor();
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});

describe("Rocket.Chat's widget on the reference server: the queue and a transfer", () => {
  let stage: Awaited<ReturnType<typeof rcSite>>;

  before(async () => {
    stage = await rcSite({
      agents: [TEST_AGENT, WES],
      settings: {routing: 'manual', registrationForm: false, queueWaitDefaultSeconds: 180},
    });
  });

  after(async () => {
    await stage?.browser.close();
    await stage?.site.close();
  });

  it('shows its place in line until the agent takes the chat, then the agent it is transferred to', async () => {
    const smith = await consoleOf(stage.browser, stage.site.url, TEST_AGENT);
    const wes = await consoleOf(stage.browser, stage.site.url, WES);
    const {page: visitor, rc, problems} = await rcVisitor(stage.browser, stage.host);
    await launcher(rc).click();
    await rcSay(visitor, 'Anyone there?');
    await rc.getByText('Waiting queue...').waitFor();
    await rc.getByText(/^Your spot is #1 \(Estimated wait time: \d minutes\)$/).waitFor();

    await smith.bringToFront();
    await sections(smith)
      .getByRole('link', {name: /Queue 1 waiting/})
      .click();
    await smith.getByRole('button', {name: /^Take the chat with/}).click();
    await smith.getByRole('log').getByText('Anyone there?').waitFor();
    await rc.getByText(TEST_AGENT.name).first().waitFor();
    await rc.getByText(/Your spot is/).waitFor({state: 'detached'});

    await smith.getByRole('button', {name: 'Transfer', exact: true}).click();
    const dialog = smith.getByRole('dialog', {name: 'Transfer chat'});
    const target = dialog.getByRole('combobox', {name: 'Transfer to'});
    await target.locator('option', {hasText: WES.name}).waitFor({state: 'attached'});
    await target.selectOption({label: WES.name});
    await dialog.getByRole('button', {name: 'Transfer', exact: true}).click();
    await rc.getByText(`${TEST_AGENT.name} transferred the chat to ${WES.name}`).waitFor();
    await rc.getByText(WES.name, {exact: true}).first().waitFor();

    await wes.bringToFront();
    await chatList(wes).getByRole('button').first().click();
    await wes.getByLabel('Message').fill('Wes here, how can I help?');
    await wes.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('Wes here, how can I help?').waitFor();
    assert.deepEqual(problems, []);
  });
});
