import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright';
import WebSocket from 'ws';
import {launchOptions} from '../helpers/chromium.mjs';
import {startServer, type RunningServer, type ServerOptions} from '../../src/server/app.js';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const AGENT = {username: 'agent', password: 'pw', name: 'Agent Smith'};

interface Visitor {
  token: string;
  username: string;
  rid: string;
}

interface HistoryMessage {
  _id: string;
  msg: string;
  t?: string;
  u: {username: string};
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, 200, `POST ${url}: ${JSON.stringify(json)}`);
  return json;
}

async function createVisitor(base: string, name: string): Promise<Visitor> {
  const token = randomBytes(16).toString('hex');
  const {visitor} = (await post(`${base}/api/v1/livechat/visitor`, {visitor: {token, name}})) as {
    visitor: {username: string};
  };
  const res = await fetch(`${base}/api/v1/livechat/room?token=${token}`);
  const {room} = (await res.json()) as {room: {_id: string}};
  return {token, username: visitor.username, rid: room._id};
}

async function visitorSays(base: string, visitor: Visitor, msg: string): Promise<void> {
  const _id = randomBytes(8).toString('hex');
  await post(`${base}/api/v1/livechat/message`, {token: visitor.token, rid: visitor.rid, msg, _id});
}

async function history(base: string, visitor: Visitor): Promise<HistoryMessage[]> {
  const res = await fetch(
    `${base}/api/v1/livechat/messages.history/${visitor.rid}?token=${visitor.token}`,
  );
  return ((await res.json()) as {messages: HistoryMessage[]}).messages;
}

