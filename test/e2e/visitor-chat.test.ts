import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {chromium, type Browser, type Page} from 'playwright';
import {launchOptions} from '../helpers/chromium.mjs';
import {startTestServer, type TestServer} from '../helpers/node/server-fixture.js';

const AGENT = {username: 'agent', password: 'pw-e2e', name: 'Agent Smith'};

async function agentSession(url: string) {
  const res = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({user: AGENT.username, password: AGENT.password}),
  });
  const {data} = (await res.json()) as {data: {userId: string; authToken: string}};
  const headers = {'content-type': 'application/json', 'x-user-id': data.userId, 'x-auth-token': data.authToken};
  return {
    async openRooms(): Promise<{_id: string}[]> {
      const r = await fetch(`${url}/api/v1/livechat/rooms?open=true`, {headers});
      return ((await r.json()) as {rooms: {_id: string}[]}).rooms;
    },
    async reply(rid: string, msg: string) {
      const r = await fetch(`${url}/api/v1/chat.sendMessage`, {method: 'POST', headers, body: JSON.stringify({message: {rid, msg}})});
      assert.equal(r.status, 200);
    },
  };
}

describe('a visitor chats with an agent through the widget', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync('dist/live-chat.js'), 'dist/live-chat.js is missing: run `npm run build` first');
    // No pre-chat form here: the lifecycle tests cover it.
    server = await startTestServer({
      agents: [AGENT],
      staticDir: 'dist',
      demoPage: 'index.html',
      settings: {registrationForm: false},
    });
    browser = await chromium.launch(launchOptions());
    page = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends, receives the reply, and keeps the conversation across a reload', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The demo page runs under the server's strict CSP: any blocked script, style or
    // connection would be reported here.
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) errors.push(m.text());
    });
    const response = await page.goto(server.url);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', {name: 'Message'}).fill('Hello, is my bike ready?');
    const sent = page.evaluate(() => new Promise<void>((resolve) => {
      document.querySelector('live-chat')!.addEventListener('lc-message-sent', () => resolve(), {once: true});
    }));
    await dialog.getByRole('button', {name: 'Send'}).click();
    await sent;
    const log = dialog.getByRole('log');
    await log.getByText('Hello, is my bike ready?').waitFor();

    const agent = await agentSession(server.url);
    const rooms = await agent.openRooms();
    assert.equal(rooms.length, 1, 'exactly one room was opened');
    await agent.reply(rooms[0]._id, 'Yes, pick it up at five.');
    await log.getByText('Yes, pick it up at five.').waitFor();

    await page.reload();
    // Within restore-timeout the window comes back open, as the visitor left it.
    await page.getByRole('button', {name: 'Close chat'}).waitFor();
    const logAfter = page.getByRole('log');
    await logAfter.getByText('Hello, is my bike ready?').waitFor();
    await logAfter.getByText('Yes, pick it up at five.').waitFor();
    assert.equal(await logAfter.getByText('Hello, is my bike ready?').count(), 1, 'no duplicate after reload');
    assert.deepEqual(errors, []);
  });

  it("shows the agent's markup as formatting and safe links, and HTML as text", async () => {
    const agent = await agentSession(server.url);
    const [room] = await agent.openRooms();
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
