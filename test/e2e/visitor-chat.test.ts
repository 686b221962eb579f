import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {agentOf, startDemoSuite, type WidgetSuite} from '../helpers/node/widget-site.js';

const AGENT = {username: 'agent', password: 'pw-e2e', name: 'Agent Smith'};

describe('a visitor chats with an agent through the widget', () => {
  let suite: WidgetSuite;
  let page: Page;

  before(async () => {
    // No pre-chat form here: the lifecycle tests cover it.
    suite = await startDemoSuite({agents: [AGENT], settings: {registrationForm: false}});
    page = await suite.browser.newPage();
  });

  after(() => suite?.close());

  it('sends, receives the reply, and keeps the conversation across a reload', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The demo page runs under the server's strict CSP: any blocked script, style or
    // connection would be reported here.
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) errors.push(m.text());
    });
    const response = await page.goto(suite.site.url);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', {name: 'Message'}).fill('Hello, is my bike ready?');
    const sent = page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          document
            .querySelector('live-chat')!
            .addEventListener('lc-message-sent', () => resolve(), {once: true});
        }),
    );
    await dialog.getByRole('button', {name: 'Send'}).click();
    await sent;
    const log = dialog.getByRole('log');
    await log.getByText('Hello, is my bike ready?').waitFor();

    const agent = await agentOf(suite.site.url, AGENT);
    const rooms = await agent.rooms();
    assert.equal(rooms.length, 1, 'exactly one room was opened');
    await agent.reply(rooms[0]._id, 'Yes, pick it up at five.');
    await log.getByText('Yes, pick it up at five.').waitFor();

    await page.reload();
    // Within restore-timeout the window comes back open, as the visitor left it.
    await page.getByRole('button', {name: 'Close chat'}).waitFor();
    const logAfter = page.getByRole('log');
    await logAfter.getByText('Hello, is my bike ready?').waitFor();
    await logAfter.getByText('Yes, pick it up at five.').waitFor();
    assert.equal(
      await logAfter.getByText('Hello, is my bike ready?').count(),
      1,
      'no duplicate after reload',
    );
    // The chunks (named after their content) came from the browser's cache, and so did the
    // entry (its newer copy, if any, is asked for meanwhile): no download before the widget.
    const sizes = (source: string) =>
      page.evaluate(
        (pattern) =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => new RegExp(pattern).test(entry.name))
            .map((entry) => (entry as PerformanceResourceTiming).transferSize),
        source,
      );
    const chunks = await sizes(String.raw`-[\w-]{8}\.js$`);
    assert.ok(chunks.length >= 2, 'the engine and the window chunks');
    assert.deepEqual(
      chunks,
      chunks.map(() => 0),
      'every chunk from the cache',
    );
    assert.ok(
      (await sizes(String.raw`/live-chat\.js$`)).includes(0),
      'live-chat.js from the cache',
    );
    assert.deepEqual(errors, []);
  });

  it('shows the agent and "End chat" on the next page before the server has answered', async () => {
    // The server is slow to say how the chat stands: the stored session already knows.
    let answer = () => {};
    const slow = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/v1/livechat/config*', async (route) => {
      await slow;
      await route.continue();
    });
    try {
      await page.reload();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', {name: 'End chat'}).waitFor();
      await dialog.locator('lc-agent-card').getByText(AGENT.name).waitFor();
      await dialog.getByRole('log').getByText('Yes, pick it up at five.').waitFor();
    } finally {
      answer();
      await page.unrouteAll({behavior: 'wait'});
    }
    // Once the server answers, the chat goes on as it was: the agent's next reply arrives.
    const agent = await agentOf(suite.site.url, AGENT);
    const [room] = await agent.rooms();
    await agent.reply(room._id, 'See you at five.');
    await page.getByRole('log').getByText('See you at five.').waitFor();
  });

  it("shows the agent's markup as formatting and safe links, and HTML as text", async () => {
    const agent = await agentOf(suite.site.url, AGENT);
    const [room] = await agent.rooms();
    await agent.reply(
      room._id,
      '*Tuesday* works :+1: [book here](https://example.com/book) <b>no</b> ' +
        '[x](javascript:alert(1))',
    );
    const log = page.getByRole('dialog').getByRole('log');
    await log.locator('strong', {hasText: 'Tuesday'}).waitFor();
    const text = log.locator('.message.agent .text').last();
    assert.equal(
      await text.textContent(),
      'Tuesday works 👍 book here <b>no</b> [x](javascript:alert(1))',
    );
    const link = text.locator('a');
    assert.equal(await link.count(), 1, 'only the https link is a link');
    assert.equal(await link.getAttribute('href'), 'https://example.com/book');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(await text.locator('b').count(), 0);
  });
});
