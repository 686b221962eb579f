import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser} from 'playwright';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {naturalWidth, rcComposer, rcLauncher, rcSay} from '../helpers/node/rc-widget.js';
import {rcSite, rcVisitor} from '../helpers/node/rc-site.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {type WidgetSite} from '../helpers/node/widget-site.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ORDER_FIELD = {
  _id: 'orderNumber',
  label: 'Order number',
  type: 'input' as const,
  scope: 'visitor' as const,
  visibility: 'visible',
};
const GREETING = {
  _id: 'host-greeting',
  name: 'On the host page',
  enabled: true,
  runOnce: true,
  conditions: [{name: 'chat-opened-by-visitor' as const}],
  actions: [
    {
      name: 'send-message' as const,
      params: {sender: 'custom' as const, name: 'Kettle bot', msg: 'Need a hand with your bike?'},
    },
  ],
};

describe("Rocket.Chat's widget on the reference server: what a visitor does in a chat", () => {
  let site: WidgetSite;
  let browser: Browser;
  let host: string;

  before(async () => {
    ({site, host, browser} = await rcSite({
      settings: {registrationForm: true, customFields: [ORDER_FIELD], triggers: [GREETING]},
    }));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it("registers with a custom field, is greeted by a trigger, sends markdown, emoji, a long text and a PDF, and shows its agent's name, picture and presence", async () => {
    const agent = await consoleOf(browser, site.url, TEST_AGENT);
    const {page: visitor, rc, problems} = await rcVisitor(browser, host);

    // Its pre-chat form shows the custom field from our config, and saves what was typed.
    await rcLauncher(rc).click();
    await rc.locator('input[name="name"]').fill('Rita Visitor');
    await rc.locator('input[name="email"]').fill('rita@example.com');
    await rc.locator('input[name="orderNumber"]').fill('A-1234');
    await rc.getByRole('button', {name: /start chat/i}).click();

    // The trigger from Settings speaks once the visitor has registered. Its widget arms a
    // trigger once per page visit it reports (two here), so the text may show twice.
    await rc.getByText('Need a hand with your bike?').first().waitFor();
    await rc.getByRole('button', {name: 'Start chat'}).click();

    // Markdown and emoji, the widget's own shortcode included; then a long text, pasted.
    await rcSay(visitor, 'Is it *ready* :smile: 👍');
    const long = `${'spoke '.repeat(600)}END`;
    await rcComposer(rc).click();
    await rcComposer(rc).evaluate((el, text) => {
      el.textContent = text;
      el.dispatchEvent(new InputEvent('input', {bubbles: true}));
    }, long);
    await visitor.keyboard.press('Enter');

    await agent.bringToFront();
    await chatList(agent)
      .getByRole('button', {name: /Rita Visitor/})
      .click();
    const conversation = agent.getByRole('log');
    await conversation.getByText('Is it ready 😄 👍').waitFor();
    assert.equal(await conversation.locator('strong, b, em').getByText('ready').count(), 1);
    await conversation.getByText(long).waitFor();
    const panel = agent.getByRole('complementary', {name: 'Visitor details'});
    await panel.getByText('Order number').waitFor();
    await panel.getByText('A-1234').waitFor();

    // The agent's markdown comes out formatted in its widget.
    await agent.getByLabel('Message').fill('It is *done* now');
    await agent.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('It is done now').locator('strong', {hasText: 'done'}).waitFor();

    // A PDF through its "+" button: the agent gets a link that serves the file.
    await visitor.bringToFront();
    const chooser = visitor.waitForEvent('filechooser');
    await rc.locator('button[class*="composer__action"]').last().click();
    await (await chooser).setFiles({name: 'order.pdf', mimeType: 'application/pdf', buffer: PDF});
    const link = conversation.getByRole('link', {name: /order\.pdf/});
    await link.waitFor();
    const download = await link.evaluate(async (a: HTMLAnchorElement) => {
      const response = await fetch(a.href);
      return {type: response.headers.get('content-type'), body: await response.text()};
    });
    assert.match(download.type ?? '', /^application\/pdf/);
    assert.equal(download.body, PDF.toString());

    // Its header names the agent with their picture; its chime is the server's sound.
    const header = rc.locator('header').first();
    await header.getByText(TEST_AGENT.name).waitFor();
    const avatar = header.locator(`img[src$="/avatar/${TEST_AGENT.username}"]`);
    assert.ok((await naturalWidth(avatar)) > 0, 'the picture loads');
    const sound = await rc.locator('audio').evaluate(async (audio: HTMLAudioElement) => {
      const response = await fetch(audio.src);
      return {src: audio.src, type: response.headers.get('content-type')};
    });
    assert.equal(sound.src, `${site.url}/sounds/chime.wav`);
    assert.match(sound.type ?? '', /^audio\//);

    // The agent steps away and back: the dot on their picture follows.
    const toggle = agent.getByRole('switch', {name: 'Available'});
    await toggle.click();
    await header.locator('[class*="status-away"]').waitFor();
    await toggle.click();
    await header.locator('[class*="status-online"]').waitFor();
    assert.deepEqual(problems, []);
  });
});

describe("Rocket.Chat's widget on the reference server: a trigger that speaks for the next agent", () => {
  let stage: Awaited<ReturnType<typeof rcSite>>;

  before(async () => {
    stage = await rcSite({
      settings: {
        registrationForm: false,
        triggers: [
          {
            _id: 'welcome',
            enabled: true,
            runOnce: true,
            conditions: [{name: 'time-on-site', value: '1'}],
            actions: [
              {name: 'send-message', params: {sender: 'queue', msg: 'Welcome to the bike shop!'}},
            ],
          },
        ],
      },
    });
  });

  after(async () => {
    await stage?.browser.close();
    await stage?.site.close();
  });

  it('greets after a second on the page in the name of the agent who then answers', async () => {
    const agent = await consoleOf(stage.browser, stage.site.url, TEST_AGENT);
    const {page: visitor, rc, problems} = await rcVisitor(stage.browser, stage.host);
    // As with the trigger above, the widget may say it twice.
    await rc.getByText('Welcome to the bike shop!').first().waitFor();
    await rc.getByRole('button', {name: 'Start chat'}).click();
    await rc.locator('header').getByText(TEST_AGENT.name).waitFor();
    await rcSay(visitor, 'Hello back');

    await agent.bringToFront();
    await chatList(agent).getByRole('button').first().click();
    await agent.getByRole('log').getByText('Hello back').waitFor();
    await agent.getByLabel('Message').fill('How can I help?');
    await agent.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('How can I help?').waitFor();
    assert.deepEqual(problems, []);
  });
});

describe("Rocket.Chat's widget on the reference server: the agent's details hidden", () => {
  let stage: Awaited<ReturnType<typeof rcSite>>;

  before(async () => {
    stage = await rcSite({settings: {registrationForm: false, agentHiddenInfo: true}});
  });

  after(async () => {
    await stage?.browser.close();
    await stage?.site.close();
  });

  it("keeps the agent's name and picture out of its header while they chat", async () => {
    const agent = await consoleOf(stage.browser, stage.site.url, TEST_AGENT);
    const {page: visitor, rc, problems} = await rcVisitor(stage.browser, stage.host);
    await rcLauncher(rc).click();
    await rcSay(visitor, 'Who am I talking to?');
    await agent.bringToFront();
    await chatList(agent).getByRole('button').first().click();
    await agent.getByRole('log').getByText('Who am I talking to?').waitFor();
    await agent.getByLabel('Message').fill('The bike shop.');
    await agent.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('The bike shop.').waitFor();
    // The server hides them (agent.info and agentData say `hiddenInfo`), so its header keeps
    // its own title, and no message names the agent.
    await rc.locator('header').getByText('Live chat').waitFor();
    assert.doesNotMatch(await rc.locator('body').innerText(), /Agent Smith|agent/);
    assert.equal(await rc.locator(`img[src$="/avatar/${TEST_AGENT.username}"]`).count(), 0);
    assert.deepEqual(problems, []);
  });
});
