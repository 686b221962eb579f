import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type Page} from 'playwright';
import {launchOptions} from '../helpers/chromium.mjs';
import {startServer, type RunningServer} from '../../src/server/app.js';
import {logIn} from '../helpers/node/console-page.js';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const AGENT = {username: 'agent', password: 'pw', name: 'Agent Smith'};

async function visitorCall(base: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}/api/v1/livechat/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(json)}`);
  return json;
}

describe('the agent console inbox: offline messages, queue and visitor feedback', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(join(DIST, 'agent', 'index.html')), 'dist/agent is missing: build first');
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-inbox-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      agents: [AGENT],
      staticDir: DIST,
      logger: false,
      rateLimit: false,
      settings: {routing: 'manual', transcript: true},
    });
    browser = await chromium.launch(launchOptions());
    const context = await browser.newContext({viewport: {width: 1024, height: 768}});
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/agent/`);
    await logIn(page, AGENT);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, {recursive: true, force: true});
  });

  const sections = () => page.getByRole('navigation', {name: 'Sections'});

  it("shows a visitor's offline message, unread until the agent marks it read", async () => {
    await visitorCall(server.url, 'offline.message', {
      name: 'Nia Night',
      email: 'nia@example.com',
      message: 'Can you true my wheel on Saturday?',
    });
    await sections()
      .getByRole('link', {name: /Offline messages/})
      .click();
    const list = page.getByRole('list', {name: 'Offline messages'});
    const card = list.getByRole('article', {name: /Nia Night/});
    await card.getByText('Can you true my wheel on Saturday?').waitFor();
    await card.getByText('nia@example.com').waitFor();
    await card.getByText('Unread', {exact: true}).waitFor();
    await sections()
      .getByRole('link', {name: /Offline messages 1 unread/})
      .waitFor();
    await card.getByRole('button', {name: 'Mark as read'}).click();
    await card.getByText('Unread', {exact: true}).waitFor({state: 'detached'});
    await page.getByRole('heading', {name: 'Offline messages (0 unread)'}).waitFor();
    await card.getByRole('button', {name: 'Mark as unread'}).waitFor();
  });

  it('lists a waiting chat in the queue and opens it once taken', async () => {
    const token = randomBytes(16).toString('hex');
    await visitorCall(server.url, 'visitor', {
      visitor: {token, name: 'Quinn Queue', email: 'quinn@example.com'},
    });
    const opened = await fetch(`${server.url}/api/v1/livechat/room?token=${token}`);
    const {room} = (await opened.json()) as {room: {_id: string}};
    await visitorCall(server.url, 'message', {token, rid: room._id, msg: 'Is my bike ready?'});
    await sections()
      .getByRole('link', {name: /Queue 1 waiting/})
      .click();
    const waiting = page
      .getByRole('list', {name: 'Waiting chats'})
      .getByRole('article', {name: /Quinn Queue/});
    await waiting.getByText('Is my bike ready?').waitFor();
    await waiting.getByRole('button', {name: 'Take the chat with Quinn Queue'}).click();
    await page.getByRole('log').getByText('Is my bike ready?').waitFor();
    await page.getByRole('heading', {name: 'Quinn Queue'}).waitFor();

    await visitorCall(server.url, 'room.close', {token, rid: room._id});
    await page.getByRole('status').getByText('This chat is closed').waitFor();
    await visitorCall(server.url, 'room.survey', {
      token,
      rid: room._id,
      data: [
        {name: 'satisfaction', value: '5'},
        {name: 'additionalFeedback', value: 'Great service'},
      ],
    });
    const feedback = page.getByRole('region', {name: 'Visitor feedback'});
    await feedback.getByText('Satisfaction').waitFor();
    await feedback.getByText('Great service').waitFor();
    assert.equal(await feedback.locator('dd').first().textContent(), '5');
    await visitorCall(server.url, 'transcript', {token, rid: room._id, email: 'quinn@example.com'});
    await feedback
      .getByRole('list', {name: 'Transcript requests'})
      .getByText('quinn@example.com')
      .waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
