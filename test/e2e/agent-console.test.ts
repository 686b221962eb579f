import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {
  TEST_AGENT,
  api,
  connectDdp,
  createVisitorWithRoom,
  visitorSays,
  visitorSubArgs,
  type TestServer,
  type TestVisitor,
} from '../helpers/node/server-fixture.js';
import {
  chatList as chatListOf,
  logIn,
  logInAt,
  openConsole,
  sections,
  submitLogin,
  waitForFocus,
} from '../helpers/node/console-page.js';
import {useWidgetSuite, type ShopSuite} from '../helpers/node/widget-site.js';

interface HistoryMessage {
  _id: string;
  msg: string;
  t?: string;
  u: {username: string};
}

/** What the visitor reads in its room, over the visitor's own REST API. */
async function history(base: string, visitor: TestVisitor): Promise<HistoryMessage[]> {
  const {body} = await api(base, `/api/v1/livechat/messages.history/${visitor.rid}`, {
    query: {token: visitor.token},
  });
  return (body as {messages: HistoryMessage[]}).messages;
}

/** A bare visitor DDP session, to type to the agent and to watch the agent type. */
async function visitorSocket(base: string, visitor: TestVisitor) {
  const ddp = await connectDdp(base);
  const extra = {token: visitor.token, visitorToken: visitor.token};
  const activity = `${visitor.rid}/user-activity`;
  const username = visitor.visitor.username as string;
  return {
    async typing(isTyping: boolean) {
      await ddp.call('stream-notify-room', [
        activity,
        username,
        isTyping ? ['user-typing'] : [],
        extra,
      ]);
    },
    async watchActivity() {
      await ddp.subscribe('stream-notify-room', [activity, visitorSubArgs(visitor.token)]);
    },
    agentTyping(agent: string) {
      return ddp.next((f) => {
        const fields = f.fields as {eventName?: string; args?: unknown[]} | undefined;
        return (
          f.msg === 'changed' &&
          fields?.eventName === activity &&
          fields.args?.[0] === agent &&
          JSON.stringify(fields.args[1]) === '["user-typing"]'
        );
      }, 30_000);
    },
    close: () => ddp.close(),
  };
}

const createVisitor = (base: string, name: string) => createVisitorWithRoom(base, {name});

describe('the agent console', () => {
  let suite: ShopSuite;
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];
  // Six visitors and a dozen messages from one address would hit Rocket.Chat's limits: the
  // harness's servers run without them.
  useWidgetSuite(async (started) => {
    suite = started;
    server = started.site.server;
    // The console runs under the server's strict CSP: anything it blocks is reported too.
    const opened = await openConsole(suite.browser, server.url, {
      viewport: {width: 1024, height: 768},
      csp: true,
    });
    page = opened.page;
    pageErrors = opened.errors;
  });

  const chatList = () => chatListOf(page);
  const conversation = () => page.getByRole('log');

  it('refuses a wrong password with a visible error', async () => {
    await submitLogin(page, {...TEST_AGENT, password: 'not-the-password'});
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    assert.equal(await sections(page).count(), 0);
  });

  it('logs in, reads a chat, replies, and gets live messages without a reload', async () => {
    const visitor = await createVisitor(server.url, 'Ada Visitor');
    await visitorSays(server.url, visitor, 'Hello, my order has not arrived.');

    await logInAt(page, server.url, TEST_AGENT);
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
    assert.equal(replies[0].u.username, TEST_AGENT.username);

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
      const seen = socket.agentTyping(TEST_AGENT.username);
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
    await waitForFocus(page, '[role="log"]');

    const closing = (await history(server.url, visitor)).find((m) => m.t === 'livechat-close');
    assert.ok(closing, 'the visitor receives livechat-close');
  });

  it('works at phone width: list first, then the conversation with a way back', async () => {
    const visitor = await createVisitor(server.url, 'Pia Phone');
    await visitorSays(server.url, visitor, 'Writing from my phone');
    const {context: phone, page: small} = await openConsole(suite.browser, server.url, {
      viewport: {width: 390, height: 844},
    });
    try {
      await submitLogin(small, TEST_AGENT);
      await small.getByRole('button', {name: /Pia Phone/}).click();
      await small.getByRole('log').getByText('Writing from my phone').waitFor();
      assert.equal(await chatListOf(small).isVisible(), false);
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

    await suite.site.server.stop();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    await suite.site.server.restart();
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
    const stored = await page.evaluate(() => localStorage.getItem('live-chat-agent-session'));
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
    await logInAt(page, server.url, TEST_AGENT);
    await chatList().waitFor();
  });

  it('is logged in in a second tab too, and a logout in either tab logs both out', async () => {
    const second = await page.context().newPage();
    try {
      await second.goto(`${server.url}/agent/`);
      // No login form: the console opens on the chats, as in the first tab.
      await chatListOf(second).waitFor();
      await second.getByRole('button', {name: 'Log out'}).click();
      await page.getByRole('alert').getByText('You logged out in another tab.').waitFor();
      await page.getByRole('button', {name: 'Log in'}).waitFor();
      // Logging in again here logs the second tab in as well.
      await logIn(page, TEST_AGENT);
      await chatListOf(second).waitFor();
      await page.getByRole('button', {name: 'Log out'}).click();
      await second.getByRole('button', {name: 'Log in'}).waitFor();
      await logIn(page, TEST_AGENT);
    } finally {
      await second.close();
    }
  });

  it('logs out back to the login form, and threw no page errors or CSP violations', async () => {
    await page.getByRole('button', {name: 'Log out'}).click();
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    const response = await page.reload();
    const headers = response?.headers() ?? {};
    assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.equal(headers['x-frame-options'], 'DENY');
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    // Logged in again, the keyboard is on the section shown, not lost to the page.
    await logIn(page, TEST_AGENT);
    await waitForFocus(page, 'nav a[aria-current="page"]');
    assert.deepEqual(pageErrors, []);
  });
});
