import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, FrameLocator, Locator, Page} from 'playwright';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {installRcWidget, rcHostPage, rcWidgetBuild} from '../helpers/node/rc-widget.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  launchBrowser,
  openPage,
  startWidgetSite,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

// Rocket.Chat's widget has no accessible names on its launcher or messages: its (pinned)
// build's class names are the only handles.
const launcher = (rc: FrameLocator) => rc.locator('button[class*="chat-button"]');
const composer = (rc: FrameLocator) => rc.locator('[contenteditable="true"]');
const typingDots = (rc: FrameLocator) => rc.locator('[class*="typing-dots"]').first();

/** Whether an image has loaded a real picture (not a broken or empty one). */
const naturalWidth = (img: Locator) =>
  img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((resolve) => el.addEventListener('load', resolve));
    return el.naturalWidth;
  });

/** A 64×48 PNG drawn by the browser: a picture a visitor could tell apart in the log. */
async function photo(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [64, 48];
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c2410c';
    context.fillRect(0, 0, 64, 48);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

const GRACE_MS = 500;

describe("Rocket.Chat's own widget (@rocket.chat/livechat 1.13.3) on the reference server", () => {
  let site: WidgetSite;
  let browser: Browser;
  let host: string;

  before(async () => {
    // A short grace, so that a visitor the server lost would show as gone within the test.
    site = await startWidgetSite({
      settings: {registrationForm: true},
      visitorOfflineGraceMs: GRACE_MS,
    });
    installRcWidget(rcWidgetBuild(), site.dir, site.url);
    host = await site.page('rc-host.html', rcHostPage(site.url));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('registers, chats with the console both ways, typing and a photo, survives a reload, and ends', async () => {
    const agent = await consoleOf(browser, site.url, TEST_AGENT);
    const {page: visitor, errors} = await openPage(browser, host);
    const rc = visitor.frameLocator('iframe');

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
    const onlineSince = Date.now();

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
    // All along, its live link kept the visitor present, well past the grace of a lost one.
    assert.ok(Date.now() - onlineSince > 2 * GRACE_MS, 'the exchange outlasted the grace');
    assert.equal(await header.getByText('Online', {exact: true}).count(), 1, 'still online');

    // A reload: Rocket.Chat's widget comes back minimised; opened, the chat is all there, once.
    await visitor.reload();
    await launcher(rc).click();
    await rc.getByText('Both done, pick it up at five.').waitFor();
    assert.equal(await rc.getByText('Hello, is my bike ready?').count(), 1);
    await header.getByText('Online', {exact: true}).waitFor();

    // The agent closes the chat: the widget says so.
    await agent.bringToFront();
    await agent.getByRole('button', {name: 'Close chat'}).click();
    await agent.getByRole('button', {name: 'Confirm close'}).click();
    await rc.getByText('Chat Finished').waitFor();
    assert.deepEqual(errors, [], 'no page error in the host page');
  });
});
