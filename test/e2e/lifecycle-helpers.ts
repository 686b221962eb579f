/**
 * What the lifecycle end-to-end tests share: a reference server serving the built widget and
 * the demo page, a browser, and an agent acting through Rocket.Chat's agent REST API.
 */
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {chromium, type Browser, type Page} from 'playwright';
import type {ServerOptions} from '../../src/server/app.js';
import {launchOptions} from '../helpers/chromium.mjs';
import {
  TEST_AGENT,
  agentLogin,
  api,
  startTestServer,
  type TestServer,
} from '../helpers/node/server-fixture.js';

/** A server on the built widget, and a browser. */
export interface Stage {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the server (with `options`) and Chromium; `close()` stops both. */
export async function startStage(options: Partial<ServerOptions> = {}): Promise<Stage> {
  assert.ok(existsSync('dist/live-chat.js'), 'dist/live-chat.js is missing: run `npm run build`');
  const server = await startTestServer({staticDir: 'dist', demoPage: 'index.html', ...options});
  let browser: Browser;
  try {
    browser = await chromium.launch(launchOptions());
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A new page that records uncaught errors (each test asserts there were none). */
export async function openPage(stage: Stage, path = '/'): Promise<{page: Page; errors: string[]}> {
  const page = await stage.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL(path, stage.server.url).href);
  return {page, errors};
}

/** An agent (the test agent unless named), logged in (which also makes them available). */
export async function agent(
  url: string, user = TEST_AGENT.username, password = TEST_AGENT.password,
) {
  const {headers} = await agentLogin(url, user, password);
  const call = async (path: string, body?: unknown, query?: Record<string, string>) => {
    const answer = await api(url, path, {body, query, headers});
    assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    async openRoomIds(): Promise<string[]> {
      const {rooms} = await call('/api/v1/livechat/rooms', undefined, {open: 'true'});
      return (rooms as {_id: string}[]).map((room) => room._id);
    },
    reply: (rid: string, msg: string) => call('/api/v1/chat.sendMessage', {message: {rid, msg}}),
    close: (rid: string) => call('/api/v1/livechat/room.closeByUser', {rid}),
    feedback: (rid: string) => call('/api/v1/livechat/room.feedback', undefined, {rid}),
    offlineMessages: () => call('/api/v1/livechat/offline.messages'),
    /** The open rooms this agent serves, as `livechat/rooms` lists them. */
    async openRooms(): Promise<Record<string, any>[]> {
      return (await call('/api/v1/livechat/rooms', undefined, {open: 'true'})).rooms;
    },
    /** A served room's messages, oldest first. */
    async roomMessages(rid: string): Promise<Record<string, any>[]> {
      return (await call('/api/v1/livechat/room.messages', undefined, {rid})).messages;
    },
    /** Takes the oldest chat waiting in the queue. */
    async takeFirstInquiry(): Promise<void> {
      const {inquiries} = await call('/api/v1/livechat/inquiries.queued');
      assert.ok(inquiries.length > 0, 'a chat waits in the queue');
      await call('/api/v1/livechat/inquiries.take', {inquiryId: inquiries[0]._id});
    },
    setAvailable: (isAvailable: boolean) =>
      call('/api/v1/livechat/agent.status', {status: isAvailable ? 'available' : 'not-available'}),
  };
}

/** Resolves once `<live-chat>` fires `name` (call before the action that causes it). */
export function nextWidgetEvent(page: Page, name: string): Promise<unknown> {
  return page.evaluate(
    (eventName) =>
      new Promise((resolve) => {
        document.querySelector('live-chat')!.addEventListener(
          eventName,
          (event) => resolve((event as CustomEvent).detail ?? {}),
          {once: true},
        );
      }),
    name,
  );
}