/** A bare visitor DDP session, to type to the agent and to watch the agent type. */
async function visitorSocket(base: string, visitor: Visitor) {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/websocket`);
  const frames: Record<string, unknown>[] = [];
  const waiters: {test: (f: Record<string, unknown>) => boolean; resolve: () => void}[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    if (frame.msg === 'ping') ws.send(JSON.stringify({msg: 'pong', id: frame.id}));
    frames.push(frame);
    for (const w of [...waiters]) {
      if (!w.test(frame)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const waitFor = (test: (f: Record<string, unknown>) => boolean) =>
    frames.some(test)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({test, resolve}));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({msg: 'connect', version: '1', support: ['1']}));
  await waitFor((f) => f.msg === 'connected');
  let nextId = 1;
  const extra = {token: visitor.token, visitorToken: visitor.token};
  const activity = `${visitor.rid}/user-activity`;
  return {
    async typing(isTyping: boolean) {
      const id = String(nextId++);
      const params = [activity, visitor.username, isTyping ? ['user-typing'] : [], extra];
      ws.send(JSON.stringify({msg: 'method', id, method: 'stream-notify-room', params}));
      await waitFor((f) => f.msg === 'result' && f.id === id);
    },
    async watchActivity() {
      const id = `s${nextId++}`;
      const params = [activity, {useCollection: false, args: [extra]}];
      ws.send(JSON.stringify({msg: 'sub', id, name: 'stream-notify-room', params}));
      await waitFor((f) => f.msg === 'ready' && Array.isArray(f.subs) && f.subs.includes(id));
    },
    agentTyping(username: string) {
      return waitFor((f) => {
        const fields = f.fields as {eventName?: string; args?: unknown[]} | undefined;
        return (
          f.msg === 'changed' &&
          fields?.eventName === activity &&
          fields.args?.[0] === username &&
          JSON.stringify(fields.args[1]) === '["user-typing"]'
        );
      });
    },
    close: () => ws.close(),
  };
}

describe('the agent console', () => {
  let dataDir: string;
  let options: ServerOptions;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  async function logIn(target: Page, password = AGENT.password): Promise<void> {
    await target.goto(`${server.url}/agent/`);
    await target.getByLabel('Username').fill(AGENT.username);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', {name: 'Log in'}).click();
  }

  const chatList = () => page.getByRole('navigation', {name: /Open chats/});
  const conversation = () => page.getByRole('log');

  before(async () => {
    assert.ok(
      existsSync(join(DIST, 'agent', 'index.html')),
      'dist/agent is missing: run `npx vite build -c vite.agent.config.ts` first',
    );
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-agent-'));
    options = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      agents: [AGENT],
      staticDir: DIST,
      logger: false,
      // Six visitors and a dozen messages from one address would hit Rocket.Chat's limits.
      rateLimit: false,
    };
    server = await startServer(options);
    browser = await chromium.launch(launchOptions());
    context = await browser.newContext({viewport: {width: 1024, height: 768}});
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The console runs under the server's strict CSP: anything it blocks is reported here.
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) pageErrors.push(m.text());
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, {recursive: true, force: true});
  });

  it('refuses a wrong password with a visible error', async () => {
    await logIn(page, 'not-the-password');
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    assert.equal(await page.getByRole('navigation', {name: 'Sections'}).count(), 0);
  });

  it('logs in, reads a chat, replies, and gets live messages without a reload', async () => {
    const visitor = await createVisitor(server.url, 'Ada Visitor');
    await visitorSays(server.url, visitor, 'Hello, my order has not arrived.');

    await logIn(page);
    await chatList()
      .getByRole('button', {name: /Ada Visitor/})
      .click();
    await conversation().getByText('Hello, my order has not arrived.').waitFor();

    await page.getByLabel('Message').fill('Sorry to hear that, let me check.');
    await page.getByRole('button', {name: 'Send'}).click();
    await page
      .locator('li.message.agent.sent', {hasText: 'Sorry to hear that, let me check.'})
      .waitFor();
    const replies = (await history(server.url, visitor)).filter(
      (m) => m.msg === 'Sorry to hear that, let me check.',
    );
    assert.equal(replies.length, 1, 'the visitor can read the reply exactly once');
    assert.equal(replies[0].u.username, AGENT.username);

    await visitorSays(server.url, visitor, 'Order number 4711.');
    await conversation().getByText('Order number 4711.').waitFor();
  });

  it('shows the visitor typing, and the visitor sees the agent typing', async () => {
    const visitor = await createVisitor(server.url, 'Tom Typist');
    await visitorSays(server.url, visitor, 'Quick question');
    await chatList()
      .getByRole('button', {name: /Tom Typist/})
      .click();
    await conversation().getByText('Quick question').waitFor();

    const socket = await visitorSocket(server.url, visitor);
    try {
      await socket.typing(true);
      await page.getByText('Tom Typist is typing…').waitFor();
      await socket.typing(false);
      await page.getByText('Tom Typist is typing…').waitFor({state: 'hidden'});

      await socket.watchActivity();
      const seen = socket.agentTyping(AGENT.username);
      await page.getByLabel('Message').pressSequentially('One moment');
      await seen;
    } finally {
      socket.close();
    }
  });

  it('marks unread chats, badges the tab title, and stays logged in on reload', async () => {
    const visitor = await createVisitor(server.url, 'Una Waiting');
    await visitorSays(server.url, visitor, 'First');
    const entry = chatList().getByRole('button', {name: /Una Waiting/});
    await entry.waitFor();
    await visitorSays(server.url, visitor, 'Second');
    await entry.getByText(/^\d+ unread$/).waitFor();
    await page.waitForFunction(() => /^\(\d+\) Agent console$/.test(document.title));

    await entry.click();
    await conversation().getByText('Second').waitFor();
    await entry.getByText(/^\d+ unread$/).waitFor({state: 'detached'});
    await page.waitForFunction(() => document.title === 'Agent console');

    await page.reload();
    await chatList()
      .getByRole('button', {name: /Una Waiting/})
      .waitFor();
    assert.equal(await page.getByRole('button', {name: 'Log in'}).count(), 0);
  });

  it('closes a chat for both sides', async () => {
    const visitor = await createVisitor(server.url, 'Carl Closer');
    await visitorSays(server.url, visitor, 'Thanks, that is all.');
    await chatList()
      .getByRole('button', {name: /Carl Closer/})
      .click();
    await conversation().getByText('Thanks, that is all.').waitFor();

    await page.getByRole('button', {name: 'Close chat'}).click();
    await page.getByLabel('Closing comment (optional)').fill('Resolved');
    await page.getByRole('button', {name: 'Confirm close'}).click();
    await page.getByRole('status').getByText('This chat is closed').waitFor();
    await chatList()
      .getByRole('button', {name: /Carl Closer/})
      .waitFor({state: 'detached'});
    assert.equal(await page.getByLabel('Message').isDisabled(), true);

    const closing = (await history(server.url, visitor)).find((m) => m.t === 'livechat-close');
    assert.ok(closing, 'the visitor receives livechat-close');
  });

  it('works at phone width: list first, then the conversation with a way back', async () => {
    const phone = await browser.newContext({viewport: {width: 390, height: 844}});
    phone.setDefaultTimeout(10_000);
    const small = await phone.newPage();
    try {
      const visitor = await createVisitor(server.url, 'Pia Phone');
      await visitorSays(server.url, visitor, 'Writing from my phone');
      await logIn(small);
      await small.getByRole('button', {name: /Pia Phone/}).click();
      await small.getByRole('log').getByText('Writing from my phone').waitFor();
      assert.equal(await small.getByRole('navigation', {name: /Open chats/}).isVisible(), false);
      await small.getByRole('button', {name: 'Back to chats'}).click();
      await small.getByRole('button', {name: /Pia Phone/}).waitFor();
    } finally {
      await phone.close();
    }
  });

  it('reconnects after a server restart and shows what was said meanwhile', async () => {
    const visitor = await createVisitor(server.url, 'Rita Restart');
    await visitorSays(server.url, visitor, 'Before the restart');
    await chatList()
      .getByRole('button', {name: /Rita Restart/})
      .click();
    await conversation().getByText('Before the restart').waitFor();

    await server.close();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    server = await startServer({...options, port: server.port});
    await visitorSays(server.url, visitor, 'After the restart');
    await conversation().getByText('After the restart').waitFor();
    await page.getByText('Connection lost. Reconnecting…').waitFor({state: 'hidden'});
    await visitorSays(server.url, visitor, 'Still live?');
    await conversation().getByText('Still live?').waitFor();

    await page.getByLabel('Message').fill('Welcome back');
    await page.getByRole('button', {name: 'Send'}).click();
    await page.locator('li.message.agent.sent', {hasText: 'Welcome back'}).waitFor();
  });

  it('shows a name with bidi overrides in reading order, isolated from the text around it', async () => {
    const visitor = await createVisitor(server.url, '\u202eMallory');
    await visitorSays(server.url, visitor, 'Look at my name');
    const row = chatList().getByRole('button', {name: /Mallory/});
    await row.waitFor();
    // The letters sit left to right on screen, as written: the override did not apply.
    const layout = await row.locator('.name').evaluate((name) => {
      // Lit leaves comment markers around bindings: take the text node.
      const node = [...name.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
      const lefts = [...(node.textContent ?? '')].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      });
      return {tag: name.tagName, text: name.textContent, lefts};
    });
    assert.equal(layout.tag, 'BDI');
    assert.equal(layout.text, 'Mallory');
    for (let i = 1; i < layout.lefts.length; i++) {
      assert.ok(layout.lefts[i] > layout.lefts[i - 1], `letter ${i} after letter ${i - 1}`);
    }
    await row.click();
    assert.equal(await page.locator('#title bdi').textContent(), 'Mallory');
  });

  it('goes back to the login form at once when its session is logged out elsewhere', async () => {
    const stored = await page.evaluate(() => sessionStorage.getItem('live-chat-agent-session'));
    const {userId, authToken} = JSON.parse(stored ?? '{}') as {userId: string; authToken: string};
    const out = await fetch(`${server.url}/api/v1/logout`, {
      method: 'POST',
      headers: {'x-user-id': userId, 'x-auth-token': authToken},
    });
    assert.equal(out.status, 200);
    await page
      .getByRole('alert')
      .getByText('Your session has ended. Please log in again.')
      .waitFor();
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    await logIn(page);
    await chatList().waitFor();
  });

  it('logs out back to the login form, and threw no page errors or CSP violations', async () => {
    await page.getByRole('button', {name: 'Log out'}).click();
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    const response = await page.reload();
    const headers = response?.headers() ?? {};
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.equal(headers['x-frame-options'], 'DENY');
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
